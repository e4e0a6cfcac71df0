package org.chairside.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Scenario 9: the dashboard itself, in Chromium driven by Playwright as the browser tests drive it. The other scenarios
 * stop at the server's answer; a board that receives every event in time can still lag if drawing them keeps the
 * browser's main thread busy. Measures the live board while every infusing chair charts a reading a second (the
 * browser's main-thread time from Chrome's own counters, its long tasks and frames), the same with one device-fed
 * session's view open instead, and the session view of the history's long session from opening it to its table drawn.
 */
final class BrowserDashboard {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** A 24-inch nursing-station screen: a few rows of tiles on it, the rest of the board below. */
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int VIEW_OPENS = 7;
    /** A monitor's reading a second for an hour. */
    private static final int AN_HOUR_OF_READINGS = 3600;

    private BrowserDashboard() {
    }

    /** Null when there is no Chromium to drive. */
    static Map<String, Object> run(Server server, Clinic clinic, Long longSession, double seconds, Path traces) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(WIDTH, HEIGHT));
            page.navigate(server.base() + "/");
            page.locator("#login-username").fill(Api.USER);
            page.locator("#login-password").fill(Api.PASSWORD);
            page.locator("#login-password").press("Enter");
            page.locator("#live-status[data-state=live]").waitFor();
            out.put("board", board(page, clinic, seconds, traces));
            out.put("liveSessionView", liveSessionView(page, server, clinic, seconds, traces));
            if (longSession != null) {
                out.put("sessionView", sessionView(page, server, longSession));
            }
            browser.close();
        }
        return out;
    }

    private static Map<String, Object> board(Page page, Clinic clinic, double seconds, Path traces) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tiles", page.locator("article.tile").count());
        m.put("viewport", WIDTH + "x" + HEIGHT);
        m.putAll(whileClinicCharts(page, clinic, seconds, traces == null ? null : traces.resolve("board.trace.json")));
        return m;
    }

    /**
     * A nurse's screen on one device-fed session for the same load: the view redraws after each of its readings and
     * alerts, while the page still takes in every other chair's events. The session is first brought to an hour of a
     * monitor's readings, so the figures do not depend on which scenarios ran before.
     */
    private static Map<String, Object> liveSessionView(Page page, Server server, Clinic clinic, double seconds, Path traces) throws Exception {
        long session = clinic.sessionIds[0];
        String readings = "/api/sessions/" + session + "/readings";
        int have = Integer.parseInt(clinic.api.send(clinic.api.get(readings + "?after=" + Long.MAX_VALUE)).headers()
                .firstValue("X-Total-Count").orElseThrow());
        for (int i = have; i < AN_HOUR_OF_READINGS; i++) {
            int status = clinic.api.send(clinic.api.post(readings, Clinic.reading(0.05))).statusCode();
            if (status != 201) {
                throw new IllegalStateException("charting the live session's hour answered " + status);
            }
        }
        page.navigate(server.base() + "/#/session/" + session);
        page.locator("#session-view table.readings").waitFor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readingsBefore", Math.max(have, AN_HOUR_OF_READINGS));
        m.putAll(whileClinicCharts(page, clinic, seconds, traces == null ? null : traces.resolve("session-view.trace.json")));
        m.put("nodes", page.evaluate("() => document.querySelectorAll('#session-view *').length"));
        return m;
    }

    /**
     * Every infusing chair charts a reading a second while the page's main thread, its long tasks and frames are counted;
     * with a trace file named, Chrome traces the page meanwhile and its main thread's time is summed by kind.
     */
    private static Map<String, Object> whileClinicCharts(Page page, Clinic clinic, double seconds, Path trace) throws Exception {
        int rate = Clinic.SESSIONS;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readingsPerSecond", rate + " (each infusing chair a reading a second, 5 % crossing a threshold), 16 paced clients");
        // one observer for the page's life (a second would count every task twice), one frame counter per measurement
        page.evaluate("() => { window.benchLongTasks = []; window.benchFrames = 0; window.benchDrawing = true;"
                + " if (!window.benchObserving) { window.benchObserving = true;"
                + " new PerformanceObserver((l) => l.getEntries().forEach((e) => window.benchLongTasks.push(e.duration))).observe({ type: 'longtask' }); }"
                + " const round = window.benchRound = (window.benchRound || 0) + 1;"
                + " const f = () => { if (!window.benchDrawing || window.benchRound !== round) return; window.benchFrames++; requestAnimationFrame(f); };"
                + " requestAnimationFrame(f); }");
        CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("Performance.enable");
        Browser browser = page.context().browser();
        if (trace != null) {
            browser.startTracing(page, new Browser.StartTracingOptions().setPath(trace)
                    .setCategories(List.of("devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8", "blink", "disabled-by-default-devtools.timeline.invalidationTracking")));
        }
        if (trace != null) {
            cdp.send("Profiler.enable");
            cdp.send("Profiler.start");
        }
        Map<String, Double> before = metrics(cdp);
        long t0 = System.nanoTime();
        Load.Result charted = Load.run(clinic.api, 16, seconds, rate, 201, clinic.chartRequests(16, 0.05), null);
        // the last events drawn
        Thread.sleep(500);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> after = metrics(cdp);
        if (trace != null) {
            browser.stopTracing();
            m.put("trace", trace.getFileName().toString());
            m.put("mainThreadSelfMsByKind", MainThreadTrace.selfTimes(trace));
            m.put("scriptSelfMsByFunction", MainThreadTrace.functions(cdp.send("Profiler.stop").getAsJsonObject("profile")));
        }
        JsonObject tasks = new com.google.gson.Gson().fromJson(String.valueOf(page.evaluate("() => { window.benchDrawing = false;"
                + " const t = window.benchLongTasks; return JSON.stringify({ count: t.length, sum: t.reduce((a, b) => a + b, 0),"
                + " max: Math.max(0, ...t), frames: window.benchFrames }); }")), JsonObject.class);
        m.put("charted", charted.ok + " readings, " + charted.errors + " errors, " + Bench.round(charted.perSecond()) + "/s");
        m.put("seconds", Bench.round(wall));
        m.put("mainThreadBusyShare", Bench.round((after.get("TaskDuration") - before.get("TaskDuration")) / wall));
        m.put("scriptShare", Bench.round((after.get("ScriptDuration") - before.get("ScriptDuration")) / wall));
        m.put("styleAndLayoutShare", Bench.round((after.get("RecalcStyleDuration") - before.get("RecalcStyleDuration")
                + after.get("LayoutDuration") - before.get("LayoutDuration")) / wall));
        m.put("longTasks", tasks.get("count").getAsInt());
        m.put("longTasksMs", Bench.round(tasks.get("sum").getAsDouble()));
        m.put("longestTaskMs", Bench.round(tasks.get("max").getAsDouble()));
        m.put("framesPerSecond", Bench.round(tasks.get("frames").getAsDouble() / wall));
        cdp.detach();
        return m;
    }

    /** Chrome's cumulative counters, in seconds of the page's main thread. */
    private static Map<String, Double> metrics(CDPSession cdp) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonElement e : cdp.send("Performance.getMetrics").getAsJsonArray("metrics")) {
            m.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject().get("value").getAsDouble());
        }
        return m;
    }

    /** From the board to the long session's view with its table drawn, several times: the first opens compile the page's code. */
    private static Map<String, Object> sessionView(Page page, Server server, long session) {
        List<Long> opens = new ArrayList<>();
        String rows = null;
        for (int i = 0; i < VIEW_OPENS; i++) {
            page.navigate(server.base() + "/#/board");
            page.locator("article.tile").first().waitFor();
            long t = System.nanoTime();
            page.navigate(server.base() + "/#/session/" + session);
            page.locator("#session-view table.readings").waitFor();
            opens.add((System.nanoTime() - t) / 1_000_000);
            rows = page.locator("#readings-shown").count() > 0 ? page.locator("#readings-shown").textContent()
                    : page.locator("#session-view table.readings tbody tr").count() + " rows";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openToTableMs", opens);
        List<Long> sorted = opens.stream().sorted().toList();
        m.put("medianMs", sorted.get(sorted.size() / 2));
        m.put("maxMs", sorted.get(sorted.size() - 1));
        m.put("table", rows);
        m.put("nodes", page.evaluate("() => document.querySelectorAll('#session-view *').length"));
        return m;
    }
}
