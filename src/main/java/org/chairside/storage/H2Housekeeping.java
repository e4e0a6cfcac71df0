package org.chairside.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the H2 database file from growing with every reading ever charted.
 *
 * <p>H2 never changes a page in place: a commit writes the pages it changed as a new chunk, and the chunks
 * before it keep whatever of theirs is still live. H2's background thread moves those live pages out of sparse
 * chunks so the space can be used again. {@code WRITE_DELAY=0}, which makes every commit reach the file before
 * the answer (the kill -9 promise), also switches that thread off, and with it the clean-up: the file then grew
 * by about 7 KB per reading charted, 88 % of it dead space. This job does the clean-up in its place, a bounded
 * amount per pass, and writes what it moved in a commit of its own so that the charting writer's next commit does
 * not carry it.
 *
 * <p>It also forces the file to the disk every {@code chairside.h2.sync-every} ({@link #sync}). On PostgreSQL it does
 * nothing.
 */
@ApplicationScoped
public class H2Housekeeping {
    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class);
    /** Chunks at most this full (live bytes) have their live pages rewritten; H2's own thread uses 81 % when busy. */
    private static final int REWRITE_BELOW_FILL_RATE = 80;
    /** The file is compacted (chunks moved forward, the tail cut off) once less than this much of it is in use. */
    private static final int MOVE_BELOW_FILE_FILL_RATE = 60;

    private final AgroalDataSource dataSource;
    /** Live bytes of sparse chunks a pass rewrites at most. */
    private final long rewritePerPass;
    /** Set at the first look at the database: a PostgreSQL instance need not borrow a connection every second. */
    private volatile boolean notH2;
    private volatile boolean stopping;

    public H2Housekeeping(AgroalDataSource dataSource,
                          @ConfigProperty(name = "chairside.h2.housekeeping.rewrite-per-pass") MemorySize rewritePerPass) {
        this.dataSource = dataSource;
        this.rewritePerPass = rewritePerPass.asLongValue();
    }

    void onStop(@Observes ShutdownEvent event) {
        // The scheduler can still fire while the connection pool closes.
        stopping = true;
    }

    @Scheduled(every = "${chairside.h2.housekeeping.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            Pass pass = pass();
            if (pass != null && (pass.rewritten() || pass.moveMillis() >= 0)) {
                LOG.debugf("H2 housekeeping: %s", pass);
            }
        } catch (RuntimeException | SQLException e) {
            if (!stopping) {
                // The next pass tries again; charting never depends on this job.
                LOG.warn("H2 housekeeping failed", e);
            }
        }
    }

    @Scheduled(every = "${chairside.h2.sync-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void syncTick() {
        if (stopping) {
            return;
        }
        try {
            sync();
        } catch (RuntimeException | SQLException e) {
            if (!stopping) {
                LOG.warn("Forcing the H2 file to the disk failed", e);
            }
        }
    }

    /**
     * Forces what H2 wrote to the disk. {@code WRITE_DELAY=0} puts every commit in the operating system's page cache
     * before its answer: that survives a kill -9, not a power cut or a kernel crash, and the kernel writes it back only
     * once it is 30 s old, hundreds of MB at once after a busy half-minute. ext4 then holds every write that needs its
     * journal, the charting writer's among them, until that is on the disk: alerts reached dashboards 0.4-1.2 s late
     * for a second or two (src/bench/FINDINGS.md, twenty-ninth round). Forced every second, what is not yet on the
     * disk stays small, and so does what a power cut could take. It takes no H2 lock: commits go on meanwhile.
     *
     * @return whether there was an H2 file to force (false on PostgreSQL)
     */
    public boolean sync() throws SQLException {
        return Boolean.TRUE.equals(withStore(store -> {
            store.sync();
            return true;
        }));
    }

    /**
     * One bounded pass.
     *
     * @return what the file looked like before and after, or null when the database is not an H2 file
     */
    public Pass pass() throws SQLException {
        return withStore(store -> {
            Snapshot before = Snapshot.of(store);
            // Only chunks older than H2's retention time qualify, so nothing a crash could need is touched.
            long started = System.nanoTime();
            boolean rewritten = store.compact(REWRITE_BELOW_FILL_RATE, (int) Math.min(Integer.MAX_VALUE, rewritePerPass));
            if (rewritten) {
                store.commit();
            }
            double rewriteMillis = millisSince(started);
            boolean shortened = false;
            double moveMillis = -1;
            if (store.getFileStore() instanceof RandomAccessStore file && store.getFillRate() < MOVE_BELOW_FILE_FILL_RATE) {
                long length = file.size();
                long moveStarted = System.nanoTime();
                // A quarter of H2's commit buffer, what its own thread moves. Only a file less than 60 % in use gets
                // here (under the bench's load it never did), and a smaller share left it unshortened pass after pass.
                file.compactMoveChunks(100, store.getAutoCommitMemory() / 4, store); // 100: at any fill rate; ours is above
                moveMillis = millisSince(moveStarted);
                shortened = file.size() < length;
            }
            return new Pass(before, Snapshot.of(store), rewritten, shortened, rewriteMillis, moveMillis);
        });
    }

    /** The file as it is now, or null when the database is not an H2 file. */
    public Snapshot snapshot() throws SQLException {
        return withStore(Snapshot::of);
    }

    private <T> T withStore(Function<MVStore, T> work) throws SQLException {
        if (notH2) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                notH2 = true;
                LOG.debug("H2 housekeeping: the database is not H2, nothing to do");
                return null;
            }
            MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
            return store.getFileStore() == null || store.isClosed() ? null : work.apply(store);
        }
    }

    /** The file's size, how much of it chunks use and how much of the chunks is live, in percent. */
    public record Snapshot(long fileBytes, int fileFillRate, int chunksFillRate) {
        static Snapshot of(MVStore store) {
            FileStore<?> file = store.getFileStore();
            return new Snapshot(file.size(), store.getFillRate(), file.getChunksFillRate());
        }
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    /**
     * rewritten: live pages were moved out of sparse chunks; shortened: chunks were moved forward and the file cut.
     * Each step's time in milliseconds (the move's -1 when the file was full enough not to try): both hold H2's
     * store lock, and the charting writer's commit waits for it.
     */
    public record Pass(Snapshot before, Snapshot after, boolean rewritten, boolean shortened,
                       double rewriteMillis, double moveMillis) {
    }
}
