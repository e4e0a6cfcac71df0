package org.chairside.alerts;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;


@QuarkusTest
class AlertLifecycleTest {

    @Test
    void aRepeatBreachUpdatesTheOpenAlertInsteadOfRaisingAnother() {
        long session = infusingSession();
        long first = chart(session, Map.of("spo2", 91)).getLong("alerts[0].id");
        JsonPath second = chart(session, Map.of("spo2", 90));
        assertEquals(first, second.getLong("alerts[0].id"));
        JsonPath third = chart(session, Map.of("spo2", 91));
        assertEquals(first, third.getLong("alerts[0].id"));
        nurse().get("/api/alerts?sessionId=" + session).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].condition", equalTo("SPO2_LOW"))
                .body("[0].priority", equalTo("MEDIUM"))
                .body("[0].breachCount", equalTo(3))
                .body("[0].worstValue", equalTo(90.0f))
                .body("[0].lastValue", equalTo(91.0f))
                .body("[0].lastReadingId", equalTo(third.getInt("reading.id")))
                .body("[0].limitValue", equalTo(92.0f))
                .body("[0].message", containsString("SpO2 90 % < 92"));
    }

    @Test
    void aWarningResolvesWhenTheValueIsBackInRange() {
        long session = infusingSession();
        long id = chart(session, Map.of("heartRate", 115)).getLong("alerts[0].id");
        JsonPath back = chart(session, Map.of("heartRate", 88));
        assertEquals(id, back.getLong("alerts[0].id"));
        assertEquals("RESOLVED", back.getString("alerts[0].state"));
        assertEquals("reading " + back.getLong("reading.id"), back.getString("alerts[0].resolvedBy"));
        // the next breach is a new alert: the old one is part of the record
        long again = chart(session, Map.of("heartRate", 116)).getLong("alerts[0].id");
        org.junit.jupiter.api.Assertions.assertNotEquals(id, again);
    }

    @Test
    void aHighAlertLatchesUntilAcknowledgedEvenAfterTheValueRecovers() {
        long session = infusingSession();
        long id = chart(session, Map.of("systolic", 182, "diastolic", 90)).getLong("alerts.find { it.condition == 'BP_HIGH' }.id");
        JsonPath recovered = chart(session, Map.of("systolic", 130, "diastolic", 82));
        nurse().get("/api/alerts/" + id).then().body("state", equalTo("ACTIVE")).body("conditionCleared", equalTo(true));
        assertEquals("ACTIVE", recovered.getString("alerts.find { it.id == " + id + " }.state"));
        nurse().body(Map.of("note", "repeat cuff normal")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("acknowledgedBy", equalTo("nurse"))
                .body("acknowledgeNote", equalTo("repeat cuff normal"))
                .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anAcknowledgedHighAlertResolvesOnRecoveryAndAHigherPriorityBreaksThroughAnAcknowledgement() {
        long session = infusingSession();
        long id = chart(session, Map.of("systolic", 165, "diastolic", 90)).getLong("alerts.find { it.condition == 'BP_HIGH' }.id");
        nurse().body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        JsonPath worse = chart(session, Map.of("systolic", 186, "diastolic", 90));
        String bp = "alerts.find { it.condition == 'BP_HIGH' }";
        assertEquals(id, worse.getLong(bp + ".id"));
        assertEquals("HIGH", worse.getString(bp + ".priority"));
        assertEquals("ACTIVE", worse.getString(bp + ".state"), "a higher alarm needs someone to look again");
        nurse().post("/api/alerts/" + id + "/acknowledge").then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        JsonPath back = chart(session, Map.of("systolic", 128, "diastolic", 80));
        assertEquals("RESOLVED", back.getString(bp + ".state"));
    }

    @Test
    void acknowledgingTwiceOrAResolvedAlertIsAConflict() {
        long session = infusingSession();
        long id = chart(session, Map.of("spo2", 90)).getLong("alerts[0].id");
        as("provider").body(Map.of("note", "on it")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("provider"));
        nurse().post("/api/alerts/" + id + "/acknowledge").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Already acknowledged by provider"));
        chart(session, Map.of("spo2", 97));
        nurse().post("/api/alerts/" + id + "/acknowledge").then().statusCode(409).body("detail", containsString("resolved"));
        nurse().post("/api/alerts/987654321/acknowledge").then().statusCode(404);
        nurse().body(Map.of("note", "x".repeat(501))).post("/api/alerts/" + id + "/acknowledge").then().statusCode(422)
                .body("violations[0].field", equalTo("note"));
        nurse().body(Map.of("note", "seen\u0000")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(422)
                .body("violations[0].field", equalTo("note"))
                .body("violations[0].rule", containsString("control characters"));
        nurse().body(Map.of("nope", 1)).post("/api/alerts/" + id + "/acknowledge").then().statusCode(422);
    }

    /**
     * Two nurses answer a latched HIGH alert at once: the first acknowledgement also resolves it (the value was already
     * back). The second was told only "resolved (acknowledged after recovery)", not that a colleague owns it and who.
     */
    @Test
    void theSecondToAcknowledgeARecoveredHighAlertIsToldWhoAcknowledgedIt() {
        long session = infusingSession();
        long id = chart(session, Map.of("spo2", 85)).getLong("alerts[0].id");
        chart(session, Map.of("spo2", 97));
        as("provider").body(Map.of()).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("RESOLVED"));
        nurse().post("/api/alerts/" + id + "/acknowledge").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Already acknowledged by provider"))
                .body("detail", containsString("resolved"));
    }

    @Test
    void acknowledgingNeedsANurseOrProvider() {
        long session = infusingSession();
        long id = chart(session, Map.of("spo2", 90)).getLong("alerts[0].id");
        anonymous().post("/api/alerts/" + id + "/acknowledge").then().statusCode(401);
        admin().post("/api/alerts/" + id + "/acknowledge").then().statusCode(403);
        admin().get("/api/alerts/" + id).then().statusCode(200);
        anonymous().get("/api/alerts").then().statusCode(401);
    }

    @Test
    void alertsCanBeFilteredByStateAndSession() {
        long session = infusingSession();
        chart(session, Map.of("spo2", 90, "heartRate", 45));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().statusCode(200)
                .body("$", hasSize(2)).body("state", everyItem(equalTo("ACTIVE")));
        chart(session, Map.of("spo2", 98, "heartRate", 70));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("$", hasSize(0));
        nurse().get("/api/alerts?state=resolved&sessionId=" + session).then().body("$", hasSize(2));
        nurse().get("/api/alerts?state=ACTIVE&sessionId=" + session).then().body("$", hasSize(0));
        nurse().get("/api/alerts?state=LOUD").then().statusCode(422).body("violations[0].field", equalTo("state"));
        nurse().get("/api/alerts?sessionId=seven").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("sessionId")).body("violations[0].rule", equalTo("must be a whole number"));
        nurse().get("/api/alerts/987654321").then().statusCode(404);
    }

    @Test
    void closingASessionResolvesItsOpenAlerts() {
        long session = infusingSession();
        long id = chart(session, Map.of("systolic", 190, "diastolic", 100)).getLong("alerts[0].id");
        org.chairside.TestClinic.transition(session, "STOPPED", "BP over limit, infusion stopped");
        nurse().get("/api/alerts/" + id).then().body("state", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo("session stopped"));
    }

    @Test
    void aLiveBreachOfAConditionFirstSeenInOldReadingsSounds() {
        // A monitor's buffer imported late raises a historical alert, which the board keeps silent. A reading taken now
        // that breaches the same condition updates that alert: it must sound now, not stay silent as "historical".
        long session = SessionOpenedTwoHoursAgo.infusing();
        JsonPath old = chart(session, Map.of("spo2", 85, "takenAt", Instant.now().minus(Duration.ofHours(1)).toString()));
        long id = old.getLong("alerts[0].id");
        assertEquals(true, old.getBoolean("alerts[0].historical"), "an hour-old reading does not sound");

        JsonPath live = chart(session, Map.of("spo2", 84));
        assertEquals(id, live.getLong("alerts[0].id"), "one alert per condition");
        assertEquals(false, live.getBoolean("alerts[0].historical"), "a breach charted now sounds");
        assertEquals("ACTIVE", live.getString("alerts[0].state"));
    }
}
