package org.chairside.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.quarkus.runtime.ShutdownEvent;
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
 * <p>A subscriber that stops reading has a bounded queue; past it, its stream is cut and the client resumes
 * from its last id. A slow dashboard never holds up the others or the writers.
 */
@ApplicationScoped
public class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    /** How long an early event waits for the ones before it before the hole is filled from the log. */
    private static final long GAP_PATIENCE_MS = 250;
    public static final String RESET = "reset";

    private final EventLog log;
    private final int subscriberBuffer;
    private final int maxReplay;

    private final Object lock = new Object();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final TreeMap<Long, LiveEvent> early = new TreeMap<>();
    private long delivered = -1;
    private long gapSince;
    private volatile boolean catchUpWanted;
    private long lastLogCheck;
    private volatile boolean stopping;

    public LiveHub(EventLog log,
                   @ConfigProperty(name = "chairside.live.subscriber-buffer") int subscriberBuffer,
                   @ConfigProperty(name = "chairside.live.max-replay") int maxReplay) {
        this.log = log;
        this.subscriberBuffer = subscriberBuffer;
        this.maxReplay = maxReplay;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public void offer(LiveEvent e) {
        synchronized (lock) {
            ensureStarted();
            if (e.id() <= delivered) {
                return;
            }
            if (e.id() != delivered + 1) {
                early.put(e.id(), e);
                if (gapSince == 0) {
                    gapSince = System.currentTimeMillis();
                }
                return;
            }
            deliver(e);
            while (!early.isEmpty() && early.firstKey() <= delivered + 1) {
                LiveEvent next = early.pollFirstEntry().getValue();
                if (next.id() == delivered + 1) {
                    deliver(next);
                }
            }
            gapSince = early.isEmpty() ? 0 : System.currentTimeMillis();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
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
            from = delivered;
        }
        List<LiveEvent> missed = log.after(from, Long.MAX_VALUE, 1000);
        if (!missed.isEmpty() && missed.get(0).id() != from + 1) {
            LOG.errorf("Event log has a hole after id %d", from);
        }
        missed.forEach(this::offer);
    }

    /**
     * Events after {@code afterId} (replayed from the log), then live ones. Null starts live at the present.
     */
    public Multi<LiveEvent> subscribe(Long afterId) {
        return Multi.createFrom().<LiveEvent>emitter(emitter -> {
            Subscriber s = new Subscriber(emitter);
            long horizon;
            synchronized (lock) {
                ensureStarted();
                subscribers.add(s);
                horizon = delivered;
            }
            emitter.onTermination(() -> subscribers.remove(s));
            if (afterId == null || afterId == horizon) {
                s.goLive(List.of(), horizon);
                return;
            }
            // The log lives in the database: read it off the I/O thread.
            Infrastructure.getDefaultWorkerPool().execute(() -> replay(s, afterId, horizon));
        }, BackPressureStrategy.ERROR).onOverflow().buffer(subscriberBuffer);
    }

    private void replay(Subscriber s, long afterId, long horizon) {
        try {
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
            s.fail(e);
        }
    }

    private void deliver(LiveEvent e) {
        delivered = e.id();
        for (Subscriber s : subscribers) {
            s.push(e);
        }
    }

    private void ensureStarted() {
        if (delivered < 0) {
            delivered = log.lastId();
        }
    }

    /** One open stream. Holds live events back until its replay is out, then passes them straight on. */
    private final class Subscriber {
        private final MultiEmitter<? super LiveEvent> emitter;
        private final List<LiveEvent> held = new ArrayList<>();
        private boolean live;
        private long lastSent = -1;

        Subscriber(MultiEmitter<? super LiveEvent> emitter) {
            this.emitter = emitter;
        }

        synchronized void push(LiveEvent e) {
            if (live) {
                send(e);
            } else if (held.size() < subscriberBuffer) {
                held.add(e);
            } else {
                fail(new IllegalStateException("subscriber fell behind during replay"));
            }
        }

        synchronized void goLive(List<LiveEvent> replayed, long horizon) {
            replayed.forEach(this::send);
            lastSent = Math.max(lastSent, horizon);
            held.forEach(this::send);
            held.clear();
            live = true;
        }

        private void send(LiveEvent e) {
            if (e.id() <= lastSent && !RESET.equals(e.type())) {
                return;
            }
            lastSent = Math.max(lastSent, e.id());
            if (!emitter.isCancelled()) {
                emitter.emit(e);
            }
        }

        synchronized void fail(Throwable t) {
            subscribers.remove(this);
            emitter.fail(t);
        }
    }
}
