package org.chairside.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives requests from N client threads, either closed-loop (each client sends its next request as soon as
 * the previous one is answered) or paced at a fixed total rate (open loop: a late answer does not delay the
 * schedule, so queueing shows up in the latency). Latency is from just before send to the full response body. Each client has its own
 * thread and connection ({@link Wire}).
 */
final class Load {
    /** One client's connection: sends a call and waits for its answer (HTTP or MLLP). */
    interface Exchange extends java.io.Closeable {
        Wire.Answer send(Wire.Call call) throws java.io.IOException;

        @Override
        void close();
    }

    interface Requests {
        Wire.Call next(int client, long iteration);
    }

    interface OnResponse {
        void accept(int client, Wire.Answer response, long answeredAtNanos);
    }

    static final class Result {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long ok;
        long errors;
        double seconds;
        double serverCpuMs = -1;
        double writerCpuMs = -1;
        final Map<String, Long> failures = new ConcurrentHashMap<>();

        double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestsPerSecond", Bench.round(perSecond()));
            m.put("ok", ok);
            m.put("errors", errors);
            if (!failures.isEmpty()) {
                m.put("failures", failures);
            }
            m.put("seconds", Bench.round(seconds));
            if (serverCpuMs >= 0 && ok + errors > 0) {
                m.put("serverCpuMsPerRequest", Bench.round(serverCpuMs / (ok + errors)));
                m.put("serverCpuCoresBusy", Bench.round(serverCpuMs / 1000 / seconds));
            }
            if (writerCpuMs >= 0 && ok + errors > 0) {
                m.put("writerCpuMsPerRequest", Bench.round(writerCpuMs / (ok + errors)));
            }
            m.putAll(Bench.latencyMs(latency));
            return m;
        }
    }

    /** The server's charting writer threads (named charting-writer-n), whose share of the CPU each run also reads. */
    private static final String WRITER_THREADS = "charting-writer";

    /** The server whose CPU each run reads, when known. */
    static Server server;

    private Load() {
    }

    /**
     * @param api         whose credentials each client's connection sends
     * @param clients     concurrent clients, each with its own thread and keep-alive connection
     * @param seconds     measured duration
     * @param ratePerSec  total rate when paced; 0 for closed loop
     * @param okStatus    the status that counts as success
     */
    static Result run(Api api, int clients, double seconds, double ratePerSec, int okStatus, Requests requests,
                      OnResponse onResponse) throws InterruptedException {
        return run(api::wire, clients, seconds, ratePerSec, okStatus, requests, onResponse);
    }

    /** @param connections opens each client's own connection */
    static Result run(java.util.function.Supplier<? extends Exchange> connections, int clients, double seconds, double ratePerSec,
                      int okStatus, Requests requests, OnResponse onResponse) throws InterruptedException {
        Result result = new Result();
        List<Thread> threads = new ArrayList<>();
        Histogram[] histograms = new Histogram[clients];
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + (long) (seconds * 1e9);
        double intervalNanos = ratePerSec > 0 ? clients * 1e9 / ratePerSec : 0;
        double cpu0 = server == null ? -1 : server.cpuMillis();
        double writer0 = server == null ? -1 : server.threadCpuMillis(WRITER_THREADS);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            histograms[c] = histogram;
            // spread paced clients over one interval so they do not fire in lockstep
            long first = start + (intervalNanos > 0 ? (long) (intervalNanos * client / clients) : 0);
            Thread t = new Thread(() -> {
                LockSupport.parkNanos(first - System.nanoTime());
                try (Exchange wire = connections.get()) {
                    for (long i = 0; ; i++) {
                        long due = intervalNanos > 0 ? first + (long) (i * intervalNanos) : System.nanoTime();
                        // a paced client that fell behind stops at the end too: the achieved rate is then below the target
                        if (due >= end || System.nanoTime() >= end) {
                            break;
                        }
                        LockSupport.parkNanos(due - System.nanoTime());
                        Wire.Call request = requests.next(client, i);
                        long t0 = System.nanoTime();
                        try {
                            Wire.Answer r = wire.send(request);
                            long t1 = System.nanoTime();
                            histogram.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(t1 - t0)));
                            if (r.status() == okStatus) {
                                ok.incrementAndGet();
                                if (onResponse != null) {
                                    onResponse.accept(client, r, t1);
                                }
                            } else {
                                errors.incrementAndGet();
                                result.failures.merge("HTTP " + r.status(), 1L, Long::sum);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            result.failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                    }
                }
            }, "load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long finished = System.nanoTime();
        if (cpu0 >= 0) {
            result.serverCpuMs = server.cpuMillis() - cpu0;
        }
        if (writer0 >= 0) {
            result.writerCpuMs = server.threadCpuMillis(WRITER_THREADS) - writer0;
        }
        for (Histogram h : histograms) {
            result.latency.add(h);
        }
        result.ok = ok.get();
        result.errors = errors.get();
        result.seconds = (finished - start) / 1e9;
        return result;
    }
}
