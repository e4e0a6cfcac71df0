package org.chairside.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/**
 * Chairside's benchmark (issue 5). Run with {@code ./mvnw verify -Pbench}; {@code -Dbench.seconds=5} shortens every
 * timed phase for a quick run, {@code -Dbench.only=1,2} picks scenarios, {@code -Dbench.jfr=true} records the server
 * with JFR, {@code -Dbench.trace=true} traces scenario 9's page in Chrome (its main thread's time by kind in the report,
 * the trace files beside it). Writes target/bench/report.json and target/bench/report.md. It reports: no number fails the build.
 * {@code -Dbench.compare=<another build's chairside.jar>} runs {@link Compare} instead: the charting of two builds in turns.
 */
public final class Bench {
    private static final int SESSIONS = Clinic.SESSIONS;
    /** Starts of each kind in scenario 4. */
    private static final int STARTS = 3;
    /** A history request at least this slow is listed with its time (scenario 5 is one client, one request at a time). */
    private static final long SLOW_HISTORY_MICROS = 150_000;

    private final Path dir;
    private final Server server;
    private final Double secondsOverride;
    private final Map<String, Object> storage = new LinkedHashMap<>();
    /** The server's collections during each scenario (jstat). */
    private final Map<String, Object> serverCollections = new LinkedHashMap<>();
    private final String only;
    /** Scenario 5's session of many readings, for scenario 9's session view; null when 5 did not run. */
    private Long longSession;
    private int seededReadings;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Object> scenarios = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    /** Made on the server after the starts of scenario 4. */
    private Clinic clinic;

    private Bench(Path dir, Server server, Double secondsOverride, String only) {
        this.dir = dir;
        this.server = server;
        this.secondsOverride = secondsOverride;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Path jar = Path.of(System.getProperty("bench.jar", "target/chairside.jar")).toAbsolutePath();
        String s = System.getProperty("bench.seconds", "").trim();
        Double seconds = s.isEmpty() ? null : Double.parseDouble(s);
        int port = Integer.parseInt(System.getProperty("bench.port", "18080").trim());
        boolean jfr = Boolean.parseBoolean(System.getProperty("bench.jfr", "false").trim());
        String only = System.getProperty("bench.only", "").trim();
        String jvm = System.getProperty("bench.jvm", "").trim();
        List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        String baseline = System.getProperty("bench.compare", "").trim();
        if (!baseline.isEmpty()) {
            Compare.run(dir, Path.of(baseline).toAbsolutePath(), jar, port, seconds, jvmOptions);
            return;
        }
        Path work = dir.resolve("run");
        deleteTree(work);
        Files.createDirectories(work);
        // Written by the package build's training run (README, "Run it for a clinic"); -DskipClassArchive builds none.
        Path archive = jar.resolveSibling("chairside.jsa");
        Path directives = jar.resolveSibling("chairside-jit.json");
        Bench b = new Bench(dir, new Server(jar, work, port, jfr, jvmOptions, Files.exists(archive) ? archive : null,
                Files.exists(directives) ? directives : null), seconds, only);
        Load.server = b.server;
        // Killed from outside (SIGTERM): still stop the server and write what was measured so far.
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (done.compareAndSet(false, true)) {
                b.report.put("interrupted", "the driver was terminated before the end; partial results");
                try {
                    b.server.stop();
                    b.write();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            b.run();
        } finally {
            if (done.compareAndSet(false, true)) {
                b.server.stop();
                b.write();
            }
        }
    }

    /** One start on its own fresh database, stopped again: {time to the first request in ms, server CPU in ms}. */
    private static long[] timedStart(Server s) throws Exception {
        Files.createDirectories(s.workDir);
        long ms = s.start();
        long cpu = Math.round(s.cpuMillis());
        s.stop();
        return new long[] {ms, cpu};
    }

    private static long median(List<long[]> runs, int field) {
        long[] values = runs.stream().mapToLong(r -> r[field]).sorted().toArray();
        return values[values.length / 2];
    }

    private double seconds(double defaultSeconds) {
        return secondsOverride != null ? Math.min(secondsOverride, defaultSeconds) : defaultSeconds;
    }

    private boolean wanted(int scenario) {
        return only.isEmpty() || List.of(only.split(",")).contains(Integer.toString(scenario));
    }

    private void run() throws Exception {
        report.put("generatedAt", Instant.now().toString());
        report.put("machine", machine());
        report.put("command", "./mvnw verify -Pbench" + (secondsOverride != null ? " -Dbench.seconds=" + secondsOverride : "")
                + (server.jvmOptions.isEmpty() ? "" : " -Dbench.jvm=\"" + String.join(" ", server.jvmOptions) + "\""));
        report.put("scenarios", scenarios);
        // The H2 file's size (MiB) as the run goes on: a write path that leaves dead space behind shows here.
        report.put("h2FileMiB", storage);
        report.put("serverCollections", serverCollections);
        log("server: " + server.jar + ", database " + server.jdbcUrl());

        // 4. startup (each start on an empty database: Flyway migrates, the admin is bootstrapped). One start is at the
        // mercy of the minute on these machines, so STARTS of them with the class archive and, for reference, as many
        // without it, alternating so that both meet the same minutes; the last is the server the other scenarios use.
        List<long[]> archived = new ArrayList<>();
        List<long[]> plain = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            if (server.classArchive != null) {
                plain.add(timedStart(new Server(server.jar, server.workDir.resolve("start-without-archive-" + i), server.port, false,
                        server.jvmOptions, null, server.compilerDirectives)));
                log("startup without the class archive " + plain.get(i)[0] + " ms");
            }
            if (i < STARTS - 1) {
                archived.add(timedStart(new Server(server.jar, server.workDir.resolve("start-" + i), server.port, false,
                        server.jvmOptions, server.classArchive, server.compilerDirectives)));
                log("startup " + archived.get(i)[0] + " ms");
            }
        }
        archived.add(new long[] {server.start(), Math.round(server.cpuMillis())});
        long startMs = median(archived, 0);
        Thread.sleep(5000);
        double rssIdle = server.rssMiB();
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("parameters", Map.of("command", serverCommand(),
                "measured", "process start to the first 200 from GET /q/health/live (plain socket), polled every 5 ms; "
                        + "the median of " + STARTS + " starts, alternating with as many without the class archive",
                "database", "fresh H2 file for each start (Flyway migrates at start)"));
        startup.put("firstRequestMs", startMs);
        startup.put("firstRequestMsEach", archived.stream().map(a -> a[0]).toList());
        startup.put("serverCpuMsToFirstRequest", median(archived, 1));
        if (!plain.isEmpty()) {
            startup.put("withoutClassArchiveFirstRequestMs", median(plain, 0));
            startup.put("withoutClassArchiveFirstRequestMsEach", plain.stream().map(a -> a[0]).toList());
            startup.put("withoutClassArchiveServerCpuMs", median(plain, 1));
        }
        startup.put("rssIdleMiB", round(rssIdle));
        scenarios.put("4-startup", startup);
        log("startup " + archived.get(STARTS - 1)[0] + " ms (median of " + STARTS + ": " + startMs + " ms), RSS idle " + round(rssIdle) + " MiB");

        clinic = Clinic.open(server);

        if (wanted(6)) {
            guarded("6-ceiling", this::ceiling);
        }
        if (wanted(1)) {
            guarded("1-charting", this::charting);
        }
        startup.put("rssAfterChartingMiB", round(server.rssMiB()));
        server.writeMemoryBreakdown(dir.resolve("memory-after-scenario-1.txt"));
        storage.put("afterScenario1", round(server.dbFileMiB()));
        rows.add(0, new String[] {"4. Startup", "`" + serverCommand() + "`, fresh H2 file",
                "first request " + startMs + " ms, median of " + STARTS + " " + startup.get("firstRequestMsEach") + " ("
                        + startup.get("serverCpuMsToFirstRequest") + " ms of CPU"
                        + (startup.containsKey("withoutClassArchiveFirstRequestMs") ? "; without the class archive "
                                + startup.get("withoutClassArchiveFirstRequestMs") + " ms " + startup.get("withoutClassArchiveFirstRequestMsEach")
                                + ", " + startup.get("withoutClassArchiveServerCpuMs") + " ms of CPU" : "")
                        + "); RSS idle " + round(rssIdle) + " MiB, after scenario 1 " + startup.get("rssAfterChartingMiB") + " MiB; H2 file after scenario 1 " + storage.get("afterScenario1") + " MiB",
                "< 2.5 s; < 300 MB after 1",
                met(startMs < 2500 && (double) startup.get("rssAfterChartingMiB") * 1.048576 < 300)});
        if (wanted(2)) {
            guarded("2-alert-latency", this::alertLatency);
            storage.put("afterScenario2", round(server.dbFileMiB()));
        }
        if (wanted(3)) {
            guarded("3-fan-out", this::fanOut);
            storage.put("afterScenario3", round(server.dbFileMiB()));
        }
        if (wanted(7)) {
            guarded("7-device-feed", this::deviceFeed);
            storage.put("afterScenario7", round(server.dbFileMiB()));
        }
        if (wanted(5)) {
            guarded("5-history", this::history);
            if (wanted(8)) {
                guarded("8-charting-on-history", this::chartingOnHistory);
            }
        }
        if (wanted(9)) {
            guarded("9-dashboard-in-a-browser", this::browserDashboard);
        }
    }

    // ------------------------------------------------------------------ 9. the dashboard in a browser

    private static String mainThread(Map<String, Object> m) {
        return "main thread busy " + Math.round(((Number) m.get("mainThreadBusyShare")).doubleValue() * 100) + " % (script "
                + Math.round(((Number) m.get("scriptShare")).doubleValue() * 100) + " %, style and layout "
                + Math.round(((Number) m.get("styleAndLayoutShare")).doubleValue() * 100) + " %), " + m.get("longTasks")
                + " tasks over 50 ms, longest " + m.get("longestTaskMs") + " ms, " + m.get("framesPerSecond") + " frames/s";
    }

    private void browserDashboard() throws Exception {
        Map<String, Object> out = BrowserDashboard.run(server, clinic, longSession, seconds(20),
                Boolean.parseBoolean(System.getProperty("bench.trace", "false").trim()) ? dir : null);
        if (out == null) {
            log("scenario 9 needs Chromium at " + BrowserDashboard.CHROMIUM + ": not run");
            rows.add(new String[] {"9. Dashboard in a browser", "", "not run: no Chromium at " + BrowserDashboard.CHROMIUM, "", "—"});
            return;
        }
        scenarios.put("9-dashboard-in-a-browser", out);
        Map<String, Object> b = sub(out, "board");
        Map<String, Object> v = out.containsKey("sessionView") ? sub(out, "sessionView") : null;
        Map<String, Object> live = sub(out, "liveSessionView");
        log("dashboard in a browser: " + out);
        rows.add(new String[] {"9. Dashboard in a browser", "Chromium " + b.get("viewport") + ", the live board (" + b.get("tiles") + " tiles) while "
                + Clinic.SESSIONS + " chairs chart a reading a second each for " + b.get("seconds") + " s"
                + (v == null ? "" : "; the long session's view opened " + ((List<?>) v.get("openToTableMs")).size() + " times"),
                "board: " + mainThread(b) + "; charted " + b.get("charted") + "; one session's view open instead ("
                        + live.get("readingsBefore") + " readings): " + mainThread(live) + (v == null ? "" : "; session view of " + seededReadings + " readings open to table drawn median "
                        + v.get("medianMs") + " / max " + v.get("maxMs") + " ms (" + v.get("table") + ", " + v.get("nodes") + " elements)"),
                "no issue target: reported", "—"});
    }

    /** The server's collections during one scenario (setting up and timed phases alike): a pause shows in the tail. */
    private void noteCollections(String scenario, Map<String, Double> before, Map<String, Double> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return;
        }
        // a scenario that restarts the server (5, history) ends with the new process's counts
        boolean restarted = after.get("young") < before.get("young");
        Map<String, Object> during = new LinkedHashMap<>();
        after.forEach((k, v) -> during.put(k, round(restarted ? v : v - before.get(k))));
        serverCollections.put(scenario, during);
        log("server collections during " + scenario + ": " + during);
    }

    private String serverCommand() {
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        return (arenas == null ? "" : "MALLOC_ARENA_MAX=" + arenas + " ") + "java -Xmx512m "
                + (server.classArchive == null ? "" : "-XX:SharedArchiveFile=target/chairside.jsa ")
                + (server.compilerDirectives == null ? "" : "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=target/chairside-jit.json ")
                + (server.jvmOptions.isEmpty() ? "" : String.join(" ", server.jvmOptions) + " ") + "-jar target/chairside.jar";
    }

    private interface Scenario {
        void run() throws Exception;
    }

    private void guarded(String name, Scenario s) {
        log("---- " + name + " (load average " + loadAverage() + ")");
        Map<String, Double> before = server.collections();
        try {
            s.run();
            noteCollections(name, before, server.collections());
        } catch (Exception | AssertionError e) {
            log(name + " failed: " + e);
            e.printStackTrace();
            scenarios.put(name, Map.of("error", e.toString()));
            rows.add(new String[] {name, "", "FAILED: " + e.getMessage(), "", "no"});
        }
    }

    // ------------------------------------------------------------------ 6. ceiling

    private void ceiling() throws Exception {
        double secs = seconds(10);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", Map.of("endpoints", "GET /q/health/live (no auth, no database) at 1, 16, 64 clients; GET /q/health "
                + "(includes the datasource check) at 64", "secondsEach", secs, "driver", "same closed-loop driver as scenario 1"));
        for (int clients : new int[] {1, 16, 64}) {
            Load.Result res = unauthenticated("/q/health/live", clients, secs);
            out.put("live-" + clients, res.toMap());
            log("ceiling /q/health/live @" + clients + ": " + summary(res));
        }
        Load.Result res = unauthenticated("/q/health", 64, secs);
        out.put("health-64", res.toMap());
        log("ceiling /q/health @64: " + summary(res));
        scenarios.put("6-ceiling", out);
        rows.add(new String[] {"6. Ceiling", "GET /q/health/live, closed loop, " + secs + " s each",
                "1: " + rate(out, "live-1") + "/s; 16: " + rate(out, "live-16") + "/s; 64: " + rate(out, "live-64") + "/s, "
                        + sub(out, "live-64").get("serverCpuMsPerRequest") + " ms server CPU/req "
                        + "(GET /q/health with DB check @64: " + rate(out, "health-64") + "/s)", "(reference)", "-"});
    }

    /**
     * The health check's rate at this many clients for a few seconds, measured again right after a charting level: the
     * machines this runs on change speed by half within minutes, so scenario 6's ceiling, measured minutes earlier, can
     * say more about the machine then than about the server now.
     */
    private double ceilingNow(int clients) throws Exception {
        return unauthenticated("/q/health/live", clients, seconds(3)).perSecond();
    }

    /** The same GET, without a login, from this many closed-loop clients for this long; every answer must be 200. */
    private Load.Result unauthenticated(String path, int clients, double secs) throws Exception {
        Wire.Call r = Wire.Call.get(path);
        return Load.run(Api.anonymous(server.base()), clients, secs, 0, 200, (c, i) -> r, null);
    }

    // ------------------------------------------------------------------ 1. charting throughput

    private void charting() throws Exception {
        double secs = seconds(30);
        double warm = seconds(10);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("clients", List.of(1, 16, 64));
        params.put("secondsEach", secs);
        params.put("warmupSeconds", warm);
        params.put("sessions", SESSIONS + " infusing sessions; each client charts only its own sessions (no shared row lock)");
        params.put("readings", "POST /api/sessions/{id}/readings, 95% normal, 5% heart rate 115 (crosses the 110 limit)");
        params.put("auth", "session cookie from a form login");
        params.put("success", "201");
        out.put("parameters", params);
        Load.run(clinic.api, 16, warm, 0, 201, clinic.chartRequests(16, 0.05), null);
        StringBuilder cell = new StringBuilder();
        for (int clients : new int[] {1, 16, 64}) {
            Load.Result res = Load.run(clinic.api, clients, secs, 0, 201, clinic.chartRequests(clients, 0.05), null);
            Map<String, Object> m = res.toMap();
            Map<String, Object> ceiling = sub(scenarios.get("6-ceiling"), "live-" + clients);
            if (ceiling != null) {
                m.put("fractionOfCeiling", round(res.perSecond() / ((Number) ceiling.get("requestsPerSecond")).doubleValue()));
            }
            double probe = ceilingNow(clients);
            m.put("ceilingRightAfterPerSecond", round(probe));
            m.put("fractionOfCeilingRightAfter", round(res.perSecond() / probe));
            out.put("clients-" + clients, m);
            log("charting @" + clients + ": " + summary(res));
            cell.append(clients).append(": ").append(fmt(res.perSecond())).append("/s, p50 ").append(m.get("p50Ms"))
                    .append(" / p99 ").append(m.get("p99Ms")).append(" / p99.9 ").append(m.get("p999Ms")).append(" ms, ")
                    .append(res.errors).append(" errors, ").append(m.get("serverCpuMsPerRequest")).append(" ms server CPU/req (")
                    .append(m.get("writerCpuMsPerRequest")).append(" on the writer)")
                    .append(m.containsKey("fractionOfCeiling") ? ", " + pct((double) m.get("fractionOfCeiling")) + " of ceiling" : "")
                    .append(" (").append(pct((double) m.get("fractionOfCeilingRightAfter"))).append(" of the ")
                    .append(fmt(probe)).append("/s measured right after)<br>");
        }
        // The same at 16 clients with HTTP Basic: every request verifies the bcrypt hash of the password.
        double basicSecs = seconds(10);
        Api basic = Api.basic(server.base(), Api.USER, Api.PASSWORD, null);
        Load.Result res = Load.run(basic, 16, basicSecs, 0, 201, clinic.chartRequests(16, 0.05), null);
        Map<String, Object> bm = res.toMap();
        bm.put("note", "HTTP Basic on every request, " + basicSecs + " s");
        out.put("basic-auth-16", bm);
        log("charting with HTTP Basic @16: " + summary(res));
        scenarios.put("1-charting", out);
        Map<String, Object> at64 = sub(out, "clients-64");
        boolean met = at64 != null && ((Number) at64.get("requestsPerSecond")).doubleValue() >= 5000
                && ((Number) at64.get("p99Ms")).doubleValue() < 25 && ((Number) at64.get("errors")).longValue() == 0;
        rows.add(0, new String[] {"1. Charting", secs + " s per level, " + SESSIONS + " sessions, 5% crossing, cookie auth",
                cell + "HTTP Basic @16: " + fmt(res.perSecond()) + "/s, p99 " + bm.get("p99Ms") + " ms, " + bm.get("serverCpuMsPerRequest") + " ms server CPU/req",
                ">= 5,000/s @64, p99 < 25 ms", met(met)});
    }

    // ------------------------------------------------------------------ 8. charting on a clinic's history

    /**
     * Scenario 1 again at 16 and 64 clients, on the database scenario 5 leaves: the same 256 infusing sessions beside
     * 100,000 past ones. A young database's indexes are a few pages each; a clinic's are thousands, and a charting that
     * writes an index entry per session rewrites a page of its own for each session of a group.
     */
    private void chartingOnHistory() throws Exception {
        double secs = seconds(20);
        // Scenario 5 restarted the server, so the charting path is compiled again before it is timed. Not shortened by
        // bench.seconds: after 10 s of it the server still took twice scenario 1's CPU per reading, mostly outside the
        // Java threads (src/bench/FINDINGS.md, eighteenth round).
        double warm = 30;
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("clients", List.of(16, 64));
        params.put("secondsEach", secs);
        params.put("warmupSeconds", warm);
        params.put("database", "as scenario 5 leaves it: its 100,000 past sessions beside the " + SESSIONS + " infusing ones");
        params.put("readings", "as scenario 1");
        out.put("parameters", params);
        Load.run(clinic.api, 16, warm, 0, 201, clinic.chartRequests(16, 0.05), null);
        StringBuilder cell = new StringBuilder();
        for (int clients : new int[] {16, 64}) {
            Load.Result res = Load.run(clinic.api, clients, secs, 0, 201, clinic.chartRequests(clients, 0.05), null);
            Map<String, Object> m = res.toMap();
            out.put("clients-" + clients, m);
            log("charting on the history @" + clients + ": " + summary(res));
            cell.append(clients).append(": ").append(fmt(res.perSecond())).append("/s, p50 ").append(m.get("p50Ms"))
                    .append(" / p99 ").append(m.get("p99Ms")).append(" ms, ").append(res.errors).append(" errors, ")
                    .append(m.get("serverCpuMsPerRequest")).append(" ms server CPU/req (").append(m.get("writerCpuMsPerRequest"))
                    .append(" on the writer)<br>");
        }
        scenarios.put("8-charting-on-history", out);
        rows.add(new String[] {"8. Charting on a clinic's history", secs + " s per level, scenario 1's load on the database scenario 5 leaves"
                + " (100,000 past sessions)", cell.toString(), "(as 1: not in the issue's list)", "-"});
    }

    // ------------------------------------------------------------------ 7. device feed (HL7 v2 over MLLP)

    private void deviceFeed() throws Exception {
        double secs = seconds(20);
        double warm = seconds(5);
        int[] levels = {1, 8, 32};
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connections", List.of(1, 8, 32));
        params.put("secondsEach", secs);
        params.put("warmupSeconds", warm);
        params.put("message", "ORU^R01 (IHE PCD-01 style): one observation time, blood pressure, heart rate and SpO2 as MDC-coded OBX, "
                + "the patient by MRN in PID-3 and the recliner in PV1-3; 5% with heart rate 115 (crosses the 110 limit)");
        params.put("protocol", "MLLP on 127.0.0.1:" + server.mllpPort + "; each connection waits for its ACK before its next message, "
                + "as a monitor gateway does; each connection charts its own sessions");
        params.put("success", "ACK with MSA-1 = AA");
        out.put("parameters", params);
        java.net.InetSocketAddress mllp = new java.net.InetSocketAddress("127.0.0.1", server.mllpPort);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Load.run(() -> new Mllp(mllp), 8, warm, 0, 200, oruMessages(8, "w" + run), null);
        StringBuilder cell = new StringBuilder();
        for (int connections : levels) {
            Load.Result res = Load.run(() -> new Mllp(mllp), connections, secs, 0, 200, oruMessages(connections, connections + run), null);
            Map<String, Object> m = res.toMap();
            out.put("connections-" + connections, m);
            log("device feed @" + connections + ": " + summary(res));
            cell.append(connections).append(connections == 1 ? " connection: " : " connections: ").append(fmt(res.perSecond()))
                    .append(" messages/s, ACK p50 ").append(m.get("p50Ms")).append(" / p99 ").append(m.get("p99Ms")).append(" ms, ")
                    .append(res.errors).append(" not AA, ").append(m.get("serverCpuMsPerRequest")).append(" ms server CPU/message (")
                    .append(m.get("writerCpuMsPerRequest")).append(" on the writer)<br>");
        }
        scenarios.put("7-device-feed", out);
        rows.add(new String[] {"7. Device feed", "HL7 v2 ORU^R01 over MLLP, " + secs + " s per level, one reading per message, 5% crossing",
                cell.toString(), "(none in the issue: hundreds of chairs at one reading a second)", "-"});
    }

    /** Each connection sends messages for its own sessions, in turn, each with a control id of its own. */
    private Load.Requests oruMessages(int connections, String run) {
        int perConnection = Math.max(1, SESSIONS / connections);
        java.time.format.DateTimeFormatter ts = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ")
                .withZone(java.time.ZoneOffset.UTC);
        return (c, i) -> {
            int n = (c + connections * (int) (i % perConnection)) % SESSIONS;
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String now = ts.format(Instant.now());
            String id = "B" + run + "-" + c + "-" + i;
            int hr = r.nextDouble() < 0.05 ? 115 : 66 + r.nextInt(14);
            String message = "MSH|^~\\&|MONITOR_GW|CLINIC|CHAIRSIDE|CLINIC|" + now + "||ORU^R01^ORU_R01|" + id + "|P|2.6|||AL|NE\r"
                    + "PID|||B-" + n + "^^^CLINIC^MR||Patient " + n + "^Bench\r"
                    + "PV1||O|B-Chair-" + n + "\r"
                    + "OBR|1|" + id + "^MONITOR_GW|" + id + "^MONITOR_GW|182777000^monitoring of patient^SNOMED-CT|||" + now + "\r"
                    + "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|" + (112 + r.nextInt(14)) + "|mmHg|||||R|||" + now + "\r"
                    + "OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|" + (72 + r.nextInt(10)) + "|mmHg|||||R|||" + now + "\r"
                    + "OBX|3|NM|147842^MDC_ECG_HEART_RATE^MDC|1.2.1.1|" + hr + "|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||" + now + "\r"
                    + "OBX|4|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.2|" + (96 + r.nextInt(4)) + "|%^^UCUM|||||R|||" + now + "\r";
            return new Wire.Call("MLLP", "", message);
        };
    }

    // ------------------------------------------------------------------ 2. alert latency

    private void alertLatency() throws Exception {
        int dashboards = 200;
        double rate = 1000;
        double secs = seconds(30);
        int senders = 64;
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dashboards", dashboards);
        params.put("readingsPerSecond", rate);
        params.put("seconds", secs);
        params.put("senders", senders + " paced clients over " + SESSIONS + " sessions");
        params.put("crossingShare", 0.05);
        params.put("latency", "client clock: the POST's answer (whose body lists the alert change) to the alert event's data line "
                + "on each dashboard; events that arrive before the answer count as 0");
        // The stream path's code is compiled while it first runs: a scenario 1 before this one warms the charting, not
        // the streams. Its first seconds are timed on their own and reported beside the timed run, not hidden.
        double warmUpSecs = seconds(10);
        params.put("warmUp", warmUpSecs + " s of the same load on 200 dashboards connected for it, timed and reported as warmUp, "
                + "then these are closed and the timed run's dashboards connect");
        out.put("parameters", params);
        Run warmUp = streamRun(dashboards, 10, rate, warmUpSecs, senders, 0.05);
        out.put("warmUp", warmUp.summary);
        Run run = streamRun(dashboards, 10, rate, secs, senders, 0.05);
        out.putAll(run.summary);
        scenarios.put("2-alert-latency", out);
        rows.add(new String[] {"2. Alert latency", dashboards + " dashboards, " + fmt(rate) + " readings/s target, " + secs + " s",
                "achieved " + out.get("achievedReadingsPerSecond") + " readings/s, POST p99 " + sub(out, "post").get("p99Ms") + " ms; "
                        + out.get("alertChanges") + " alert changes; latency p50 " + sub(out, "alertLatency").get("p50Ms") + " / p99 "
                        + sub(out, "alertLatency").get("p99Ms") + " / max " + sub(out, "alertLatency").get("maxMs") + " ms; missing "
                        + out.get("missing") + ", duplicated " + out.get("duplicated") + "; server " + out.get("serverCpuCoresBusy")
                        + " and driver " + out.get("driverCpuCoresBusy") + " cores busy, driver's own GC " + out.get("driverGcMillis")
                        + " ms in " + out.get("driverGcCollections") + " pauses; before it, the streams' first " + warmUpSecs
                        + " s (warm-up): latency p99 " + sub(warmUp.summary, "alertLatency").get("p99Ms") + " / max "
                        + sub(warmUp.summary, "alertLatency").get("maxMs") + " ms, missing " + warmUp.missing + ", duplicated "
                        + warmUp.duplicates,
                "p99 < 20 ms; 0 missing/dup",
                met(((Number) sub(out, "alertLatency").get("p99Ms")).doubleValue() < 20 && run.missing == 0 && run.duplicates == 0
                        && warmUp.missing == 0 && warmUp.duplicates == 0)});
    }

    // ------------------------------------------------------------------ 3. fan-out

    private void fanOut() throws Exception {
        int dashboards = 1000;
        double rate = 200;
        double secs = seconds(60);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dashboards", dashboards);
        params.put("eventsPerSecond", rate + " (normal readings only: one reading event each)");
        params.put("seconds", secs);
        params.put("latencySample", "reading events on 20 dashboards");
        out.put("parameters", params);
        Run run = streamRun(dashboards, 20, rate, secs, 16, 0);
        out.putAll(run.summary);
        out.put("serverRssEndMiB", round(run.rssEnd));
        scenarios.put("3-fan-out", out);
        rows.add(new String[] {"3. Fan-out", dashboards + " dashboards, " + fmt(rate) + " events/s, " + secs + " s",
                "achieved " + out.get("achievedReadingsPerSecond") + " events/s; " + out.get("dashboardsComplete") + "/" + dashboards
                        + " dashboards got every event; missing " + run.missing + ", duplicated " + run.duplicates + "; delivery p50 "
                        + sub(out, "readingLatency").get("p50Ms") + " / p99 " + sub(out, "readingLatency").get("p99Ms")
                        + " ms; server RSS at end " + round(run.rssEnd) + " MiB",
                "0 loss", met(run.missing == 0 && run.duplicates == 0 && (int) out.get("dashboardsComplete") == dashboards)});
    }

    /** One change of one alert: its id and its updatedAt in epoch nanoseconds, as the POST's answer and the stream name it. */
    private record AlertChange(long id, long updatedAt) {
    }

    private static final class Run {
        final Map<String, Object> summary = new LinkedHashMap<>();
        long missing;
        long duplicates;
        double rssEnd;
    }

    /** Connects dashboards, charts at a paced rate, drains, then checks every dashboard's ids and the latencies. */
    private Run streamRun(int dashboards, int readingSample, double rate, double secs, int senders, double crossing) throws Exception {
        Run run = new Run();
        StreamReaders readers = new StreamReaders(2);
        List<Dashboard> boards = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < dashboards; i++) {
            Dashboard d = new Dashboard(i, i < readingSample);
            readers.open(d, clinic.api);
            boards.add(d);
            if (i % 50 == 49) {
                for (Dashboard b : boards.subList(i - 49, i + 1)) {
                    if (!b.awaitConnected(30_000)) {
                        throw new IllegalStateException("dashboard " + b.index + " did not connect: " + b.failure);
                    }
                }
            }
        }
        for (Dashboard b : boards) {
            if (!b.awaitConnected(30_000)) {
                throw new IllegalStateException("dashboard " + b.index + " did not connect: " + b.failure);
            }
        }
        long connectMs = (System.nanoTime() - t0) / 1_000_000;
        log(dashboards + " dashboards connected in " + connectMs + " ms; server RSS " + round(server.rssMiB()) + " MiB");
        // An empty young generation (the pom sizes it for a whole scenario): the driver should not pause while it times.
        System.gc();
        Thread.sleep(1000);

        double clientCpu0 = clientCpuMillis();
        long[] gc0 = driverGc();
        double serverCpu0 = server.cpuMillis();
        Timeline timeline = new Timeline(server::cpuMillis, Bench::clientCpuMillis);
        Map<AlertChange, Long> alertAnswered = new ConcurrentHashMap<>();
        Map<Long, Long> readingAnswered = new ConcurrentHashMap<>();
        AtomicLong expectedEvents = new AtomicLong();
        Load.Result post = Load.run(clinic.api, senders, secs, rate, 201, clinic.chartRequests(senders, crossing), (c, r, at) -> {
            try {
                JsonNode body = Api.JSON.readTree(r.body());
                readingAnswered.put(body.get("reading").get("id").asLong(), at);
                int n = 1;
                for (JsonNode alert : body.get("alerts")) {
                    byte[] updatedAt = alert.get("updatedAt").asText().getBytes(StandardCharsets.US_ASCII);
                    alertAnswered.put(new AlertChange(alert.get("id").asLong(), Dashboard.epochNanos(updatedAt, 0, updatedAt.length)), at);
                    n++;
                }
                expectedEvents.addAndGet(n);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        log("charted " + post.ok + " readings at " + fmt(post.perSecond()) + "/s (" + post.errors + " errors), " + alertAnswered.size()
                + " alert changes; draining");

        long minFirst = boards.stream().mapToLong(b -> b.firstId).filter(v -> v > 0).min().orElse(1);
        long expectedLast = minFirst + expectedEvents.get() - 1;
        long drainStart = System.nanoTime();
        while (System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(60)) {
            if (boards.stream().allMatch(b -> b.lastId >= expectedLast || b.failure != null)) {
                break;
            }
            Thread.sleep(50);
        }
        long drainMs = (System.nanoTime() - drainStart) / 1_000_000;
        timeline.stop();
        double clientCpuMs = clientCpuMillis() - clientCpu0;
        long[] gc1 = driverGc();
        double serverCpuMs = server.cpuMillis() - serverCpu0;
        double wallSeconds = post.seconds + drainMs / 1000.0;
        Thread.sleep(500);
        run.rssEnd = server.rssMiB();

        Histogram alertLatency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram readingLatency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        long early = 0;
        long unmatched = 0;
        int complete = 0;
        long resets = 0;
        long failed = 0;
        long maxId = boards.stream().mapToLong(b -> b.lastId).max().orElse(-1);
        for (Dashboard b : boards) {
            long lost = b.missing + Math.max(0, b.firstId < 0 ? expectedEvents.get() : b.firstId - minFirst) + Math.max(0, expectedLast - b.lastId);
            if (b.firstId < 0) {
                lost = expectedEvents.get();
            }
            run.missing += lost;
            run.duplicates += b.duplicates;
            resets += b.resets;
            if (b.failure != null) {
                failed++;
            }
            if (lost == 0 && b.duplicates == 0 && b.events == expectedEvents.get()) {
                complete++;
            }
            for (int i = 0; i < b.alertIds.size; i++) {
                Long answered = alertAnswered.get(new AlertChange(b.alertIds.get(i), b.alertTimes.get(i)));
                if (answered == null) {
                    unmatched++;
                    continue;
                }
                long us = TimeUnit.NANOSECONDS.toMicros(b.alertArrivals.get(i) - answered);
                if (us < 0) {
                    early++;
                }
                alertLatency.recordValue(Math.max(0, us));
                timeline.alert(b.alertArrivals.get(i), us);
            }
            for (int i = 0; i < b.readingIds.size; i++) {
                Long answered = readingAnswered.get(b.readingIds.get(i));
                if (answered != null) {
                    readingLatency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(b.readingArrivals.get(i) - answered)));
                }
            }
            b.closed = true;
        }
        readers.close();
        run.summary.put("connectMs", connectMs);
        run.summary.put("achievedReadingsPerSecond", round(post.perSecond()));
        run.summary.put("post", post.toMap());
        run.summary.put("expectedEvents", expectedEvents.get());
        run.summary.put("alertChanges", alertAnswered.size());
        run.summary.put("alertLatency", latencyMs(alertLatency));
        run.summary.put("alertEventsArrivedBeforeTheAnswer", early);
        run.summary.put("alertEventsNotMatched", unmatched);
        run.summary.put("readingLatency", latencyMs(readingLatency));
        List<Map<String, Object>> seconds = timeline.seconds();
        run.summary.put("worstSecond", Timeline.worst(seconds));
        run.summary.put("timeline", seconds);
        run.summary.put("missing", run.missing);
        run.summary.put("duplicated", run.duplicates);
        run.summary.put("dashboardsComplete", complete);
        run.summary.put("dashboardsFailed", failed);
        run.summary.put("resets", resets);
        run.summary.put("drainMs", drainMs);
        // Both sides share the machine: how many cores each kept busy while charting and draining.
        run.summary.put("serverCpuCoresBusy", round(serverCpuMs / 1000 / wallSeconds));
        run.summary.put("driverCpuCoresBusy", round(clientCpuMs / 1000 / wallSeconds));
        run.summary.put("driverGcCollections", gc1[0] - gc0[0]);
        run.summary.put("driverGcMillis", gc1[1] - gc0[1]);
        run.summary.put("highestIdSeen", maxId);
        run.summary.put("expectedLastId", expectedLast);
        log("dashboards complete " + complete + "/" + dashboards + ", missing " + run.missing + ", duplicated " + run.duplicates
                + ", alert latency " + latencyMs(alertLatency) + ", reading latency " + latencyMs(readingLatency) + ", drain " + drainMs
                + " ms; worst " + run.summary.get("worstSecond"));
        Thread.sleep(1000);
        return run;
    }

    // ------------------------------------------------------------------ 5. history

    private void history() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        HistorySeed seed = new HistorySeed(5000, 100_000, 10_000);
        server.stop();
        seed.run(server.jdbcUrl());
        log("seeded " + seed.sessions + " closed sessions, " + seed.patients + " patients and a session of " + seed.bigReadings
                + " readings in " + seed.millis + " ms");
        long restartMs = server.start();
        Thread.sleep(2000);
        clinic.logInAgain();
        Api api = clinic.api;
        int repeats = secondsOverride != null ? 10 : 30;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seed", "plain JDBC into the stopped server's H2 file: " + seed.sessions + " closed sessions over " + seed.patients
                + " patients (" + seed.sessions / seed.patients + " each), one closed session with " + seed.bigReadings + " readings and "
                + seed.bigAlerts + " alerts");
        params.put("seedMs", seed.millis);
        params.put("restartToFirstRequestMs", restartMs);
        params.put("repeats", repeats + " sequential requests each after 5 warm-up requests, one client, cookie auth");
        params.put("chartingBetween", "one reading charted (untimed) before each request: H2 answers a query identical to"
                + " the one before it from that query's last result until a table it reads changes, and in a clinic charting"
                + " changes the readings and sessions all the time");
        out.put("parameters", params);

        long big = seed.bigSessionId;
        longSession = big;
        seededReadings = seed.bigReadings;
        long patient = seed.searchPatientId;
        String search = "/api/history/sessions?patientId=" + patient;
        int probe = api.send(api.get(search)).statusCode();
        String searchNote;
        if (probe != 200) {
            searchNote = "GET /api/history/sessions is not there (" + probe + "): measured GET /api/sessions?state=CLOSED&patientId= instead";
            search = "/api/sessions?state=CLOSED&patientId=" + patient;
        } else {
            searchNote = "GET /api/history/sessions?patientId=";
        }
        params.put("search", searchNote);
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("session", "/api/sessions/" + big);
        paths.put("readings", "/api/sessions/" + big + "/readings");
        paths.put("alerts", "/api/alerts?sessionId=" + big);
        paths.put("search", search);
        paths.put("closedNewest", "/api/sessions?state=CLOSED");
        if (probe == 200) {
            // the history page's other searches: part of a name (matches 5 of the 5,000 patients), and no filter (newest page)
            paths.put("historyByName", "/api/history/sessions?q=family42");
            paths.put("historyNewest", "/api/history/sessions");
        }
        // the session view's other two requests (after the others, so the figures above stay comparable with earlier runs)
        paths.put("transitions", "/api/sessions/" + big + "/transitions");
        paths.put("thresholds", "/api/sessions/" + big + "/thresholds");
        // and the rest of what session.js load() asks for, where the build under test has it (a compared older jar may not)
        for (String[] later : List.of(new String[] {"assessments", "/api/sessions/" + big + "/assessments"},
                new String[] {"moves", "/api/sessions/" + big + "/moves"}, new String[] {"dose", "/api/sessions/" + big + "/dose"},
                new String[] {"screenings", "/api/sessions/" + big + "/screenings"},
                new String[] {"series", "/api/patients/" + patient + "/sessions"})) {
            if (api.send(api.get(later[1])).statusCode() == 200) {
                paths.put(later[0], later[1]);
            }
        }
        // what every dashboard loads when it opens, and again after a reset: every recliner, its open session, its last
        // readings and its open alerts (the infusing sessions of the other scenarios, each in its own recliner)
        paths.put("board", "/api/board");
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<Map<String, Object>> slow = new ArrayList<>();
        for (Map.Entry<String, String> e : paths.entrySet()) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            int size = 0;
            double cpu0 = 0;
            double jit0 = 0;
            for (int i = -5; i < repeats; i++) {
                clinic.chartBetween(i);
                if (i == 0) {
                    cpu0 = server.cpuMillis();
                    jit0 = compilerCpuMillis();
                }
                long t = System.nanoTime();
                HttpResponse<String> r = api.send(api.get(e.getValue()));
                long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + e.getValue() + " answered " + r.statusCode() + ": " + r.body());
                }
                size = r.body().length();
                if (i >= 0) {
                    h.recordValue(us);
                    if (us >= SLOW_HISTORY_MICROS) {
                        slow.add(slowRequest(e.getKey(), us));
                    }
                }
            }
            Map<String, Object> m = latencyMs(h);
            m.put("serverCpuMsPerRequest", round((server.cpuMillis() - cpu0) / repeats));
            // Right after the restart much of it is the JIT compiling the requests' code, not the requests.
            m.put("compilerCpuMsPerRequest", round((compilerCpuMillis() - jit0) / repeats));
            m.put("path", e.getValue().replace(Long.toString(big), "{big}").replace(Long.toString(patient), "{patient}"));
            m.put("bodyChars", size);
            sizes.put(e.getKey(), size);
            results.put(e.getKey(), m);
        }
        // The long session's list right after its readings changed (a correction charted before each request, untimed):
        // read and written afresh, as the first screen to reload an open session after each of its events gets it.
        // The figure above is the session unchanged between requests, as a closed session is.
        Histogram changed = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        double changedCpu = 0;
        long amend = lastCurrentReading(paths.get("readings"));
        for (int i = -5; i < repeats; i++) {
            amend = correct(api, amend, i, "the list after a change");
            double cpu0 = server.cpuMillis();
            long t = System.nanoTime();
            HttpResponse<String> r = api.send(api.get(paths.get("readings")));
            long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + paths.get("readings") + " answered " + r.statusCode());
            }
            if (i >= 0) {
                changed.recordValue(us);
                changedCpu += server.cpuMillis() - cpu0;
            }
        }
        Map<String, Object> afterChange = latencyMs(changed);
        afterChange.put("serverCpuMsPerRequest", round(changedCpu / repeats));
        afterChange.put("note", "GET " + paths.get("readings").replace(Long.toString(big), "{big}") + " with one of its readings"
                + " corrected before each request: the list is read and written afresh");
        results.put("readingsAfterChange", afterChange);

        // The session view two ways, alternating so both see the same warm-up: as the page loads it (session.js load()
        // sends its requests at once with Promise.all, a browser opening several connections for them, and asks for the
        // patient's series as soon as the session's answer names them), and the figure of earlier runs, session +
        // readings + alerts one after the other.
        List<String> page = java.util.stream.Stream.of("session", "readings", "alerts", "transitions", "moves", "thresholds", "assessments", "dose", "screenings")
                .filter(paths::containsKey).toList();
        Histogram view = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram parallelView = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        double parallelCpu = 0;
        // each view in the order timed, with the JIT's CPU during it: tells a warm-up's slow view from the machine's
        List<Double> viewsInOrder = new ArrayList<>();
        List<Double> viewsJitMs = new ArrayList<>();
        ExecutorService browser = java.util.concurrent.Executors.newFixedThreadPool(page.size() + 1);
        try {
            for (int i = 0; i < repeats; i++) {
                clinic.chartBetween(i);
                long t = System.nanoTime();
                for (String k : List.of("session", "readings", "alerts")) {
                    api.send(api.get(paths.get(k)));
                }
                view.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t));
                clinic.chartBetween(i);
                double cpu0 = server.cpuMillis();
                double jit0 = compilerCpuMillis();
                t = System.nanoTime();
                loadAtOnce(api, browser, page.stream().map(paths::get).toList(), paths.get("series"));
                long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t);
                parallelView.recordValue(us);
                parallelCpu += server.cpuMillis() - cpu0;
                viewsInOrder.add(ms(us));
                viewsJitMs.add(round(compilerCpuMillis() - jit0));
            }
            // An open view's refresh after a reading of its session (a correction, charted untimed before each): what
            // session.js asks then, the session, the readings changed since the newest it holds, the alerts and the
            // thresholds. An older build under comparison answers ?after= with the whole list: not timed.
            if (api.send(api.get(paths.get("readings") + "?after=" + amend)).headers().firstValue("X-Total-Count").isPresent()) {
                Histogram refresh = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
                double refreshCpu = 0;
                for (int i = -5; i < repeats; i++) {
                    long newestHeld = amend;
                    amend = correct(api, amend, i, "an open view's refresh");
                    List<String> urls = List.of(paths.get("session"), paths.get("readings") + "?after=" + newestHeld, paths.get("alerts"),
                            paths.get("thresholds"));
                    double cpu0 = server.cpuMillis();
                    long t = System.nanoTime();
                    loadAtOnce(api, browser, urls, null);
                    if (i >= 0) {
                        refresh.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t));
                        refreshCpu += server.cpuMillis() - cpu0;
                    }
                }
                Map<String, Object> rv = latencyMs(refresh);
                rv.put("serverCpuMsPerView", round(refreshCpu / repeats));
                rv.put("note", "the session, GET …/readings?after={newest held} (the correction and its original), the alerts and the"
                        + " thresholds at once, after a correction charted untimed before each: what an open session view fetches after a"
                        + " reading or an alert of its session");
                results.put("sessionViewRefresh", rv);
            }
        } finally {
            browser.shutdownNow();
        }
        Map<String, Object> v = latencyMs(view);
        v.put("note", "session, readings and alerts one after the other: the session view figure of runs before the parallel one");
        results.put("sessionViewTotal", v);
        Map<String, Object> pv = latencyMs(parallelView);
        pv.put("serverCpuMsPerView", round(parallelCpu / repeats));
        pv.put("msInOrder", viewsInOrder);
        pv.put("compilerCpuMsInOrder", viewsJitMs);
        pv.put("note", "the page's " + page.size() + " requests (" + String.join(", ", page) + ") at once, until the last answer"
                + (paths.containsKey("series") ? "; the patient's series from the session's answer on" : ""));
        results.put("sessionViewParallel", pv);
        Map<String, Object> warm = pastWarmUp(api, page.stream().map(paths::get).toList(), paths.get("series"), paths.get("search"), repeats);
        results.put("pastWarmUp", warm);
        out.put("results", results);
        // With their wall-clock times, so that a stall can be set against the server's log (housekeeping passes at DEBUG).
        out.put("slowRequests", slow);
        slow.forEach(r -> log("slow history request: " + r));
        scenarios.put("5-history", out);
        Map<String, Object> s = sub(results, "search");
        rows.add(new String[] {"5. History", seed.sessions + " past sessions, a session of " + seed.bigReadings + " readings; " + repeats
                + " requests each",
                "past the JIT's warm-up (" + warm.get("warmUpSeconds") + " s, " + warm.get("warmUpViews") + " views after the restart): session view p50 "
                        + sub(warm, "sessionView").get("p50Ms") + " / p99 " + sub(warm, "sessionView").get("p99Ms") + " ms, "
                        + sub(warm, "sessionView").get("serverCpuMsPerView") + " ms server CPU; search p50 " + sub(warm, "search").get("p50Ms")
                        + " / p99 " + sub(warm, "search").get("p99Ms") + " ms. In the first half minute after the restart: "
                        + "session view (the page's " + page.size() + " requests in parallel" + (paths.containsKey("series") ? ", the series after the session" : "")
                        + ") p50 " + pv.get("p50Ms") + " / p99 " + pv.get("p99Ms") + " ms, "
                        + pv.get("serverCpuMsPerView") + " ms server CPU" + (results.containsKey("sessionViewRefresh")
                        ? "; an open view's refresh after a reading (4 requests, the readings as changes) p50 " + sub(results, "sessionViewRefresh").get("p50Ms")
                        + " / p99 " + sub(results, "sessionViewRefresh").get("p99Ms") + " ms, "
                        + sub(results, "sessionViewRefresh").get("serverCpuMsPerView") + " ms server CPU" : "") + "; sequential (session + readings + alerts) p50 " + v.get("p50Ms")
                        + " / p99 " + v.get("p99Ms") + " ms (readings alone p50 "
                        + sub(results, "readings").get("p50Ms") + " ms, " + sizes.get("readings") / 1024 + " KiB, "
                        + sub(results, "readings").get("serverCpuMsPerRequest") + " ms server CPU, of it the JIT compiler "
                        + sub(results, "readings").get("compilerCpuMsPerRequest") + " ms; right after a change p50 "
                        + afterChange.get("p50Ms") + " / p99 " + afterChange.get("p99Ms") + " ms, "
                        + afterChange.get("serverCpuMsPerRequest") + " ms server CPU); search p50 "
                        + s.get("p50Ms") + " / p99 " + s.get("p99Ms") + " ms (" + searchNote + "); newest 200 closed p50 "
                        + sub(results, "closedNewest").get("p50Ms") + " ms" + (results.containsKey("historyByName") ? "; history by name p50 "
                        + sub(results, "historyByName").get("p50Ms") + " / p99 " + sub(results, "historyByName").get("p99Ms")
                        + " ms, newest page p50 " + sub(results, "historyNewest").get("p50Ms") + " / p99 "
                        + sub(results, "historyNewest").get("p99Ms") + " ms" : "") + "; the board (" + SESSIONS + " open chairs, "
                        + sizes.get("board") / 1024 + " KiB) p50 " + sub(results, "board").get("p50Ms") + " / p99 "
                        + sub(results, "board").get("p99Ms") + " ms; restart with this data " + restartMs + " ms",
                "view < 100 ms, search < 200 ms (past the warm-up, as every other scenario is timed)",
                met(((Number) sub(warm, "sessionView").get("p99Ms")).doubleValue() < 100
                        && ((Number) sub(warm, "search").get("p99Ms")).doubleValue() < 200)});
    }

    /**
     * The session view and the search again once the restarted server is past its JIT's warm-up. Scenario 5 restarts
     * the server to seed its file, and its figures above are its first half minute, during which the compilers took
     * 10-80 ms of CPU per view on two cores (each view's share is in {@code compilerCpuMsInOrder}): what a provider sees
     * in the first minute after a restart, not in a clinic's day. The page and the search are loaded untimed until the
     * compiler threads use less than a tenth of a core over three seconds (two minutes at most), then timed as before.
     */
    private Map<String, Object> pastWarmUp(Api api, List<String> page, String seriesUrl, String search, int repeats) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        ExecutorService browser = java.util.concurrent.Executors.newFixedThreadPool(page.size() + 1);
        try {
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            int views = 0;
            double windowJit = compilerCpuMillis();
            long windowStart = System.nanoTime();
            double quietShare = Double.NaN;
            while (System.nanoTime() < deadline) {
                clinic.chartBetween(views);
                loadAtOnce(api, browser, page, seriesUrl);
                api.send(api.get(search));
                views++;
                long windowNanos = System.nanoTime() - windowStart;
                if (windowNanos >= TimeUnit.SECONDS.toNanos(3)) {
                    quietShare = (compilerCpuMillis() - windowJit) / TimeUnit.NANOSECONDS.toMillis(windowNanos);
                    if (quietShare < 0.1) {
                        break;
                    }
                    windowJit = compilerCpuMillis();
                    windowStart = System.nanoTime();
                }
            }
            out.put("warmUpSeconds", round((System.nanoTime() - t0) / 1e9));
            out.put("warmUpViews", views);
            out.put("compilerShareOfACoreAtTheEnd", round(quietShare));
            Histogram view = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            Histogram searched = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            double cpu = 0;
            double jit0 = compilerCpuMillis();
            for (int i = 0; i < repeats; i++) {
                clinic.chartBetween(i);
                double cpu0 = server.cpuMillis();
                long t = System.nanoTime();
                loadAtOnce(api, browser, page, seriesUrl);
                view.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t));
                cpu += server.cpuMillis() - cpu0;
                clinic.chartBetween(i);
                t = System.nanoTime();
                HttpResponse<String> r = api.send(api.get(search));
                searched.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t));
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + search + " answered " + r.statusCode());
                }
            }
            Map<String, Object> v = latencyMs(view);
            v.put("serverCpuMsPerView", round(cpu / repeats));
            v.put("compilerCpuMsPerView", round((compilerCpuMillis() - jit0) / repeats));
            out.put("sessionView", v);
            out.put("search", latencyMs(searched));
            out.put("note", "the session view's " + page.size() + " requests at once and the search, each after a reading charted untimed,"
                    + " once the JIT compilers used under a tenth of a core over three seconds (the figures above are the server's"
                    + " first half minute after its restart)");
        } finally {
            browser.shutdownNow();
        }
        return out;
    }

    /** Corrects a reading of the long session (its heart rate, by the i-th of five values) and returns the correction's id. */
    private static long correct(Api api, long reading, int i, String why) throws IOException, InterruptedException {
        HttpResponse<String> a = api.send(api.post("/api/readings/" + reading + "/amendments",
                "{\"heartRate\":" + (70 + Math.floorMod(i, 5)) + ",\"reason\":\"bench: " + why + "\"}"));
        if (a.statusCode() != 201) {
            throw new IllegalStateException("amending reading " + reading + " answered " + a.statusCode() + ": " + a.body());
        }
        return Api.JSON.readTree(a.body()).path("reading").path("id").asLong();
    }

    /** CPU time of the server's JIT compiler threads so far. */
    private double compilerCpuMillis() {
        return server.threadCpuMillis("C1 CompilerThre") + server.threadCpuMillis("C2 CompilerThre");
    }

    /** The page's requests at once, the patient's series as soon as the session's (the first) is answered, as session.js load() asks. */
    private static void loadAtOnce(Api api, ExecutorService browser, List<String> urls, String seriesUrl) throws Exception {
        List<String> asked = new ArrayList<>(urls);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String u : urls) {
            answers.add(browser.submit(() -> api.send(api.get(u))));
        }
        if (seriesUrl != null) {
            Future<HttpResponse<String>> session = answers.get(0);
            answers.add(browser.submit(() -> {
                session.get();
                return api.send(api.get(seriesUrl));
            }));
            asked.add(seriesUrl);
        }
        for (int j = 0; j < answers.size(); j++) {
            HttpResponse<String> r = answers.get(j).get();
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + asked.get(j) + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /** The id of the newest reading of a session's list that is not amended. */
    private long lastCurrentReading(String listPath) throws IOException, InterruptedException {
        JsonNode list = Api.JSON.readTree(clinic.api.send(clinic.api.get(listPath)).body());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!list.get(i).path("amended").asBoolean()) {
                return list.get(i).path("id").asLong();
            }
        }
        throw new IllegalStateException(listPath + " holds no current reading");
    }

    private static Map<String, Object> slowRequest(String what, long micros) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", what);
        m.put("ms", round(micros / 1000.0));
        m.put("answeredAt", Instant.now().toString());
        return m;
    }

    // ------------------------------------------------------------------ report

    private void write() throws IOException {
        Files.createDirectories(dir);
        Api.JSON.enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("report.json"), Api.JSON.writeValueAsString(report));
        StringBuilder md = new StringBuilder();
        md.append("| Scenario | Parameters | Result | Target | Met |\n|---|---|---|---|---|\n");
        rows.sort(Comparator.comparing(r -> r[0]));
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", Stream.of(r).map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) report.get("machine");
        md.append("\nMachine: ").append(m.get("cpus")).append(" CPUs (").append(m.get("cpuModel")).append("), ").append(m.get("memTotalMiB"))
                .append(" MiB RAM, Java ").append(m.get("java")).append(", load average at start ").append(m.get("loadAverageAtStart"))
                .append(". Command: `").append(report.get("command")).append("`. Generated ").append(report.get("generatedAt")).append(".\n");
        if (!serverCollections.isEmpty()) {
            md.append("\nServer collections per scenario (jstat): ");
            md.append(String.join("; ", serverCollections.entrySet().stream().map(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) e.getValue();
                return e.getKey() + " young " + c.get("young") + " (" + c.get("youngMs") + " ms), full " + c.get("full") + " (" + c.get("fullMs") + " ms)";
            }).toList())).append(".\n");
        }
        Files.writeString(dir.resolve("report.md"), md.toString());
        log("wrote " + dir.resolve("report.json") + " and " + dir.resolve("report.md") + "\n" + md);
    }

    private Map<String, Object> machine() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?"));
        m.put("memTotalMiB", Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadAverageAtStart", loadAverage());
        m.put("openFilesLimit", openFilesLimit());
        m.put("serverHeap", "-Xmx512m");
        m.put("serverJvmOptions", server.jvmOptions);
        // glibc's malloc arenas count in resident memory; the server inherits this from the driver's environment
        m.put("serverEnvMallocArenaMax", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "(unset)"));
        return m;
    }

    private static String openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.replaceAll("\\s+", " ").trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Collections of the driver's own JVM so far, and the milliseconds they took (a stopped driver stamps arrivals late). */
    private static long[] driverGc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static double clientCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(-1.0);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static Map<String, Object> latencyMs(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50Ms", ms(h.getValueAtPercentile(50)));
        m.put("p99Ms", ms(h.getValueAtPercentile(99)));
        m.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
        m.put("maxMs", ms(h.getMaxValue()));
        m.put("meanMs", round(h.getMean() / 1000.0));
        return m;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Object map, String key) {
        return map instanceof Map ? (Map<String, Object>) ((Map<String, Object>) map).get(key) : null;
    }

    private String rate(Map<String, Object> out, String key) {
        return fmt(((Number) sub(out, key).get("requestsPerSecond")).doubleValue());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    private static String summary(Load.Result r) {
        return fmt(r.perSecond()) + "/s, " + r.toMap();
    }

    private static void log(String s) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + s);
        System.out.flush();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
