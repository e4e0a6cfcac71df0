package org.chairside.assessment;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A sedation score deeper than intended, or a very agitated patient, is an alert on the board, with the lifecycle of a
 * reading's alerts.
 */
@QuarkusTest
class ScoreAlertTest {

    private static long score(long session, String scale, int score) {
        return nurse().body(Map.of("scale", scale, "score", score)).post("/api/sessions/" + session + "/assessments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static JsonPath openAlerts(long session) {
        return nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath alert(long id) {
        return nurse().get("/api/alerts/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDeepScoreRaisesAHighAlertThatStaysUntilAcknowledged() {
        long session = infusingSession();
        score(session, "MOAA_S", 4);
        assertEquals(0, openAlerts(session).getList("$").size());

        score(session, "MOAA_S", 1);
        JsonPath open = openAlerts(session);
        assertEquals(1, open.getList("$").size());
        assertEquals("SEDATION_DEEP", open.getString("[0].condition"));
        assertEquals("Sedation deeper than intended", open.getString("[0].conditionLabel"));
        assertEquals("HIGH", open.getString("[0].priority"));
        assertEquals("ACTIVE", open.getString("[0].state"));
        assertEquals("MOAA/S sedation (0-5) 1: responds only to a painful stimulus", open.getString("[0].message"));
        long id = open.getLong("[0].id");

        // the patient rouses: the HIGH alert latches until someone owns it
        score(session, "MOAA_S", 4);
        assertEquals("ACTIVE", alert(id).getString("state"));
        assertEquals(true, alert(id).getBoolean("conditionCleared"));
        nurse().body(Map.of("note", "stimulated, airway fine")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("RESOLVED"));
        assertEquals(0, openAlerts(session).getList("$").size());
    }

    @Test
    void aModerateScoreIsMediumAndADeeperOneBreaksThroughItsAcknowledgement() {
        long session = infusingSession();
        score(session, "RASS", -3);
        JsonPath open = openAlerts(session);
        assertEquals("MEDIUM", open.getString("[0].priority"));
        long id = open.getLong("[0].id");
        nurse().body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));

        score(session, "RASS", -5);
        JsonPath deeper = alert(id);
        assertEquals("HIGH", deeper.getString("priority"));
        assertEquals("ACTIVE", deeper.getString("state"));
        assertEquals(2, deeper.getInt("breachCount"));
        assertEquals("RASS -5: unarousable", deeper.getString("message"));
        assertEquals(-5.0, deeper.getDouble("worstValue"));
    }

    @Test
    void aMediumAlertResolvesWhenTheNewestScoreIsLighter() {
        long session = infusingSession();
        score(session, "MOAA_S_1_6", 2);
        long id = openAlerts(session).getLong("[0].id");
        long back = score(session, "MOAA_S_1_6", 5);
        JsonPath resolved = alert(id);
        assertEquals("RESOLVED", resolved.getString("state"));
        assertEquals("assessment " + back, resolved.getString("resolvedBy"));
    }

    @Test
    void aLighterScoreEnteredLateForAnEarlierTimeClearsNothing() {
        long session = infusingSession();
        score(session, "MOAA_S", 2);
        Instant checkedIn = Instant.parse(nurse().get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath().getString("createdAt"));
        nurse().body(Map.of("scale", "MOAA_S", "score", 5, "takenAt", checkedIn.plus(1, ChronoUnit.MILLIS).toString()))
                .post("/api/sessions/" + session + "/assessments").then().statusCode(201);
        assertEquals("ACTIVE", openAlerts(session).getString("[0].state"));
    }

    @Test
    void dissociationAndDischargeScoresRaiseNothing() {
        long session = infusingSession();
        score(session, "CADSS_6", 24);
        score(session, "MOAA_S", 2);
        // nor do they clear a sedation alert
        score(session, "CADSS_6", 0);
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].condition", equalTo("SEDATION_DEEP"));
    }

    @Test
    void aDeepScoreAmendedAsATypoWithdrawsItsAlert() {
        long session = infusingSession();
        long typo = score(session, "MOAA_S", 0);
        long id = openAlerts(session).getLong("[0].id");
        nurse().body(Map.of("scale", "MOAA_S", "score", 5, "reason", "typed 0 for 5")).post("/api/assessments/" + typo + "/amendments")
                .then().statusCode(201);
        JsonPath withdrawn = alert(id);
        assertEquals("RESOLVED", withdrawn.getString("state"));
        assertEquals("assessment " + typo + " amended", withdrawn.getString("resolvedBy"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200).body("$", empty());
    }

    @Test
    void anAmendmentLeavesTheAlertWhileAnotherDeepScoreStands() {
        long session = infusingSession();
        score(session, "MOAA_S", 1);
        long second = score(session, "MOAA_S", 2);
        long id = openAlerts(session).getLong("[0].id");
        nurse().body(Map.of("scale", "MOAA_S", "score", 1, "reason", "re-scored")).post("/api/assessments/" + second + "/amendments")
                .then().statusCode(201);
        assertEquals("ACTIVE", alert(id).getString("state"));
        // a correction that makes a light score deep raises the alert like a new score
        long other = infusingSession();
        long light = score(other, "RASS", 0);
        nurse().body(Map.of("scale", "RASS", "score", -4, "reason", "scored the wrong patient")).post("/api/assessments/" + light + "/amendments")
                .then().statusCode(201);
        assertEquals("HIGH", openAlerts(other).getString("[0].priority"));
    }

    @Test
    void aClosedSessionsAlertsAreResolvedAndItsCorrectionsRaiseNone() {
        long session = infusingSession();
        long deep = score(session, "MOAA_S", 1);
        TestClinic.transition(session, "STOPPED", "over-sedated");
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200).body("$", empty());
        nurse().body(Map.of("scale", "MOAA_S", "score", 0, "reason", "re-scored")).post("/api/assessments/" + deep + "/amendments")
                .then().statusCode(201);
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200).body("$", empty());
    }

    @Test
    void aCombativePatientRaisesAHighAlertThatStaysUntilAcknowledged() {
        long session = infusingSession();
        score(session, "RASS", 2);
        assertEquals(0, openAlerts(session).getList("$").size());

        score(session, "RASS", 4);
        JsonPath open = openAlerts(session);
        assertEquals(1, open.getList("$").size());
        assertEquals("AGITATION", open.getString("[0].condition"));
        assertEquals("Agitated", open.getString("[0].conditionLabel"));
        assertEquals("HIGH", open.getString("[0].priority"));
        assertEquals("RASS +4: combative, a danger to staff and to the line", open.getString("[0].message"));
        long id = open.getLong("[0].id");

        score(session, "RASS", 0);
        assertEquals("ACTIVE", alert(id).getString("state"));
        assertEquals(true, alert(id).getBoolean("conditionCleared"));
        nurse().body(Map.of("note", "reassured, line intact")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("RESOLVED"));
    }

    @Test
    void agitationWorsensUpwardsAndOnlyACalmerRassScoreClearsIt() {
        long session = infusingSession();
        score(session, "RASS", 3);
        long id = openAlerts(session).getLong("[0].id");
        nurse().body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        score(session, "RASS", 4);
        JsonPath worse = alert(id);
        assertEquals("HIGH", worse.getString("priority"));
        assertEquals("ACTIVE", worse.getString("state"));
        assertEquals(4.0, worse.getDouble("worstValue"));

        // a MOAA/S score says nothing of agitation: the alert stays
        long other = infusingSession();
        score(other, "RASS", 3);
        long medium = openAlerts(other).getLong("[0].id");
        score(other, "MOAA_S", 5);
        assertEquals("ACTIVE", alert(medium).getString("state"));
        long calm = score(other, "RASS", 1);
        assertEquals("RESOLVED", alert(medium).getString("state"));
        assertEquals("assessment " + calm, alert(medium).getString("resolvedBy"));
    }

    @Test
    void anAgitatedPatientWhoIsThenSedatedTooDeeplyHasTheOneAlertForNow() {
        long session = infusingSession();
        score(session, "RASS", 3);
        long agitated = openAlerts(session).getLong("[0].id");
        score(session, "RASS", -4);
        assertEquals("RESOLVED", alert(agitated).getString("state"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].condition", equalTo("SEDATION_DEEP")).body("[0].priority", equalTo("HIGH"));
    }

    @Test
    void anAgitatedScoreAmendedAsATypoWithdrawsItsAlert() {
        long session = infusingSession();
        long typo = score(session, "RASS", 4);
        long id = openAlerts(session).getLong("[0].id");
        nurse().body(Map.of("scale", "RASS", "score", -1, "reason", "sign left off")).post("/api/assessments/" + typo + "/amendments")
                .then().statusCode(201);
        JsonPath withdrawn = alert(id);
        assertEquals("RESOLVED", withdrawn.getString("state"));
        assertEquals("assessment " + typo + " amended", withdrawn.getString("resolvedBy"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200).body("$", empty());
    }
}
