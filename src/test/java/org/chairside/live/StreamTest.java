package org.chairside.live;

import static org.chairside.TestClinic.PASSWORD;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class StreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URI base;

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
        nurse().header("Last-Event-ID", "abc").get("/api/stream").then().statusCode(422)
                .contentType("application/problem+json");
    }

    private static List<String> alerts(SseClient c) {
        return c.events().stream().filter(e -> e.type().equals("alert")).map(e -> e.id() + ":" + e.data()).toList();
    }

    private static void assertContiguous(List<SseClient.Event> events) {
        List<Long> ids = events.stream().map(SseClient.Event::id).toList();
        assertEquals(LongStream.range(ids.get(0), ids.get(0) + ids.size()).boxed().toList(), ids, "ids are contiguous");
    }
}
