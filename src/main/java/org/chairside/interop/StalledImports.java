package org.chairside.interop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.OptimisticLockException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Marks FAILED the imports left RUNNING that have written no progress for {@code chairside.import.stalled-after}: their
 * server was stopped or killed part way (a restart does not resume an upload), or the client stopped sending. Without
 * this such an import showed as running forever. It runs on every instance; an import still alive on another one
 * writes its progress far more often than this looks, and one marked here stops at its next chunk
 * ({@link CsvImportService}).
 */
@ApplicationScoped
public class StalledImports {
    private static final Logger LOG = Logger.getLogger(StalledImports.class);

    private final Duration stalledAfter;
    private volatile boolean stopping;

    public StalledImports(@ConfigProperty(name = "chairside.import.stalled-after", defaultValue = "10m") Duration stalledAfter) {
        this.stalledAfter = stalledAfter;
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            int marked = markStalled(Instant.now());
            if (marked > 0) {
                LOG.warnf("Marked %d stalled import(s) as failed", marked);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                // The next pass tries again; an import shown as running a minute longer changes nothing.
                LOG.warn("Looking for stalled imports failed", e);
            }
        }
    }

    /** @return how many imports were marked FAILED */
    int markStalled(Instant now) {
        Instant cutoff = now.minus(stalledAfter);
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> ImportRun.<ImportRun>list(
                "state = ?1 and updatedAt < ?2", ImportRun.State.RUNNING, cutoff).stream().map(r -> r.id).toList());
        int marked = 0;
        for (String id : ids) {
            try {
                marked += QuarkusTransaction.requiringNew().call(() -> mark(id, cutoff, now)) ? 1 : 0;
            } catch (RuntimeException e) {
                if (!writtenMeanwhile(e)) {
                    throw e;
                }
                // it wrote progress between the two reads: alive after all
            }
        }
        return marked;
    }

    private boolean mark(String id, Instant cutoff, Instant now) {
        ImportRun r = ImportRun.findById(id);
        if (r == null || !r.stalledSince(cutoff)) {
            return false;
        }
        r.detail = stalledDetail(r, stalledAfter);
        r.state = ImportRun.State.FAILED;
        r.phase = ImportRun.Phase.FINISHED;
        r.finishedAt = now;
        if (r.bytesTotal == null) {
            r.bytesTotal = r.bytesRead;
        }
        return true;
    }

    static String stalledDetail(ImportRun r, Duration after) {
        String why = "No progress for " + after.toMinutes() + " minutes (its server was stopped, or the upload stalled)";
        if (r.dryRun) {
            return why + "; a dry run: nothing was stored";
        }
        if (r.rowsStored == 0) {
            return why + "; nothing was stored";
        }
        return why + ": stopped after " + r.rowsStored + " stored rows. The rows stored so far stay; importing the same file "
                + "again stores only the rest.";
    }

    private static boolean writtenMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    void onStop(@Observes ShutdownEvent event) {
        // The scheduler can still fire while the connection pool closes.
        stopping = true;
    }
}
