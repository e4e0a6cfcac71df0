package org.chairside.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.HdrHistogram.Histogram;

/**
 * A stream run second by second: the alert latencies of events that arrived in each second, beside what the server
 * and the driver took of the cores and how much of the machine's page cache was waiting to be written to disk. A tail
 * in a run's p99 is either a few seconds of stall or a whole run of drift; this tells which, and what else was going
 * on in that second.
 */
final class Timeline {
    private final long startNanos;
    private final DoubleSupplier serverCpuMillis;
    private final DoubleSupplier driverCpuMillis;
    private final List<double[]> samples = new ArrayList<>();
    private final List<Histogram> latencies = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean stopped;

    /** Starts sampling once a second from now, the run's second 0. */
    Timeline(DoubleSupplier serverCpuMillis, DoubleSupplier driverCpuMillis) {
        this.startNanos = System.nanoTime();
        this.serverCpuMillis = serverCpuMillis;
        this.driverCpuMillis = driverCpuMillis;
        this.sampler = new Thread(this::sample, "timeline");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        double server = serverCpuMillis.getAsDouble();
        double driver = driverCpuMillis.getAsDouble();
        long next = startNanos;
        while (!stopped) {
            next += TimeUnit.SECONDS.toNanos(1);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            double s = serverCpuMillis.getAsDouble();
            double d = driverCpuMillis.getAsDouble();
            synchronized (samples) {
                samples.add(new double[] {(s - server) / 1000, (d - driver) / 1000, dirtyMiB()});
            }
            server = s;
            driver = d;
        }
    }

    /** An alert event that reached a dashboard at {@code arrivalNanos}, {@code micros} after the POST's answer. */
    void alert(long arrivalNanos, long micros) {
        int second = (int) Math.max(0, (arrivalNanos - startNanos) / 1_000_000_000L);
        while (latencies.size() <= second) {
            latencies.add(new Histogram(TimeUnit.SECONDS.toMicros(120), 3));
        }
        latencies.get(second).recordValue(Math.max(0, micros));
    }

    void stop() {
        stopped = true;
        sampler.interrupt();
    }

    /** One entry per second: alerts arrived, their p99 and max, cores busy on each side, dirty page cache. */
    List<Map<String, Object>> seconds() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<double[]> taken;
        synchronized (samples) {
            taken = new ArrayList<>(samples);
        }
        for (int i = 0; i < Math.max(taken.size(), latencies.size()); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("second", i);
            Histogram h = i < latencies.size() ? latencies.get(i) : null;
            m.put("alerts", h == null ? 0 : h.getTotalCount());
            if (h != null && h.getTotalCount() > 0) {
                m.put("p99Ms", Bench.round(h.getValueAtPercentile(99) / 1000.0));
                m.put("maxMs", Bench.round(h.getMaxValue() / 1000.0));
            }
            if (i < taken.size()) {
                m.put("serverCores", Bench.round(taken.get(i)[0]));
                m.put("driverCores", Bench.round(taken.get(i)[1]));
                m.put("dirtyMiB", Bench.round(taken.get(i)[2]));
            }
            out.add(m);
        }
        return out;
    }

    /** The second whose alerts had the highest p99, as one line for the report; null when no alert arrived. */
    static String worst(List<Map<String, Object>> seconds) {
        return seconds.stream().filter(m -> m.containsKey("p99Ms"))
                .max((a, b) -> Double.compare((double) a.get("p99Ms"), (double) b.get("p99Ms")))
                .map(m -> "second " + m.get("second") + ": p99 " + m.get("p99Ms") + " ms over " + m.get("alerts") + " arrivals, server "
                        + m.getOrDefault("serverCores", "?") + " and driver " + m.getOrDefault("driverCores", "?")
                        + " cores busy, " + m.getOrDefault("dirtyMiB", "?") + " MiB of page cache waiting for the disk")
                .orElse(null);
    }

    /** Dirty and Writeback of /proc/meminfo: what the kernel still has to write, the H2 file's pages among it. */
    private static double dirtyMiB() {
        try {
            long kb = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
                    kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return kb / 1024.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
