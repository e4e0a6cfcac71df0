package org.chairside.vitals;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


/** GET /api/sessions/{id}/readings is streamed from the rows: it must be exactly what Jackson writes for the views. */
@QuarkusTest
class ReadingListTest {
    private static final List<String> FIELDS = List.of("id", "sessionId", "takenAt", "enteredAt", "phase", "baseline", "systolic",
            "diastolic", "heartRate", "spo2", "respiratoryRate", "temperatureC", "onOxygen", "consciousness", "news2", "source", "chartedBy", "amended", "supersededById",
            "supersededAt", "supersededBy", "amendsId", "amendReason");

    @Inject
    ObjectMapper mapper;

    /** What the list was before it was streamed: the stored readings as views, serialized by the application's mapper. */
    private String asJacksonWritesIt(long session) throws Exception {
        List<ReadingView> views = QuarkusTransaction.requiringNew().call(() ->
                Reading.<Reading>list("sessionId = ?1 order by takenAt, id", session).stream().map(ReadingView::of).toList());
        return mapper.writeValueAsString(views);
    }

    private static String listed(long session) {
        return nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).extract().asString();
    }

    @Test
    void baselinePartialAndAmendedReadingsAreListedAsTheirViewsWithEveryFieldAndExplicitNulls() throws Exception {
        long session = openSession();
        // whole seconds after the session was opened: a reading may not be older than its session
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long baseline = chart(session, Map.of("systolic", 121, "diastolic", 79, "heartRate", 72, "spo2", 98, "respiratoryRate", 14,
                "temperatureC", 37.2, "takenAt", now.plusNanos(123_456_000).toString())).getLong("reading.id");
        transition(session, "INFUSING", null);
        long partial = chart(session, Map.of("spo2", 96, "takenAt", now.plusSeconds(2).plusMillis(500).toString())).getLong("reading.id");
        long scored = chart(session, Map.of("systolic", 104, "diastolic", 70, "heartRate", 96, "spo2", 95, "respiratoryRate", 22,
                "temperatureC", 37.0, "onOxygen", true, "consciousness", "VOICE", "takenAt", now.plusSeconds(3).toString())).getLong("reading.id");
        long unscored = chart(session, Map.of("heartRate", 80, "consciousness", "ALERT", "takenAt", now.plusSeconds(4).toString()))
                .getLong("reading.id");
        long typo = chart(session, Map.of("heartRate", 170, "takenAt", now.plusSeconds(1).toString())).getLong("reading.id");
        long fixed = nurse().body(Map.of("heartRate", 71, "reason", "typed \"170\" – meant 71\nsee log"))
                .post("/api/readings/" + typo + "/amendments").then().statusCode(201).extract().jsonPath().getLong("reading.id");

        String body = listed(session);
        assertEquals(asJacksonWritesIt(session), body);

        JsonNode list = mapper.readTree(body);
        assertEquals(6, list.size());
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> names = new ArrayList<>();
            r.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names, "every field, in the record's order, nulls included");
            ids.add(r.get("id").asLong());
        }
        // taken-at order; the correction keeps the original's time and follows it by id
        assertEquals(List.of(baseline, typo, fixed, partial, scored, unscored), ids);
        JsonNode b = list.get(0);
        assertEquals(now.plusNanos(123_456_000).toString(), b.get("takenAt").asText());
        assertEquals("CHECKED_IN", b.get("phase").asText());
        assertTrue(b.get("baseline").asBoolean());
        assertEquals(37.2, b.get("temperatureC").asDouble());
        assertEquals("MANUAL", b.get("source").asText());
        assertEquals("nurse", b.get("chartedBy").asText());
        JsonNode original = list.get(1);
        assertTrue(original.get("amended").asBoolean());
        assertEquals(fixed, original.get("supersededById").asLong());
        assertEquals("nurse", original.get("supersededBy").asText());
        assertTrue(original.get("supersededAt").isTextual());
        assertTrue(original.get("amendsId").isNull());
        JsonNode correction = list.get(2);
        assertTrue(!correction.get("amended").asBoolean() && correction.get("supersededById").isNull());
        assertEquals(typo, correction.get("amendsId").asLong());
        assertEquals("typed \"170\" – meant 71\nsee log", correction.get("amendReason").asText());
        JsonNode spo2Only = list.get(3);
        assertEquals(96, spo2Only.get("spo2").asInt());
        assertTrue(spo2Only.get("systolic").isNull() && spo2Only.get("diastolic").isNull() && spo2Only.get("heartRate").isNull()
                && spo2Only.get("temperatureC").isNull());
        assertEquals("INFUSING", spo2Only.get("phase").asText());
        assertTrue(!spo2Only.get("baseline").asBoolean());
        assertTrue(spo2Only.get("onOxygen").isNull() && spo2Only.get("consciousness").isNull());
        assertTrue(spo2Only.get("news2").isNull(), "a set with neither oxygen nor consciousness is not a NEWS2 set");
        // systolic 104 (1), pulse 96 (1), SpO2 95 (1), respiration 22 (2), on oxygen (2), voice (3), 37.0 (0)
        JsonNode full = list.get(4);
        assertTrue(full.get("onOxygen").asBoolean());
        assertEquals("VOICE", full.get("consciousness").asText());
        assertEquals(10, full.get("news2").get("score").asInt());
        assertEquals("HIGH", full.get("news2").get("band").asText());
        assertEquals(0, full.get("news2").get("missing").size());
        JsonNode partialSet = list.get(5);
        assertTrue(partialSet.get("news2").get("score").isNull() && partialSet.get("news2").get("band").isNull());
        assertEquals(List.of("respiratoryRate", "spo2", "onOxygen", "systolic", "temperatureC"),
                mapper.convertValue(partialSet.get("news2").get("missing"), List.class));
    }

    @Test
    void aLongSessionIsWrittenWholeAcrossManyBuffers() throws Exception {
        long session = openSession();
        // Stored directly: the list does not care how readings arrived, and 3,000 POSTs would only slow the suite.
        DeviceReadings.store(session, 3000);
        String body = listed(session);
        assertTrue(body.length() > 1_000_000, "far more than one output buffer: " + body.length());
        assertEquals(asJacksonWritesIt(session), body);
        assertEquals(3000, mapper.readTree(body).size());

        // a list this long is kept as written and served again while the session's readings are unchanged...
        assertEquals(body, listed(session));
        // ...and never once they change: a new reading, then a correction (a new reading, the original marked amended)
        long charted = chart(session, Map.of("heartRate", 77)).getLong("reading.id");
        String withNew = listed(session);
        assertEquals(asJacksonWritesIt(session), withNew);
        assertEquals(3001, mapper.readTree(withNew).size());
        assertEquals(withNew, listed(session));
        long corrected = nurse().body(Map.of("heartRate", 74, "reason", "recounted")).post("/api/readings/" + charted + "/amendments")
                .then().statusCode(201).extract().jsonPath().getLong("reading.id");
        String amended = listed(session);
        assertEquals(asJacksonWritesIt(session), amended);
        JsonNode original = null;
        for (JsonNode r : mapper.readTree(amended)) {
            if (r.get("id").asLong() == charted) {
                original = r;
            }
        }
        assertTrue(original != null && original.get("amended").asBoolean() && original.get("supersededById").asLong() == corrected, amended);
        assertEquals(3002, mapper.readTree(amended).size());
    }

    @Test
    void aSessionWithoutReadingsIsAnEmptyArray() throws Exception {
        long session = openSession();
        Response r = nurse().get("/api/sessions/" + session + "/readings");
        r.then().statusCode(200);
        assertEquals("[]", r.asString());
        assertEquals(asJacksonWritesIt(session), r.asString());
        // the same media type as the lists Jackson writes
        assertEquals(nurse().get("/api/alerts?sessionId=" + session).contentType(), r.contentType());
    }

    @Test
    void theApiDescriptionStillNamesTheListsElements() {
        nurse().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/sessions/{id}/readings'.get.responses.'200'.content.'application/json'.schema.type", equalTo("array"))
                .body("paths.'/api/sessions/{id}/readings'.get.responses.'200'.content.'application/json'.schema.items.'$ref'",
                        equalTo("#/components/schemas/ReadingView"));
    }

    @Test
    void anUnknownSessionIsAProblemNotAnEmptyList() {
        nurse().get("/api/sessions/987654321/readings").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void listingNeedsALoginAndAnyRoleMayRead() {
        long session = openSession();
        chart(session, Map.of("heartRate", 70));
        anonymous().get("/api/sessions/" + session + "/readings").then().statusCode(401).contentType("application/problem+json");
        for (var who : List.of(nurse(), provider(), admin())) {
            who.get("/api/sessions/" + session + "/readings").then().statusCode(200).body("heartRate", equalTo(List.of(70)));
        }
    }
}
