package org.chairside.assessment;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.aldrete;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.chairside.live.LoggedEvent;

/** {@code POST/GET /api/sessions/{id}/assessments}, {@code GET /api/assessments/{id}} and their amendments. */
@QuarkusTest
class AssessmentResourceTest {

    private static Map<String, Object> items(Object activity, Object respiration, Object circulation, Object consciousness, Object oxygen) {
        Map<String, Object> m = new HashMap<>();
        m.put("activity", activity);
        m.put("respiration", respiration);
        m.put("circulation", circulation);
        m.put("consciousness", consciousness);
        m.put("oxygenSaturation", oxygen);
        return m;
    }

    @Test
    void aNurseRecordsASedationScoreWithItsScaleAndWhoAndWhen() {
        long session = infusingSession();
        nurse().body(Map.of("scale", "MOAA_S", "score", 3, "note", "responds after loud voice")).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201)
                .header("Location", containsString("/api/assessments/"))
                .body("scale", equalTo("MOAA_S"))
                .body("scaleLabel", equalTo("MOAA/S sedation (0-5)"))
                .body("score", equalTo(3))
                .body("items", nullValue())
                .body("phase", equalTo("INFUSING"))
                .body("chartedBy", equalTo("nurse"))
                .body("note", equalTo("responds after loud voice"))
                .body("amended", equalTo(false));
    }

    private static long sessionEvents(long session) {
        return QuarkusTransaction.requiringNew().call(() -> LoggedEvent.count("sessionId = ?1 and type = 'session'", session));
    }

    @Test
    void everyOpenViewOfTheSessionIsToldOfANewOrCorrectedScore() {
        long session = infusingSession();
        long before = sessionEvents(session);
        long id = nurse().body(Map.of("scale", "RASS", "score", -3)).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(before + 1, sessionEvents(session));
        nurse().body(Map.of("scale", "RASS", "score", -2, "reason", "re-scored")).post("/api/assessments/" + id + "/amendments")
                .then().statusCode(201);
        assertEquals(before + 2, sessionEvents(session));
    }

    @Test
    void theAldreteScoreIsTheSumOfItsItems() {
        long session = infusingSession();
        long id = aldrete(session, 2, 2, 1, 2, 1).getLong("id");
        nurse().get("/api/assessments/" + id).then().statusCode(200)
                .body("score", equalTo(8))
                .body("items.circulation", equalTo(1))
                .body("items.oxygenSaturation", equalTo(1));
        // a score sent with the items must agree with them
        nurse().body(Map.of("scale", "ALDRETE", "score", 10, "items", items(2, 2, 2, 2, 2))).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201).body("score", equalTo(10));
    }

    @Test
    void assessmentsAreListedInTakenAtOrder() {
        long session = infusingSession();
        // both after the session was created, the later one entered first
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        nurse().body(Map.of("scale", "RASS", "score", -2, "takenAt", now.plusSeconds(30).toString())).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201);
        nurse().body(Map.of("scale", "CADSS_6", "score", 9, "takenAt", now.plusSeconds(2).toString()))
                .post("/api/sessions/" + session + "/assessments").then().statusCode(201);
        for (var who : List.of(nurse(), provider(), admin())) {
            who.get("/api/sessions/" + session + "/assessments").then().statusCode(200)
                    .body("scale", contains("CADSS_6", "RASS")).body("score", contains(9, -2));
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no scale", Map.of("score", 3), "scale", "is required"),
                Arguments.of("a scale Chairside does not know", Map.of("scale", "GCS", "score", 15), "scale", ""),
                Arguments.of("MOAA/S 6 on the 0-5 scale", Map.of("scale", "MOAA_S", "score", 6), "score", "must be 0 to 5 on MOAA/S sedation (0-5)"),
                Arguments.of("MOAA/S 0 on the 1-6 scale", Map.of("scale", "MOAA_S_1_6", "score", 0), "score", "must be 1 to 6"),
                Arguments.of("RASS +5", Map.of("scale", "RASS", "score", 5), "score", "must be -5 to 4 on RASS"),
                Arguments.of("RASS -6", Map.of("scale", "RASS", "score", -6), "score", "must be -5 to 4"),
                Arguments.of("CADSS short form 25", Map.of("scale", "CADSS_6", "score", 25), "score", "must be 0 to 24"),
                Arguments.of("CADSS 93", Map.of("scale", "CADSS_23", "score", 93), "score", "must be 0 to 92"),
                Arguments.of("no score", Map.of("scale", "RASS"), "score", "is required"),
                Arguments.of("a fraction", Map.of("scale", "RASS", "score", 1.5), "score", ""),
                Arguments.of("items on a one-number scale", Map.of("scale", "RASS", "score", 0, "items", items(2, 2, 2, 2, 2)), "items",
                        "are only for ALDRETE"),
                Arguments.of("the Aldrete score without items", Map.of("scale", "ALDRETE", "score", 9), "items", "are required"),
                Arguments.of("an Aldrete item of 3", Map.of("scale", "ALDRETE", "items", items(3, 2, 2, 2, 2)), "items.activity",
                        "must be 0, 1 or 2"),
                Arguments.of("an Aldrete item missing", Map.of("scale", "ALDRETE", "items", items(2, 2, null, 2, 2)), "items.circulation",
                        "is required"),
                Arguments.of("an Aldrete score that is not the items' sum", Map.of("scale", "ALDRETE", "score", 10, "items", items(2, 2, 2, 2, 1)),
                        "score", "must be the sum of the items (9)"),
                Arguments.of("in the future", Map.of("scale", "RASS", "score", 0, "takenAt", Instant.now().plusSeconds(600).toString()),
                        "takenAt", "must not be in the future"),
                Arguments.of("before the session", Map.of("scale", "RASS", "score", 0, "takenAt", "2020-01-01T00:00:00Z"),
                        "takenAt", "must not be before the session was created"),
                Arguments.of("a control character in the note", Map.of("scale", "RASS", "score", 0, "note", "calm\u0007"), "note", ""),
                Arguments.of("a misspelt field", Map.of("scale", "RASS", "scor", 0), "scor", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void badInputIsRefusedNamingTheFieldAndNothingIsStored(String name, Map<String, Object> body, String field, String rule) {
        long session = infusingSession();
        nurse().body(body).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains(field))
                .body("violations[0].rule", containsString(rule));
        nurse().get("/api/sessions/" + session + "/assessments").then().body("$", empty());
    }

    @Test
    void aClosedSessionTakesNoAssessmentAndAnUnknownOneIsNotFound() {
        long session = infusingSession();
        transition(session, "STOPPED", "nausea");
        nurse().body(Map.of("scale", "RASS", "score", 0)).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("closed"));
        nurse().body(Map.of("scale", "RASS", "score", 0)).post("/api/sessions/987654321/assessments").then().statusCode(404);
        nurse().get("/api/sessions/987654321/assessments").then().statusCode(404).contentType("application/problem+json");
        nurse().get("/api/assessments/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyNursesAndProvidersRecordAndEveryoneMustLogIn() {
        long session = openSession();
        Map<String, Object> body = Map.of("scale", "MOAA_S", "score", 5);
        admin().body(body).post("/api/sessions/" + session + "/assessments").then().statusCode(403).contentType("application/problem+json");
        anonymous().body(body).post("/api/sessions/" + session + "/assessments").then().statusCode(401);
        anonymous().get("/api/sessions/" + session + "/assessments").then().statusCode(401);
        provider().body(body).post("/api/sessions/" + session + "/assessments").then().statusCode(201).body("chartedBy", equalTo("provider"));
        nurse().get("/api/sessions/" + session + "/assessments").then().body("$", hasSize(1));
    }

    @Test
    void anAmendmentKeepsTheOriginalMarkedAndNeedsAReason() {
        long session = infusingSession();
        long original = nurse().body(Map.of("scale", "RASS", "score", -4)).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        nurse().body(Map.of("scale", "RASS", "score", -1)).post("/api/assessments/" + original + "/amendments")
                .then().statusCode(422).body("violations.field", contains("reason"));
        admin().body(Map.of("scale", "RASS", "score", -1, "reason", "typo")).post("/api/assessments/" + original + "/amendments")
                .then().statusCode(403);
        var answer = nurse().body(Map.of("scale", "RASS", "score", -1, "reason", "typed -4, meant -1"))
                .post("/api/assessments/" + original + "/amendments").then().statusCode(201)
                .body("amendsId", equalTo((int) original))
                .body("amendReason", equalTo("typed -4, meant -1"))
                .extract();
        long fixed = answer.jsonPath().getLong("id");
        assertTrue(answer.header("Location").endsWith("/api/assessments/" + fixed));
        nurse().get("/api/assessments/" + original).then()
                .body("amended", equalTo(true)).body("supersededById", equalTo((int) fixed)).body("supersededBy", equalTo("nurse"))
                .body("score", equalTo(-4));
        nurse().body(Map.of("scale", "RASS", "score", 0, "reason", "again")).post("/api/assessments/" + original + "/amendments")
                .then().statusCode(409).body("detail", containsString("amend its correction, assessment " + fixed));
        nurse().body(Map.of("scale", "RASS", "score", 0, "reason", "x")).post("/api/assessments/987654321/amendments").then().statusCode(404);
        nurse().body(Map.of("scale", "RASS", "score", 9, "reason", "x")).post("/api/assessments/" + fixed + "/amendments")
                .then().statusCode(422).body("violations.field", contains("score"));
    }
}
