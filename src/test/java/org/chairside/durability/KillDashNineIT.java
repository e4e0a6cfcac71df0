package org.chairside.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.chairside.PackagedServer;
import org.chairside.live.SseClient;

/**
 * Runs the packaged server as its own process, kills it with SIGKILL in the middle of a burst of
 * charting, starts it again on the same data, and checks that every reading the server answered 201 for
 * is there, with its alerts and its events on the live stream.
 */
class KillDashNineIT {
    private static final String ADMIN_PASSWORD = "durability-admin-pw";
    private static final String NURSE_PASSWORD = "durability-nurse-pw";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern READING_ID = Pattern.compile("\"reading\":\\{\"id\":(\\d+)");
    private static final Pattern ALERT_IDS = Pattern.compile("\\{\"id\":(\\d+),\"sessionId\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PackagedServer server;
    private Path dataDir;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void everyAcknowledgedReadingSurvivesSigkill() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "kill9-");
        port = PackagedServer.freePort();
        start();
        post("admin", ADMIN_PASSWORD, "/api/users", "{\"username\":\"nurse\",\"password\":\"" + NURSE_PASSWORD + "\",\"roles\":[\"NURSE\"]}");
        List<Long> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long recliner = id(post("admin", ADMIN_PASSWORD, "/api/recliners", "{\"name\":\"Chair " + i + "\"}"));
            long patient = id(post("nurse", NURSE_PASSWORD, "/api/patients", "{\"mrn\":\"K9-" + i + "\",\"givenName\":\"Kay\",\"familyName\":\"Nine" + i + "\",\"birthDate\":\"1970-01-01\"}"));
            long session = id(post("nurse", NURSE_PASSWORD, "/api/sessions", "{\"patientId\":" + patient + ",\"reclinerId\":" + recliner
                    + ",\"weightKg\":80,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.5,\"plannedMinutes\":40}}"));
            post("nurse", NURSE_PASSWORD, "/api/sessions/" + session + "/readings", "{\"systolic\":120,\"diastolic\":80,\"heartRate\":70,\"spo2\":98}");
            post("nurse", NURSE_PASSWORD, "/api/sessions/" + session + "/screenings", "{\"unstableCardiovascular\":false,\"aneurysmalVascular\":false,\"uncontrolledHypertension\":false,\"psychosisOrMania\":false}");
            post("nurse", NURSE_PASSWORD, "/api/sessions/" + session + "/transitions", "{\"to\":\"INFUSING\"}");
            sessions.add(session);
        }

        Set<Long> acknowledgedReadings = ConcurrentHashMap.newKeySet();
        Set<Long> acknowledgedAlerts = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            long session = sessions.get(w);
            writers.submit(() -> {
                int n = 0;
                while (running.get()) {
                    // every fifth reading crosses the HIGH systolic limit, the next one recovers
                    String body = n++ % 5 == 0 ? "{\"systolic\":190,\"diastolic\":95,\"heartRate\":88,\"spo2\":96}"
                            : "{\"systolic\":125,\"diastolic\":82,\"heartRate\":72,\"spo2\":98}";
                    try {
                        HttpResponse<String> r = send("nurse", NURSE_PASSWORD, "/api/sessions/" + session + "/readings", body);
                        if (r.statusCode() == 201) {
                            Matcher m = READING_ID.matcher(r.body());
                            assertTrue(m.find());
                            acknowledgedReadings.add(Long.parseLong(m.group(1)));
                            Matcher a = ALERT_IDS.matcher(r.body().substring(r.body().indexOf("\"alerts\"")));
                            while (a.find()) {
                                acknowledgedAlerts.add(Long.parseLong(a.group(1)));
                            }
                        }
                    } catch (IOException | InterruptedException killed) {
                        // the server died under us: a write without an answer may or may not be stored
                    }
                }
            });
        }
        long deadline = System.currentTimeMillis() + 40_000;
        while (acknowledgedReadings.size() < 300 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        server.kill();
        running.set(false);
        writers.shutdown();
        writers.awaitTermination(30, TimeUnit.SECONDS);
        assertTrue(acknowledgedReadings.size() >= 50, "the burst was under way when the server died: " + acknowledgedReadings.size());

        start();
        Set<Long> stored = new HashSet<>();
        for (long session : sessions) {
            Matcher m = ID.matcher(get("/api/sessions/" + session + "/readings"));
            while (m.find()) {
                stored.add(Long.parseLong(m.group(1)));
            }
        }
        Set<Long> lost = new HashSet<>(acknowledgedReadings);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "readings answered 201 but gone after SIGKILL");

        Set<Long> alerts = new HashSet<>();
        Matcher am = ID.matcher(get("/api/alerts"));
        while (am.find()) {
            alerts.add(Long.parseLong(am.group(1)));
        }
        Set<Long> lostAlerts = new HashSet<>(acknowledgedAlerts);
        lostAlerts.removeAll(alerts);
        assertTrue(!acknowledgedAlerts.isEmpty(), "the burst raised alerts");
        assertEquals(Set.of(), lostAlerts, "alerts answered in a 201 but gone after SIGKILL");

        // Every acknowledged reading has its event in the log: a dashboard resuming from 0 receives them all.
        try (SseClient replay = SseClient.connect(server.uri("/"), "nurse", NURSE_PASSWORD, "0")) {
            long settle = System.currentTimeMillis() + 20_000;
            Set<Long> readingEvents = new HashSet<>();
            while (System.currentTimeMillis() < settle) {
                readingEvents.clear();
                for (SseClient.Event e : replay.events()) {
                    if (e.type().equals("reading")) {
                        Matcher m = ID.matcher(e.data());
                        m.find();
                        readingEvents.add(Long.parseLong(m.group(1)));
                    }
                }
                if (readingEvents.containsAll(acknowledgedReadings)) {
                    break;
                }
                Thread.sleep(100);
            }
            Set<Long> missing = new HashSet<>(acknowledgedReadings);
            missing.removeAll(readingEvents);
            assertEquals(Set.of(), missing, "reading events missing from the log after SIGKILL");
            List<Long> ids = replay.events().stream().map(SseClient.Event::id).toList();
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(i + 1, ids.get(i), "event ids run 1, 2, 3... without a hole");
            }
        }
    }

    private void start() throws Exception {
        server = PackagedServer.start(dataDir, List.of("-Xmx256m"), PackagedServer.jar().toString(),
                Map.of("CHAIRSIDE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD), port, dataDir.resolve("server.log"))
                .awaitReady(Duration.ofSeconds(90));
    }

    private String post(String user, String password, String path, String json) throws Exception {
        HttpResponse<String> r = send(user, password, path, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, path + " answered " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private HttpResponse<String> send(String user, String password, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", PackagedServer.basic(user, password)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", PackagedServer.basic("nurse", NURSE_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    private static long id(String json) {
        Matcher m = ID.matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }
}
