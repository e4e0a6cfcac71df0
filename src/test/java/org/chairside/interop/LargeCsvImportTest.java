package org.chairside.interop;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.alerts.Alert;
import org.chairside.live.LoggedEvent;

/**
 * A 200,000-row monitor export imported through the HTTP endpoint with a heap ceiling. Runs in its own Surefire
 * execution ("large-import", -Xmx192m, see pom.xml); the default execution excludes it, and it fails without the ceiling.
 * The file (about 30 MB) is written under target/ at test time; read whole, parsed into readings, or stored in
 * one transaction it would not fit beside the application in that heap.
 */
@QuarkusTest
class LargeCsvImportTest {
    static final int ROWS = 200_000;
    static final long HEAP_CEILING = 200L * 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    @Test
    void twoHundredThousandRowsImportWithFlatMemory() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= HEAP_CEILING, "the heap ceiling is in place (heap here: " + maxHeap / 1024 / 1024 + " MB)");
        Instant opened = Instant.now().minus(Duration.ofDays(3));
        // A monitor's export from an infusion: the session has its baseline and is INFUSING.
        long session = TestClinic.infusingSession();
        InteropFixture.openedAt(session, opened);
        Path file = Path.of("target", "large-import.csv");
        Instant first = opened.plusSeconds(60);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Time,NIBP-S,NIBP-D,NIBP-M,HR,PR,SpO2 %,RR,Temp (C),PI,Device,Operator,Comment\n");
            for (int i = 0; i < ROWS; i++) {
                int sys = 110 + (i % 60);            // crosses 160 (warning) now and then: alerts, one per condition
                int dia = 70 + (i % 25);
                w.write(first.plusSeconds(i).toString() + "," + sys + "," + dia + "," + (dia + (sys - dia) / 3) + ","
                        + (60 + i % 30) + "," + (61 + i % 30) + "," + (94 + i % 6) + "," + (12 + i % 8) + ",36." + (i % 10)
                        + ",3." + (i % 10) + ",MX450-SN-0042-BED-07,monitor-gateway-station-3,automatic cycle no comment\n");
            }
        }
        long size = Files.size(file);
        assertTrue(size > 25_000_000, "the file is large enough to matter: " + size);

        String importId = TestClinic.unique("large");
        String auth = "Basic " + Base64.getEncoder().encodeToString(("nurse:" + TestClinic.PASSWORD).getBytes(StandardCharsets.UTF_8));
        TestClinic.ensureUsers();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "api/sessions/" + session + "/imports/csv?importId=" + importId))
                .header("Authorization", auth).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();

        AtomicLong peakUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        // The dashboard's progress bar: the import is visible, with a growing percentage, while it runs.
        int seenPercent = -1;
        boolean sawRunning = false;
        while (!response.isDone()) {
            Thread.sleep(500);
            io.restassured.response.Response p = TestClinic.nurse().get("/api/imports/" + importId);
            if (p.statusCode() == 200 && "RUNNING".equals(p.jsonPath().getString("state"))) {
                sawRunning = true;
                int percent = p.jsonPath().getInt("percent");
                assertTrue(percent >= seenPercent, "progress never goes back");
                seenPercent = percent;
            }
        }
        HttpResponse<String> r = response.get();
        sampler.interrupt();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(200, r.statusCode(), r.body());
        JsonPath report = JsonPath.from(r.body());
        assertEquals(ROWS, report.getInt("rowsRead"));
        assertEquals(ROWS, report.getInt("rowsStored"));
        assertEquals(0, report.getInt("rowsRejected"));
        assertTrue(sawRunning, "progress was visible while the import ran");
        assertEquals(ROWS + 1, InteropFixture.readingCount(session), "the baseline and every imported row");
        System.out.printf("Imported %d rows (%d MB) in %.1f s; heap ceiling %d MB, peak heap used %d MB; last progress seen %d%%%n",
                ROWS, size / 1024 / 1024, seconds, maxHeap / 1024 / 1024, peakUsed.get() / 1024 / 1024, seenPercent);

        // One alert per condition, whatever the number of breaching rows; alert events bounded by the chunks.
        long alerts = QuarkusTransaction.requiringNew().call(() -> Alert.count("sessionId", session));
        long alertEvents = QuarkusTransaction.requiringNew().call(() -> LoggedEvent.count("sessionId = ?1 and type = 'alert'", session));
        assertTrue(alerts > 0 && alerts < 20, "alerts: " + alerts);
        assertTrue(alertEvents <= (ROWS / 1000 + 1) * alerts, "alert events: " + alertEvents);

        TestClinic.nurse().get("/api/imports/" + importId).then().statusCode(200)
                .body("state", equalTo("DONE")).body("percent", equalTo(100)).body("rowsStored", equalTo(ROWS));
        Files.deleteIfExists(file);
    }
}
