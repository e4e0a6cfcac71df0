package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.aldrete;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.chairside.TestClinic.transitionBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** A discharge from recovery needs the clinic's modified Aldrete score (default 9), or a provider's reasoned clearance. */
@QuarkusTest
class DischargeTest {

    private static long inRecovery() {
        long session = infusingSession();
        transition(session, "RECOVERY", null);
        return session;
    }

    private static ValidatableResponse discharge(io.restassured.specification.RequestSpecification who, long session, String reason) {
        return who.body(transitionBody("DISCHARGED", reason)).post("/api/sessions/" + session + "/transitions").then();
    }

    @Test
    void withoutAScoreANurseIsToldWhatIsMissing() {
        long session = inRecovery();
        discharge(nurse(), session, null).statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Discharge criteria not met"))
                .body("detail", containsString("at least 9"))
                .body("detail", containsString("no modified Aldrete score was recorded since the infusion ended"));
        nurse().get("/api/sessions/" + session).then().body("state", equalTo("RECOVERY"));
    }

    @Test
    void aScoreUnderTheLimitIsNotEnoughAndNineIs() {
        long session = inRecovery();
        aldrete(session, 2, 2, 1, 1, 2);
        discharge(nurse(), session, null).statusCode(409).body("detail", containsString("the newest modified Aldrete score since the infusion ended is 8"));
        aldrete(session, 2, 2, 2, 1, 2);
        discharge(nurse(), session, null).statusCode(200).body("state", equalTo("DISCHARGED"));
    }

    @Test
    void aScoreTakenDuringTheInfusionDoesNotCount() {
        long session = infusingSession();
        aldrete(session, 2, 2, 2, 2, 2);
        transition(session, "RECOVERY", null);
        discharge(nurse(), session, null).statusCode(409);
    }

    @Test
    void anAmendedScoreCountsAsCorrected() {
        long session = inRecovery();
        long ten = aldrete(session, 2, 2, 2, 2, 2).getLong("id");
        nurse().body(Map.of("scale", "ALDRETE", "items", Map.of("activity", 1, "respiration", 2, "circulation", 1, "consciousness", 1,
                        "oxygenSaturation", 2), "reason", "scored the wrong patient"))
                .post("/api/assessments/" + ten + "/amendments").then().statusCode(201).body("score", equalTo(7));
        discharge(nurse(), session, null).statusCode(409).body("detail", containsString("is 7"));
    }

    @Test
    void aProviderDischargesWithoutTheScoreOnlyWithAReasonWhichIsAudited() {
        long session = inRecovery();
        discharge(provider(), session, null).statusCode(422).body("violations.field", contains("reason"))
                .body("violations[0].rule", containsString("no modified Aldrete score"));
        discharge(provider(), session, "patient left against advice with escort").statusCode(200).body("state", equalTo("DISCHARGED"));
        nurse().get("/api/sessions/" + session + "/transitions").then()
                .body("find { it.toState == 'DISCHARGED' }.clearance", equalTo(true))
                .body("find { it.toState == 'DISCHARGED' }.reason", equalTo("patient left against advice with escort"));
        List<Map<String, Object>> audit = admin().queryParam("entity", "session").queryParam("entityId", session)
                .queryParam("action", "CLEAR_DISCHARGE").get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, audit.size());
        assertEquals("provider", audit.get(0).get("actor"));
    }

    @Test
    void aSessionsOwnLimitAppliesAndAClinicMayAskForNoScore() {
        long session = inRecovery();
        provider().body(Map.of("discharge", Map.of("aldreteAtLeast", 10))).put("/api/sessions/" + session + "/thresholds")
                .then().statusCode(200).body("effective.discharge.aldreteAtLeast", equalTo(10));
        aldrete(session, 2, 2, 2, 1, 2);
        discharge(nurse(), session, null).statusCode(409).body("detail", containsString("at least 10"));
        provider().body(Map.of("discharge", Map.of("aldreteAtLeast", 0))).put("/api/sessions/" + session + "/thresholds")
                .then().statusCode(200);
        discharge(nurse(), session, null).statusCode(200);
    }

    @Test
    void theLimitIsAScoreTheScaleCanReach() {
        long session = inRecovery();
        provider().body(Map.of("discharge", Map.of("aldreteAtLeast", 11))).put("/api/sessions/" + session + "/thresholds")
                .then().statusCode(422).body("violations.field", contains("discharge.aldreteAtLeast"));
        admin().get("/api/thresholds").then().statusCode(200).body("discharge.aldreteAtLeast", equalTo(9));
    }
}
