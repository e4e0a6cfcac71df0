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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.chairside.TestClinic;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * A discharge from recovery needs the clinic's modified Aldrete score (default 9) and its observation times (for
 * esketamine at least two hours after the dose, Spravato's REMS), or a provider's reasoned clearance.
 */
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

    @Test
    void anEsketamineSessionIsObservedTwoHoursAfterTheDose() {
        long session = TestClinic.esketamineInRecovery("Spravato (esketamine) 84 mg nasal", 30);
        nurse().get("/api/sessions/" + session + "/thresholds").then().statusCode(200)
                .body("effective.discharge.esketamineMinutesAtLeast", equalTo(120))
                .body("dischargeObservation.why", equalTo("120 min of observation after an esketamine dose (Spravato REMS)"))
                .body("dischargeObservation.until", org.hamcrest.Matchers.notNullValue());
        discharge(nurse(), session, null).statusCode(409).body("title", equalTo("Discharge criteria not met"))
                .body("detail", containsString("120 min of observation after an esketamine dose (Spravato REMS)"))
                .body("detail", containsString("90 min from now"));
        nurse().get("/api/sessions/" + session).then().body("state", equalTo("RECOVERY"));
        TestClinic.dosedAgo(session, 121);
        discharge(nurse(), session, null).statusCode(200).body("state", equalTo("DISCHARGED"));
    }

    @Test
    void ketamineIsNotHeldForTheEsketamineObservation() {
        long session = TestClinic.esketamineInRecovery("ketamine", 30);
        nurse().get("/api/sessions/" + session + "/thresholds").then().body("dischargeObservation", nullValue());
        discharge(nurse(), session, null).statusCode(200);
    }

    @Test
    void aProviderMayDischargeBeforeTheObservationEndsOnlyWithAReason() {
        long session = TestClinic.esketamineInRecovery("esketamine", 100);
        discharge(provider(), session, null).statusCode(422).body("violations.field", contains("reason"))
                .body("violations[0].rule", containsString("Spravato REMS"));
        discharge(provider(), session, "transferred to the emergency department by ambulance").statusCode(200);
        nurse().get("/api/sessions/" + session + "/transitions").then()
                .body("find { it.toState == 'DISCHARGED' }.clearance", equalTo(true));
    }

    @Test
    void aSessionMayAskForObservationAfterTheInfusionAndKeepsTheClinicsOtherCriteria() {
        long session = inRecovery();
        aldrete(session, 2, 2, 2, 2, 2);
        provider().body(Map.of("discharge", Map.of("recoveryMinutesAtLeast", 30))).put("/api/sessions/" + session + "/thresholds")
                .then().statusCode(200)
                .body("effective.discharge.recoveryMinutesAtLeast", equalTo(30))
                .body("effective.discharge.aldreteAtLeast", equalTo(9))
                .body("effective.discharge.esketamineMinutesAtLeast", equalTo(120))
                .body("dischargeObservation.why", equalTo("30 min of observation after the infusion ended"));
        discharge(nurse(), session, null).statusCode(409).body("detail", containsString("30 min of observation after the infusion ended"));
        QuarkusTransaction.requiringNew().run(() -> InfusionSession.update("infusionEndedAt = ?1 where id = ?2",
                Instant.now().minus(Duration.ofMinutes(31)), session));
        discharge(nurse(), session, null).statusCode(200);
    }

    @Test
    void aNurseIsToldEveryCriterionStillOpen() {
        long session = TestClinic.esketamineInRecovery("esketamine", 10);
        aldrete(session, 1, 2, 2, 1, 2);
        discharge(nurse(), session, null).statusCode(409)
                .body("detail", containsString("the newest modified Aldrete score since the infusion ended is 8"))
                .body("detail", containsString("Spravato REMS"));
    }

    @Test
    void observationTimesAreBoundedAndTheRemsFloorHolds() {
        long session = inRecovery();
        provider().body(Map.of("discharge", Map.of("esketamineMinutesAtLeast", 60, "recoveryMinutesAtLeast", 481)))
                .put("/api/sessions/" + session + "/thresholds").then().statusCode(422)
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("discharge.esketamineMinutesAtLeast", "discharge.recoveryMinutesAtLeast"))
                .body("violations.find { it.field == 'discharge.esketamineMinutesAtLeast' }.rule", equalTo("must be a whole number from 120 to 480"));
        nurse().get("/api/sessions/" + session + "/thresholds").then().body("effective.discharge.recoveryMinutesAtLeast", equalTo(0));
    }

    @Test
    void aClinicProfileSavedWithTheScoreAloneKeepsTheRemsObservation() {
        Map<String, Object> before = admin().get("/api/thresholds").then().statusCode(200).extract().jsonPath().getMap("");
        try {
            Map<String, Object> scoreAlone = new java.util.HashMap<>(before);
            scoreAlone.put("discharge", Map.of("aldreteAtLeast", 8));
            admin().body(scoreAlone).put("/api/thresholds").then().statusCode(200);
            admin().get("/api/thresholds").then().statusCode(200)
                    .body("discharge.aldreteAtLeast", equalTo(8))
                    .body("discharge.esketamineMinutesAtLeast", equalTo(120))
                    .body("discharge.recoveryMinutesAtLeast", equalTo(0));
        } finally {
            admin().body(before).put("/api/thresholds").then().statusCode(200);
        }
    }
}
