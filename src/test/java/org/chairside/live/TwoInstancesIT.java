package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.chairside.PackagedServer;

/**
 * Two packaged servers of the scale-out build (the {@code scaleout} profile: PostgreSQL and RabbitMQ) behind an
 * imagined load balancer, as the README's scale-out section runs them, both started at once on a fresh database.
 * What a clinic relies on when a dashboard is connected to one instance and a nurse's request lands on the other.
 * Runs in the {@code postgres} Maven profile, which packages the scale-out build (README, "Run the tests").
 */
class TwoInstancesIT {
    private static final String ADMIN_PASSWORD = "two-instances-admin-pw";
    private static final String PASSWORD = "two-instances-user-pw";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern ALERT_ID = Pattern.compile("\"alerts\":\\[\\{\"id\":(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_URL = System.getProperty("chairside.it.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static String database;
    private static Path work;
    private static Instance a;
    private static Instance b;

    /** One of the two: a name for the failure messages, and its server. */
    private record Instance(String name, PackagedServer server) {
        URI uri(String path) {
            return server.uri(path);
        }
    }

    @BeforeAll
    static void startTwoInstancesOnAFreshDatabase() throws Exception {
        database = "chairside_it_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        work = Files.createTempDirectory(Path.of("target"), "two-instances-");
        // at once: Flyway's lock must serialise the two migrations on the empty database
        a = launch("a");
        b = launch("b");
        a.server().awaitReady(Duration.ofSeconds(120));
        b.server().awaitReady(Duration.ofSeconds(120));
        post(a, "admin", ADMIN_PASSWORD, "/api/users", "{\"username\":\"nurse\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"NURSE\"]}");
        post(b, "admin", ADMIN_PASSWORD, "/api/users", "{\"username\":\"provider\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVIDER\"]}");
        post(a, "admin", ADMIN_PASSWORD, "/api/users", "{\"username\":\"nightnurse\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"NURSE\"]}");
    }

    @AfterAll
    static void stopAndDropTheDatabase() throws Exception {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) {
                i.server().stop();
            }
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database);
            }
        }
    }

    @Test
    void aReadingChartedOnOneInstanceReachesDashboardsOnBothWithTheSameIds() throws Exception {
        long session = infusingSession(a);
        try (SseClient onA = stream(a, "provider"); SseClient onB = stream(b, "provider")) {
            String body = post(a, "nurse", PASSWORD, "/api/sessions/" + session + "/readings",
                    "{\"systolic\":124,\"diastolic\":80,\"heartRate\":131,\"spo2\":97}");
            long reading = firstId(body);
            long alert = alertId(body);

            SseClient.Event readingOnB = onB.await(e -> e.type().equals("reading") && hasId(e, reading), WAIT);
            SseClient.Event alertOnB = onB.await(e -> e.type().equals("alert") && hasId(e, alert), WAIT);
            SseClient.Event readingOnA = onA.await(e -> e.type().equals("reading") && hasId(e, reading), WAIT);
            SseClient.Event alertOnA = onA.await(e -> e.type().equals("alert") && hasId(e, alert), WAIT);
            assertEquals(readingOnA.id(), readingOnB.id(), "one event log: the same event id on every instance");
            assertEquals(alertOnA.id(), alertOnB.id());
            assertTrue(alertOnB.data().contains("\"state\":\"ACTIVE\""), alertOnB.data());
        }
    }

    @Test
    void anAlertAcknowledgedOnOneInstanceIsAcknowledgedOnTheDashboardsOfTheOther() throws Exception {
        long session = infusingSession(a);
        long alert = alertId(post(a, "nurse", PASSWORD, "/api/sessions/" + session + "/readings",
                "{\"systolic\":124,\"diastolic\":80,\"heartRate\":133,\"spo2\":97}"));
        try (SseClient onA = stream(a, "nurse")) {
            post(b, "provider", PASSWORD, "/api/alerts/" + alert + "/acknowledge", "{\"note\":\"seen from the other instance\"}");
            SseClient.Event ack = onA.await(e -> e.type().equals("alert") && hasId(e, alert)
                    && e.data().contains("\"state\":\"ACKNOWLEDGED\""), WAIT);
            assertTrue(ack.data().contains("\"acknowledgedBy\":\"provider\""), ack.data());
        }
        assertTrue(get(a, "nurse", "/api/alerts/" + alert).contains("\"state\":\"ACKNOWLEDGED\""));
    }

    @Test
    void anUnacknowledgedHighAlertIsEscalatedOnceWithTheTimersRunningOnBothInstances() throws Exception {
        long session = infusingSession(a);
        HttpResponse<String> shorter = HTTP.send(HttpRequest.newBuilder(b.uri("/api/sessions/" + session + "/thresholds"))
                .header("Authorization", PackagedServer.basic("provider", PASSWORD)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"escalation\":{\"unacknowledgedSeconds\":10}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shorter.statusCode(), shorter.body());
        long alert;
        try (SseClient onB = stream(b, "provider")) {
            alert = alertId(post(a, "nurse", PASSWORD, "/api/sessions/" + session + "/readings",
                    "{\"systolic\":124,\"diastolic\":80,\"heartRate\":142,\"spo2\":97}"));
            onB.await(e -> isEscalation(e, alert), Duration.ofSeconds(40));
            // both instances' timers tick every second: give each a few more chances to escalate it again
            Thread.sleep(4_000);
            assertEquals(1, onB.events().stream().filter(e -> isEscalation(e, alert)).count(),
                    "one escalation, announced once: " + onB.events());
        }
        assertTrue(get(a, "nurse", "/api/alerts/" + alert).contains("\"escalated\":true"));
    }

    @Test
    void aDashboardThatMovesToTheOtherInstanceResumesWithoutLossOrRepeat() throws Exception {
        long session = infusingSession(b);
        long resumeFrom;
        try (SseClient onA = stream(a, "nurse")) {
            long first = firstId(post(b, "nurse", PASSWORD, "/api/sessions/" + session + "/readings", "{\"heartRate\":80}"));
            resumeFrom = onA.await(e -> e.type().equals("reading") && hasId(e, first), WAIT).id();
        }
        // while the dashboard is away (its instance went down, the balancer sends it to the other), charting goes on
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(firstId(post(a, "nurse", PASSWORD, "/api/sessions/" + session + "/readings", "{\"heartRate\":" + (81 + i) + "}")));
        }
        try (SseClient onB = SseClient.connect(b.uri("/"), "nurse", PASSWORD, Long.toString(resumeFrom))) {
            long last = missed.get(missed.size() - 1);
            onB.await(e -> e.type().equals("reading") && hasId(e, last), WAIT);
            List<SseClient.Event> readings = onB.events().stream().filter(e -> e.type().equals("reading")).toList();
            List<Long> replayed = readings.stream().map(e -> firstId(e.data())).filter(missed::contains).toList();
            assertEquals(missed, replayed, "every reading charted while away, once each, in order");
            List<Long> ids = onB.events().stream().map(SseClient.Event::id).filter(id -> id > 0).toList();
            assertTrue(ids.stream().allMatch(id -> id > resumeFrom), "nothing from before the resume point: " + ids);
            assertEquals(ids.stream().distinct().sorted().toList(), ids, "no event twice, in id order");
        }
    }

    @Test
    void aLoginFromOneInstanceIsAcceptedByTheOtherUntilALogoutOnEither() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(a.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=provider&j_password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=") || c.startsWith("chairside-login="))
                .map(c -> c.substring(0, c.indexOf(';'))).toList());
        assertTrue(cookies.contains("quarkus-credential=") && cookies.contains("chairside-login="), "the login sets both cookies: " + cookies);
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(b.uri("/api/me")).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), "the shared session key lets the other instance read the cookie");
        assertTrue(me.body().contains("\"provider\""), me.body());

        // B now knows the login live; a logout on A ends it there too (the broker's notice), not after remember-login
        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(a.uri("/api/logout")).header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, out.statusCode(), out.body());
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            status = HTTP.send(HttpRequest.newBuilder(b.uri("/api/me")).header("Cookie", cookies).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } while (status == 200 && System.nanoTime() < deadline && sleep(50));
        assertEquals(401, status, "the ended login is refused on the other instance");
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    @Test
    void aLogoutOnOneInstanceEndsThatUsersStreamsOnTheOtherAndNoOneElses() throws Exception {
        try (SseClient nightNurseOnB = stream(b, "nightnurse"); SseClient providerOnB = stream(b, "provider")) {
            HttpResponse<String> out = send(a, "nightnurse", PASSWORD, "/api/logout", "");
            assertEquals(204, out.statusCode(), out.body());
            assertTrue(nightNurseOnB.awaitEnd(WAIT), "the logout reached the other instance and cut the stream there");
            assertFalse(providerOnB.awaitEnd(Duration.ofMillis(500)), "another user's stream stays open");
        }
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedAtOnceOnTheOtherThoughItRememberedTheirLogin() throws Exception {
        String name = "leaver" + SEQ.incrementAndGet();
        long id = firstId(post(a, "admin", ADMIN_PASSWORD, "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"NURSE\"]}"));
        get(b, name, "/api/me");
        try (SseClient leaverOnB = stream(b, name); SseClient providerOnB = stream(b, "provider")) {
            post(a, "admin", ADMIN_PASSWORD, "/api/users/" + id + "/disable", "");

            assertTrue(leaverOnB.awaitEnd(WAIT), "the change reached the other instance and cut the stream there");
            HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(b.uri("/api/me"))
                    .header("Authorization", PackagedServer.basic(name, PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, me.statusCode(), "the other instance forgot the login it remembered");
            assertFalse(providerOnB.awaitEnd(Duration.ofMillis(500)), "another user's stream stays open");
        }
    }

    @Test
    void wrongPasswordsSpreadOverBothInstancesAddUpToOneLockOnBoth() throws Exception {
        String name = "guessed" + SEQ.incrementAndGet();
        post(a, "admin", ADMIN_PASSWORD, "/api/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"NURSE\"]}");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, me(i % 2 == 0 ? a : b, name, "guess-" + i).statusCode(), "guess " + i);
        }
        for (Instance on : List.of(a, b)) {
            HttpResponse<String> locked = me(on, name, PASSWORD);
            assertEquals(429, locked.statusCode(), on.name() + ": three guesses on A and two on B are five for the pair");
            assertTrue(locked.headers().firstValue("Retry-After").isPresent(), on.name());
        }
    }

    // ------------------------------------------------------------------ the clinic, through either instance

    /** A new patient in a new recliner, a normal baseline charted, screened with no contraindication, now INFUSING. */
    private static long infusingSession(Instance on) throws Exception {
        int n = SEQ.incrementAndGet();
        long recliner = firstId(post(on, "admin", ADMIN_PASSWORD, "/api/recliners", "{\"name\":\"Two-instance chair " + n + "\"}"));
        long patient = firstId(post(on, "nurse", PASSWORD, "/api/patients",
                "{\"mrn\":\"TI-" + n + "\",\"givenName\":\"Tess\",\"familyName\":\"Instance" + n + "\",\"birthDate\":\"1980-02-02\"}"));
        long session = firstId(post(on, "nurse", PASSWORD, "/api/sessions", "{\"patientId\":" + patient + ",\"reclinerId\":" + recliner
                + ",\"weightKg\":70,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.5,\"plannedMinutes\":40}}"));
        post(on, "nurse", PASSWORD, "/api/sessions/" + session + "/readings", "{\"systolic\":120,\"diastolic\":80,\"heartRate\":72,\"spo2\":98}");
        post(on, "nurse", PASSWORD, "/api/sessions/" + session + "/screenings", "{\"unstableCardiovascular\":false,\"aneurysmalVascular\":false,\"uncontrolledHypertension\":false,\"psychosisOrMania\":false}");
        post(on, "nurse", PASSWORD, "/api/sessions/" + session + "/transitions", "{\"to\":\"INFUSING\"}");
        return session;
    }

    /** The event is about this reading or alert (its own id, not a longer one that starts with the same digits). */
    private static boolean hasId(SseClient.Event e, long id) {
        return e.data().contains("\"id\":" + id + ",");
    }

    private static boolean isEscalation(SseClient.Event e, long alert) {
        return e.type().equals("alert") && hasId(e, alert) && e.data().contains("\"escalated\":true");
    }

    private static SseClient stream(Instance on, String user) throws Exception {
        return SseClient.connect(on.uri("/"), user, PASSWORD, null);
    }

    /** The README's scale-out command, with this test's database and a session key both instances share. */
    private static Instance launch(String name) throws IOException {
        Map<String, String> env = Map.of(
                "CHAIRSIDE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "CHAIRSIDE_DB_USER", "postgres",
                "CHAIRSIDE_DB_PASSWORD", "",
                "CHAIRSIDE_SESSION_KEY", "two-instances-shared-session-key",
                "CHAIRSIDE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return new Instance(name, PackagedServer.start(work, List.of("-Xmx256m", "-Dquarkus.profile=scaleout",
                        // the escalation and charting-overdue timers, on both instances, every second (15 s by default)
                        "-Dchairside.timers.every=1s"),
                PackagedServer.jar().toString(), env, PackagedServer.freePort(), work.resolve("server-" + name + ".log")));
    }

    private static String post(Instance on, String user, String password, String path, String json) throws Exception {
        HttpResponse<String> r = send(on, user, password, path, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, on.name() + " " + path + " answered " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static HttpResponse<String> send(Instance on, String user, String password, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(on.uri(path)).header("Authorization", PackagedServer.basic(user, password))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> me(Instance on, String user, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(on.uri("/api/me")).header("Authorization", PackagedServer.basic(user, password)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(Instance on, String user, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(on.uri(path)).header("Authorization", PackagedServer.basic(user, PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static long firstId(String json) {
        Matcher m = ID.matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    private static long alertId(String chartedBody) {
        Matcher m = ALERT_ID.matcher(chartedBody);
        assertTrue(m.find(), "the reading raised an alert: " + chartedBody);
        return Long.parseLong(m.group(1));
    }
}
