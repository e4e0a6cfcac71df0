package org.chairside.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fans committed events out to every open stream, strictly in event-log order. Events can arrive out of
 * order (several writers publish after their commits; other instances relay through the broker) or not at
 * all (a crash between commit and publish): the hub holds early arrivals back and fills any hole from the
 * log, so every subscriber sees ids n, n+1, n+2... with no gap and no duplicate.
 *
 * <p>Each event is encoded once into its text/event-stream frame and the same bytes go to every subscriber.
 * A subscriber's {@link Sink} only queues them: a slow dashboard never holds up the others or the writers,
 * and one that falls too far behind is cut and resumes from its last id.
 *
 * <p>Subscribers are handed events at most once per {@code chairside.live.write-interval}: a lone event goes
 * at once, and whatever comes within the interval after a hand-over waits for its end and goes with the rest.
 * Every hand-over costs each open stream a write (a system call) on its event loop, so under a device feed's
 * hundreds of small commits a second the writes, not the events, would take the cores.
 */
@ApplicationScoped
public class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    /** How long an early event waits for the ones before it before the hole is filled from the log. */
    private static final long GAP_PATIENCE_MS = 250;
    public static final String RESET = "reset";
    /** Replayed frames are handed over in chunks this big: a long replay is a few queued writes, not thousands. */
    private static final int REPLAY_CHUNK_BYTES = 64 * 1024;

    private final EventLog log;
    private final int subscriberBuffer;
    private final int maxReplay;
    private final long writeIntervalNanos;

    private final Object lock = new Object();
    private final Map<Sink, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final TreeMap<Long, LiveEvent> early = new TreeMap<>();
    /** The last event accepted in order: handed to subscribers, or in {@link #pending} waiting for its turn. */
    private long accepted = -1;
    /** The last event handed to subscribers: where a new subscriber's replay ends. */
    private long handedOut = -1;
    private Batch pending;
    private long lastHandOver;
    private boolean handOverDue;
    private ScheduledExecutorService handOvers;
    private long gapSince;
    private volatile boolean catchUpWanted;
    private long lastLogCheck;
    private volatile boolean stopping;

    public LiveHub(EventLog log,
                   @ConfigProperty(name = "chairside.live.subscriber-buffer") int subscriberBuffer,
                   @ConfigProperty(name = "chairside.live.max-replay") int maxReplay,
                   @ConfigProperty(name = "chairside.live.write-interval") Duration writeInterval) {
        this.log = log;
        this.subscriberBuffer = subscriberBuffer;
        this.maxReplay = maxReplay;
        this.writeIntervalNanos = writeInterval.toNanos();
        this.lastHandOver = System.nanoTime() - writeIntervalNanos;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public void offer(LiveEvent e) {
        offer(List.of(e));
    }

    /**
     * Events in id order, as one transaction committed them: whatever of them is next in line goes to each
     * subscriber as one buffer, so a group of readings costs every dashboard one write, not one per event.
     * Within the write interval of the last hand-over they wait for its end, with whatever else comes meanwhile.
     */
    public void offer(List<LiveEvent> events) {
        synchronized (lock) {
            accept(events);
            long now = System.nanoTime();
            if (pending == null || handOverDue) {
                return;
            }
            long wait = lastHandOver + writeIntervalNanos - now;
            if (wait <= 0 || stopping) {
                handOver(now);
            } else {
                handOverDue = true;
                handOvers().schedule(this::handOverNow, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Accepts the events and hands whatever waits to the subscribers at once, interval or not. */
    private void offerNow(List<LiveEvent> events) {
        synchronized (lock) {
            accept(events);
            handOver(System.nanoTime());
        }
    }

    private void handOverNow() {
        synchronized (lock) {
            handOverDue = false;
            handOver(System.nanoTime());
        }
    }

    private void handOver(long now) {
        if (pending == null) {
            return;
        }
        Batch batch = pending;
        pending = null;
        lastHandOver = now;
        handedOut = accepted;
        batch.deliver();
    }

    private ScheduledExecutorService handOvers() {
        if (handOvers == null) {
            handOvers = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread t = new Thread(task, "live-hand-over");
                t.setDaemon(true);
                return t;
            });
        }
        return handOvers;
    }

    private void accept(List<LiveEvent> events) {
        ensureStarted();
        long before = accepted;
        for (LiveEvent e : events) {
            accept(e);
        }
        if (early.isEmpty()) {
            gapSince = 0;
        } else if (gapSince == 0 || accepted != before) {
            // the hole's patience runs from when it was last narrowed
            gapSince = System.currentTimeMillis();
        }
    }

    private void accept(LiveEvent e) {
        if (e.id() <= accepted) {
            return;
        }
        if (e.id() != accepted + 1) {
            early.put(e.id(), e);
            return;
        }
        inOrder(e);
        while (!early.isEmpty() && early.firstKey() <= accepted + 1) {
            LiveEvent next = early.pollFirstEntry().getValue();
            if (next.id() == accepted + 1) {
                inOrder(next);
            }
        }
    }

    private void inOrder(LiveEvent e) {
        accepted = e.id();
        if (pending == null && subscribers.isEmpty()) {
            handedOut = accepted;
            return;
        }
        if (pending == null) {
            pending = new Batch();
        }
        pending.add(e);
    }

    void onStart(@Observes StartupEvent start) {
        // Streams subscribe on I/O threads, where the first look at the log (a database query) must not happen.
        synchronized (lock) {
            ensureStarted();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        // Open streams would otherwise hold the server up; their clients resume elsewhere or after the restart.
        subscribers.values().forEach(Subscriber::cut);
        synchronized (lock) {
            if (handOvers != null) {
                handOvers.shutdownNow();
            }
        }
    }

    void catchUpSoon() {
        catchUpWanted = true;
    }

    /**
     * Fills holes from the log: events another instance committed whose broker message is late or lost,
     * or a publish that never happened. Cheap when there is nothing to do.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUp() {
        if (stopping) {
            return;
        }
        long from;
        synchronized (lock) {
            ensureStarted();
            long now = System.currentTimeMillis();
            boolean stuck = gapSince != 0 && now - gapSince >= GAP_PATIENCE_MS;
            // Besides holes, look at the log every other second for anything that was never announced.
            if (!stuck && !catchUpWanted && now - lastLogCheck < 2000) {
                return;
            }
            lastLogCheck = now;
            catchUpWanted = false;
            from = accepted;
        }
        List<LiveEvent> missed;
        try {
            missed = log.after(from, Long.MAX_VALUE, 1000);
        } catch (RuntimeException e) {
            if (stopping) {
                // A look begun just before the stop, after the database had closed: nothing is missed.
                return;
            }
            throw e;
        }
        if (!missed.isEmpty() && missed.get(0).id() != from + 1) {
            LOG.errorf("Event log has a hole after id %d", from);
        }
        offer(missed);
    }

    /**
     * Sends the frames of the events after {@code afterId} (replayed from the log), then of live ones, to the
     * sink until {@link #unsubscribe}. Null starts live at the present.
     */
    public void subscribe(Long afterId, Sink sink) {
        Subscriber s = new Subscriber(sink);
        long horizon;
        synchronized (lock) {
            ensureStarted();
            subscribers.put(sink, s);
            horizon = handedOut;
        }
        if (afterId == null || afterId == horizon) {
            s.goLive(List.of(), horizon);
            return;
        }
        // The log lives in the database: read it off the I/O thread.
        Infrastructure.getDefaultWorkerPool().execute(() -> replay(s, afterId, horizon));
    }

    public void unsubscribe(Sink sink) {
        subscribers.remove(sink);
    }

    private void replay(Subscriber s, long afterId, long horizon) {
        try {
            if (afterId > horizon && afterId <= log.lastId()) {
                // Committed, but not handed to the hub yet (the publisher runs after the commit; in scale-out the broker
                // carries it): a board loaded just now stands there. Take those events from the log as the catch-up
                // would; the horizon, read under the lock, then ends on a whole batch, so nothing held is split.
                long from;
                synchronized (lock) {
                    from = accepted;
                }
                offerNow(log.after(from, afterId, maxReplay));
                synchronized (lock) {
                    horizon = handedOut;
                }
            }
            if (afterId > horizon || horizon - afterId > maxReplay) {
                s.goLive(List.of(new LiveEvent(horizon, RESET, null, "{\"reason\":\"too far behind or unknown position; reload\"}")), horizon);
                return;
            }
            List<LiveEvent> missed = new ArrayList<>((int) (horizon - afterId));
            long from = afterId;
            while (from < horizon) {
                List<LiveEvent> page = log.after(from, horizon, 5000);
                if (page.isEmpty()) {
                    break;
                }
                missed.addAll(page);
                from = page.get(page.size() - 1).id();
            }
            s.goLive(missed, horizon);
        } catch (RuntimeException e) {
            LOG.warn("Replay failed; closing the stream so the client retries", e);
            s.cut();
        }
    }

    /** Consecutive events encoded into one buffer, handed to every subscriber once. */
    private final class Batch {
        private Buffer frames;
        private long first = -1;
        private int count;

        void add(LiveEvent e) {
            byte[] frame = SseFrame.event(e);
            if (frames == null) {
                frames = Buffer.buffer(frame.length);
                first = e.id();
            }
            frames.appendBytes(frame);
            count++;
        }

        void deliver() {
            for (Subscriber s : subscribers.values()) {
                s.push(first, count, frames);
            }
        }
    }

    private void ensureStarted() {
        if (accepted < 0) {
            accepted = log.lastId();
            handedOut = accepted;
        }
    }

    /**
     * Where one subscriber's frames go. The hub calls it with its own lock held, for every subscriber in turn:
     * it must return at once and never block.
     */
    public interface Sink {
        /** Queues the bytes of {@code events} whole events for writing. */
        void send(Buffer frames, int events);

        /** Ends the stream; the client reconnects and resumes from the last id it received. */
        void cut();
    }

    /** Frames of the events {@code first} to {@code first + count - 1}. */
    private record Held(long first, int count, Buffer frames) {
    }

    /** One open stream. Holds live events back until its replay is out, then passes them straight on. */
    private final class Subscriber {
        private final Sink sink;
        private final List<Held> held = new ArrayList<>();
        private int heldEvents;
        private boolean live;
        private long lastSent = -1;

        Subscriber(Sink sink) {
            this.sink = sink;
        }

        synchronized void push(long first, int count, Buffer frames) {
            if (live) {
                send(first, count, frames);
            } else if (heldEvents + count <= subscriberBuffer) {
                held.add(new Held(first, count, frames));
                heldEvents += count;
            } else {
                LOG.debug("A stream fell behind during its replay; cutting it");
                cut();
            }
        }

        synchronized void goLive(List<LiveEvent> replayed, long horizon) {
            Buffer chunk = Buffer.buffer();
            int events = 0;
            for (LiveEvent e : replayed) {
                chunk.appendBytes(SseFrame.event(e));
                events++;
                if (chunk.length() >= REPLAY_CHUNK_BYTES) {
                    sink.send(chunk, events);
                    chunk = Buffer.buffer();
                    events = 0;
                }
            }
            if (events > 0) {
                sink.send(chunk, events);
            }
            lastSent = Math.max(lastSent, horizon);
            held.forEach(h -> send(h.first(), h.count(), h.frames()));
            held.clear();
            heldEvents = 0;
            live = true;
        }

        private void send(long first, int count, Buffer frames) {
            long last = first + count - 1;
            if (last <= lastSent) {
                return;
            }
            if (first <= lastSent) {
                // Cannot happen (a subscriber's horizon is taken under the hub's lock), but half a batch must never
                // be sent twice: the client reconnects and resumes from its last id instead.
                LOG.warn("A batch overlapped what a stream already had; cutting it");
                cut();
                return;
            }
            lastSent = last;
            sink.send(frames, count);
        }

        void cut() {
            subscribers.remove(sink);
            sink.cut();
        }
    }
}
