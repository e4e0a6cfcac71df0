package org.chairside.live;

import static org.chairside.TestClinic.PASSWORD;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.session.InfusionSession;

@QuarkusTest
class StreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveHub hub;

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    @Test
    void twoDashboardsSeeTheSameAlertsInOrderAndAResumedOneGetsExactlyWhatItMissed() throws Exception {
        long session = infusingSession();
        try (SseClient a = SseClient.connect(base, "nurse", PASSWORD, null)) {
            SseClient b = SseClient.connect(base, "provider", PASSWORD, null);
            long first = chart(session, Map.of("systolic", 185, "diastolic", 90)).getLong("alerts[0].id");
            chart(session, Map.of("spo2", 85));
            chart(session, Map.of("heartRate", 140));
            a.await(e -> e.type().equals("alert") && e.data().contains("HR_HIGH"), WAIT);
            b.await(e -> e.type().equals("alert") && e.data().contains("HR_HIGH"), WAIT);
            assertEquals(alerts(a), alerts(b), "both dashboards see the same alert events in the same order");
            assertEquals(List.of("BP_HIGH", "BP_RISE", "SPO2_LOW", "HR_HIGH"), a.events().stream()
                    .filter(e -> e.type().equals("alert")).map(e -> e.data().replaceAll(".*\"condition\":\"([A-Z_0-9]+)\".*", "$1")).toList());
            assertTrue(a.events().get(0).data().contains("\"sessionId\":" + session));
            assertContiguous(a.events());

            long seenByB = b.lastId();
            b.close();
            nurse().body(Map.of("note", "seen")).post("/api/alerts/" + first + "/acknowledge").then().statusCode(200);
            chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 80, "spo2", 97));
            a.await(e -> e.type().equals("reading") && e.data().contains("\"heartRate\":80"), WAIT);
            // the reading's alert updates come in the same commit, a moment behind it
            a.await(e -> e.type().equals("alert") && e.data().contains("HR_HIGH") && e.data().contains("\"conditionCleared\":true"), WAIT);
            long last = a.lastId();

            try (SseClient resumed = SseClient.connect(base, "provider", PASSWORD, Long.toString(seenByB))) {
                resumed.await(e -> e.id() == last, WAIT);
                List<Long> missed = a.events().stream().map(SseClient.Event::id).filter(id -> id > seenByB).toList();
                assertEquals(missed, resumed.events().stream().map(SseClient.Event::id).toList(),
                        "exactly the missed events, in order, no duplicates");
                assertEquals(a.events().stream().filter(e -> e.id() > seenByB).map(SseClient.Event::type).toList(),
                        resumed.events().stream().map(SseClient.Event::type).toList());
                // and it carries on live
                chart(session, Map.of("spo2", 99));
                resumed.await(e -> e.type().equals("reading") && e.data().contains("\"spo2\":99"), WAIT);
                assertContiguous(resumed.events());
            }
        }
    }

    @Test
    void theLastEventIdCanComeAsAQueryParameterForPagesThatReload() throws Exception {
        long session = infusingSession();
        long before;
        try (SseClient probe = SseClient.connect(base, "nurse", PASSWORD, null)) {
            chart(session, Map.of("spo2", 97));
            before = probe.await(e -> e.type().equals("reading"), WAIT).id();
        }
        chart(session, Map.of("spo2", 96));
        try (SseClient c = SseClient.connect(base.resolve("/api/stream?lastEventId=" + before), "nurse", PASSWORD)) {
            SseClient.Event e = c.await(x -> x.type().equals("reading"), WAIT);
            assertEquals(before + 1, e.id());
            assertTrue(e.data().contains("\"spo2\":96"));
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamAlive() throws Exception {
        try (SseClient c = SseClient.connect(base, "nurse", PASSWORD, null)) {
            long deadline = System.currentTimeMillis() + 5000;
            while (!c.comments().contains("heartbeat") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(c.comments().contains("heartbeat"), "a heartbeat comment within the interval (1s in tests)");
        }
    }

    @Test
    void aClientFurtherAheadThanTheLogIsToldToReload() throws Exception {
        try (SseClient c = SseClient.connect(base, "nurse", PASSWORD, "999999999")) {
            assertEquals(LiveHub.RESET, c.await(e -> true, WAIT).type());
        }
    }

    @Test
    void theStreamNeedsALoginAndANumericPosition() throws Exception {
        try (SseClient c = SseClient.connect(base.resolve("/api/stream"), "nurse", "wrong")) {
            assertEquals(401, c.status());
        }
        TestClinic.anonymous().get("/api/stream").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
        TestClinic.anonymous().header("X-Requested-With", "chairside").get("/api/stream").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
        // A browser's EventSource cannot send that header: the page says so in the query instead.
        TestClinic.anonymous().get("/api/stream?heartbeat=event&requestedWith=chairside").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", org.hamcrest.Matchers.nullValue());
        nurse().header("Last-Event-ID", "abc").get("/api/stream").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("lastEventId"));
        nurse().get("/api/stream?lastEventId=-1").then().statusCode(422).contentType("application/problem+json");
        nurse().post("/api/stream").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void theStreamOpensWithItsTypeTheReconnectDelayAndAComment() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("nurse:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/stream"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals(200, r.statusCode());
            assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
            List<String> lines = new ArrayList<>();
            while (lines.size() < 4) {
                lines.add(in.readLine());
            }
            assertEquals(List.of("retry:2000", "", ":connected", ""), lines);
        }
    }

    @Test
    void eventsCommittedTogetherArriveWholeAndInOrder() throws Exception {
        long session = infusingSession();
        Instant opened = Instant.now().minus(Duration.ofHours(2));
        QuarkusTransaction.requiringNew().run(() ->
                InfusionSession.update("createdAt = ?1, phaseSince = ?1 where id = ?2", opened, session));
        StringBuilder csv = new StringBuilder("Time,HR,SpO2 %\n");
        int rows = 60;
        for (int i = 0; i < rows; i++) {
            csv.append(opened.plusSeconds(60L * (i + 1))).append(',').append(70 + i % 10).append(',').append(95 + i % 4).append('\n');
        }
        try (SseClient c = SseClient.connect(base, "nurse", PASSWORD, null)) {
            // One import, one transaction: the hub hands every stream the whole burst at once.
            nurse().contentType("text/csv").body(csv.toString()).post("/api/sessions/" + session + "/imports/csv")
                    .then().statusCode(200).body("rowsStored", org.hamcrest.Matchers.equalTo(rows));
            c.await(e -> e.type().equals("reading") && c.events().stream().filter(x -> x.type().equals("reading")).count() >= rows, WAIT);
            List<SseClient.Event> readings = c.events().stream().filter(e -> e.type().equals("reading")).toList();
            assertEquals(rows, readings.size());
            for (int i = 0; i < rows; i++) {
                assertTrue(readings.get(i).data().startsWith("{") && readings.get(i).data().endsWith("}"), readings.get(i).data());
                assertTrue(readings.get(i).data().contains("\"heartRate\":" + (70 + i % 10)), readings.get(i).data());
            }
            assertContiguous(c.events());
        }
    }

    @Test
    void theApiDescriptionListsTheStream() {
        nurse().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/stream'.get.responses.'200'.content", org.hamcrest.Matchers.hasKey("text/event-stream"))
                .body("paths.'/api/stream'.get.parameters.name", org.hamcrest.Matchers.hasItems("Last-Event-ID", "lastEventId", "heartbeat"));
    }

    @Test
    void aClosedStreamLeavesTheHub() throws Exception {
        int before = hub.subscriberCount();
        SseClient c = SseClient.connect(base, "nurse", PASSWORD, null);
        assertEquals(before + 1, hub.subscriberCount());
        c.close();
        long deadline = System.currentTimeMillis() + 5000;
        while (hub.subscriberCount() > before && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, hub.subscriberCount());
    }

    private static List<String> alerts(SseClient c) {
        return c.events().stream().filter(e -> e.type().equals("alert")).map(e -> e.id() + ":" + e.data()).toList();
    }

    private static void assertContiguous(List<SseClient.Event> events) {
        List<Long> ids = events.stream().map(SseClient.Event::id).toList();
        assertEquals(LongStream.range(ids.get(0), ids.get(0) + ids.size()).boxed().toList(), ids, "ids are contiguous");
    }
}
