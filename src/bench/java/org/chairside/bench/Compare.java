package org.chairside.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Scenario 1's charting at one level, on two builds of the server at once: {@code ./mvnw verify -Pbench
 * -Dbench.compare=/path/to/baseline/chairside.jar}, or one build under two settings with {@code
 * -Dbench.compare=target/chairside.jar -Dbench.compare.jvm="<the candidate's own JVM options>"}. The machines here change speed by a third within minutes, so two
 * full runs an hour apart cannot tell a 10 % change from the machine's. Both servers run side by side, each on its own
 * fresh database, and take the load in turn, in short windows ordered baseline-candidate-candidate-baseline and then
 * the other way round, so that a drift of the machine falls on both alike; each window is followed by the health
 * check's rate on the same server. The server not being measured is stopped (SIGSTOP) meanwhile: running, its
 * timers and H2 housekeeping took their share of the two cores from the other's window. Writes target/bench/compare.json and compare.md; like the bench it reports and
 * never fails on a number.
 */
final class Compare {
    private static final String[] NAMES = {"baseline", "candidate"};

    private Compare() {
    }

    static void run(Path dir, Path baselineJar, Path candidateJar, int port, Double secondsOverride, List<String> jvmOptions)
            throws Exception {
        int clients = Integer.getInteger("bench.compare.clients", 64);
        int rounds = Integer.getInteger("bench.compare.rounds", 4);
        double seconds = secondsOverride != null ? secondsOverride : 15;
        Path work = dir.resolve("compare");
        Bench.deleteTree(work);
        String extra = System.getProperty("bench.compare.jvm", "").trim();
        List<String> candidateOptions = new ArrayList<>(jvmOptions);
        if (!extra.isEmpty()) {
            candidateOptions.addAll(List.of(extra.split("\\s+")));
        }
        Server[] servers = {server(baselineJar, work.resolve(NAMES[0]), port, jvmOptions),
                server(candidateJar, work.resolve(NAMES[1]), port + 10, candidateOptions)};
        Clinic[] clinics = new Clinic[2];
        List<Map<String, Object>> windows = new ArrayList<>();
        try {
            for (int s = 0; s < 2; s++) {
                Files.createDirectories(servers[s].workDir);
                long ms = servers[s].start();
                System.out.println("[bench] " + NAMES[s] + " " + servers[s].jar + " answered after " + ms + " ms");
                clinics[s] = Clinic.open(servers[s]);
            }
            // Compiled and its caches filled before any window counts, taking turns like the windows: in the first
            // comparisons the first two windows of each server, after 16 s of charting at 16 clients, still ran at
            // two thirds of the later ones' rate, with the health check at a third of its later rate.
            for (Server s : servers) {
                s.suspend(true);
            }
            for (int i = 0; i < 6; i++) {
                int s = i % 2;
                resume(servers[s]);
                Load.server = servers[s];
                Load.run(clinics[s].api, clients, 10, 0, 201, clinics[s].chartRequests(clients, 0.05), null);
                Load.run(Api.anonymous(servers[s].base()), clients, 3, 0, 200, (c, n) -> Wire.Call.get("/q/health/live"), null);
                servers[s].suspend(true);
            }
            for (int round = 0; round < rounds; round++) {
                int[] order = round % 2 == 0 ? new int[] {0, 1, 1, 0} : new int[] {1, 0, 0, 1};
                for (int s : order) {
                    resume(servers[s]);
                    Load.server = servers[s];
                    Load.Result res = Load.run(clinics[s].api, clients, seconds, 0, 201, clinics[s].chartRequests(clients, 0.05), null);
                    Load.Result health = Load.run(Api.anonymous(servers[s].base()), clients, 3, 0, 200,
                            (c, i) -> Wire.Call.get("/q/health/live"), null);
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("build", NAMES[s]);
                    w.put("startedAt", Instant.now().minusMillis((long) ((seconds + 3) * 1000)).toString());
                    w.putAll(res.toMap());
                    w.put("ceilingRightAfterPerSecond", Bench.round(health.perSecond()));
                    w.put("fractionOfCeilingRightAfter", Bench.round(res.perSecond() / health.perSecond()));
                    windows.add(w);
                    servers[s].suspend(true);
                    System.out.println("[bench] " + NAMES[s] + " @" + clients + ": " + res.toMap() + ", ceiling right after "
                            + Math.round(health.perSecond()) + "/s");
                }
            }
        } finally {
            for (Server s : servers) {
                s.suspend(false); // a stopped process would not act on the SIGTERM that stops it
                s.stop();
            }
        }
        write(dir, servers, baselineJar, candidateJar, extra, clients, seconds, rounds, windows);
    }

    /** Lets a server go on, and its timers catch up (a housekeeping pass due while it stood) before it is measured. */
    private static void resume(Server s) throws Exception {
        s.suspend(false);
        Thread.sleep(1500);
    }

    private static Server server(Path jar, Path workDir, int port, List<String> jvmOptions) {
        Path archive = jar.resolveSibling("chairside.jsa");
        Path directives = jar.resolveSibling("chairside-jit.json");
        return new Server(jar, workDir, port, false, jvmOptions, Files.exists(archive) ? archive : null,
                Files.exists(directives) ? directives : null);
    }

    private static void write(Path dir, Server[] servers, Path baselineJar, Path candidateJar, String extra, int clients,
                              double seconds, int rounds,
                              List<Map<String, Object>> windows) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("generatedAt", Instant.now().toString());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("baseline", baselineJar.toString());
        params.put("candidate", candidateJar.toString());
        params.put("jvmOptionsBoth", String.join(" ", servers[0].jvmOptions));
        params.put("jvmOptionsCandidateOnly", extra);
        params.put("clients", clients);
        params.put("secondsPerWindow", seconds);
        params.put("windowsPerBuild", rounds * 2);
        params.put("order", "rounds of baseline, candidate, candidate, baseline, then the reverse; each window then "
                + "3 s of GET /q/health/live on the same server; the other server stopped (SIGSTOP) throughout, resumed 1.5 s "
                + "before its own window");
        params.put("readings", "as scenario 1: " + Clinic.SESSIONS + " infusing sessions on each server, 5% crossing, cookie auth");
        report.put("parameters", params);
        Map<String, Object> medians = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Charting, two builds side by side\n\n")
                .append("Baseline `").append(baselineJar).append("`, candidate `").append(candidateJar).append("`")
                .append(extra.isEmpty() ? "" : " with `" + extra + "`").append("; ")
                .append(clients).append(" clients, ").append(rounds * 2).append(" windows of ").append(seconds)
                .append(" s each, in turns. Medians over the windows.\n\n")
                .append("| Build | readings/s | p50 ms | p99 ms | p99.9 ms | server CPU ms/reading | writer CPU ms/reading | "
                        + "fraction of the ceiling right after | errors |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String name : NAMES) {
            List<Map<String, Object>> mine = windows.stream().filter(w -> name.equals(w.get("build"))).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestsPerSecond", median(mine, "requestsPerSecond"));
            m.put("p50Ms", median(mine, "p50Ms"));
            m.put("p99Ms", median(mine, "p99Ms"));
            m.put("p999Ms", median(mine, "p999Ms"));
            m.put("serverCpuMsPerRequest", median(mine, "serverCpuMsPerRequest"));
            m.put("writerCpuMsPerRequest", median(mine, "writerCpuMsPerRequest"));
            m.put("fractionOfCeilingRightAfter", median(mine, "fractionOfCeilingRightAfter"));
            m.put("errors", mine.stream().mapToLong(w -> ((Number) w.get("errors")).longValue()).sum());
            medians.put(name, m);
            md.append("| ").append(name);
            for (Object v : m.values()) {
                md.append(" | ").append(v);
            }
            md.append(" |\n");
        }
        report.put("medians", medians);
        report.put("windows", windows);
        md.append("\nEach window, in the order run:\n\n| Build | readings/s | p99 ms | server CPU ms/reading | ceiling right after /s |\n"
                + "|---|---|---|---|---|\n");
        for (Map<String, Object> w : windows) {
            md.append("| ").append(w.get("build")).append(" | ").append(w.get("requestsPerSecond")).append(" | ")
                    .append(w.get("p99Ms")).append(" | ").append(w.get("serverCpuMsPerRequest")).append(" | ")
                    .append(w.get("ceilingRightAfterPerSecond")).append(" |\n");
        }
        Files.createDirectories(dir);
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("compare.json").toFile(), report);
        Files.writeString(dir.resolve("compare.md"), md, StandardCharsets.UTF_8);
        System.out.println(md);
    }

    private static double median(List<Map<String, Object>> windows, String key) {
        ToDoubleFunction<Map<String, Object>> value = w -> w.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
        double[] v = windows.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return Bench.round(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    }
}
