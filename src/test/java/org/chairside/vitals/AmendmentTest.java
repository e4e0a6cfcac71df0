package org.chairside.vitals;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AmendmentTest {

    @Test
    void anAmendmentKeepsTheOriginalWithWhoWhenAndWhyAndReEvaluatesTheRules() {
        long session = infusingSession();
        JsonPath typo = chart(session, Map.of("systolic", 210, "diastolic", 80, "heartRate", 72, "spo2", 98));
        long original = typo.getLong("reading.id");
        long alert = typo.getLong("alerts.find { it.condition == 'BP_HIGH' }.id");

        JsonPath corrected = nurse().body(Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98, "reason", "typed 210 for 120"))
                .post("/api/readings/" + original + "/amendments")
                .then().statusCode(201).extract().jsonPath();
        long fixed = corrected.getLong("reading.id");
        nurse().get("/api/readings/" + original).then()
                .body("amended", equalTo(true))
                .body("systolic", equalTo(210))
                .body("supersededById", equalTo((int) fixed))
                .body("supersededBy", equalTo("nurse"));
        nurse().get("/api/readings/" + fixed).then()
                .body("amendsId", equalTo((int) original))
                .body("amendReason", equalTo("typed 210 for 120"))
                .body("takenAt", equalTo(typo.getString("reading.takenAt")));
        nurse().get("/api/sessions/" + session + "/readings").then().body("findAll { it.systolic != null }", hasSize(3));
        // the value that raised the HIGH alert was never real: the alert is withdrawn, not latched for acknowledgement
        nurse().get("/api/alerts/" + alert).then().body("state", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo("reading " + original + " amended"));
    }

    /** The alert stayed HIGH and ACTIVE quoting the withdrawn 85, and escalated, though only a MEDIUM 90 was left. */
    @Test
    void anAlertIsRebuiltFromTheReadingsLeftWhenOneItStoodOnIsAmended() {
        long session = infusingSession();
        JsonPath low = chart(session, Map.of("spo2", 85));
        long alert = low.getLong("alerts[0].id");
        long typo = low.getLong("reading.id");
        long ninety = chart(session, Map.of("spo2", 90)).getLong("reading.id");
        nurse().get("/api/alerts/" + alert).then().body("priority", equalTo("HIGH")).body("worstValue", equalTo(85.0f));

        nurse().body(Map.of("spo2", 97, "reason", "typed 85 for 97")).post("/api/readings/" + typo + "/amendments")
                .then().statusCode(201).body("alerts.id", hasItem((int) alert));
        nurse().get("/api/alerts/" + alert).then()
                .body("state", equalTo("ACTIVE"))
                .body("priority", equalTo("MEDIUM"))
                .body("worstValue", equalTo(90.0f))
                .body("triggerValue", equalTo(90.0f))
                .body("breachCount", equalTo(1))
                .body("message", containsString("90"))
                .body("message", not(containsString("85")));
        // a MEDIUM alert is not latched: the next normal reading resolves it as usual
        chart(session, Map.of("spo2", 96));
        nurse().get("/api/alerts/" + alert).then().body("state", equalTo("RESOLVED"));
        nurse().get("/api/readings/" + ninety).then().body("amended", equalTo(false));
    }

    @Test
    void amendingAReadingAnAlertDoesNotStandOnLeavesTheAlertAsItWas() {
        long session = infusingSession();
        JsonPath low = chart(session, Map.of("spo2", 85));
        long alert = low.getLong("alerts[0].id");
        long heartRate = chart(session, Map.of("heartRate", 72)).getLong("reading.id");
        String before = nurse().get("/api/alerts/" + alert).then().extract().asString();
        nurse().body(Map.of("heartRate", 74, "reason", "recounted")).post("/api/readings/" + heartRate + "/amendments")
                .then().statusCode(201);
        assertEquals(before, nurse().get("/api/alerts/" + alert).then().extract().asString());
    }

    @Test
    void anAmendedReadingCannotBeAmendedAgainOnlyItsCorrection() {
        long session = infusingSession();
        long original = chart(session, Map.of("heartRate", 71)).getLong("reading.id");
        long fixed = nurse().body(Map.of("heartRate", 77, "reason", "wrong chair")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(201).extract().jsonPath().getLong("reading.id");
        nurse().body(Map.of("heartRate", 78, "reason", "again")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(409).body("detail", containsString("reading " + fixed));
        nurse().body(Map.of("heartRate", 78, "reason", "again")).post("/api/readings/" + fixed + "/amendments").then().statusCode(201);
    }

    @Test
    void anAmendmentNeedsAReasonAndPlausibleValues() {
        long session = infusingSession();
        long original = chart(session, Map.of("heartRate", 71)).getLong("reading.id");
        nurse().body(Map.of("heartRate", 77)).post("/api/readings/" + original + "/amendments")
                .then().statusCode(422).body("violations[0].field", equalTo("reason"));
        nurse().body(Map.of("heartRate", 700, "reason", "typo")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(422).body("violations[0].field", equalTo("heartRate"));
        nurse().body(Map.of("reason", "typo")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(422).body("violations[0].field", equalTo("vitals"));
        nurse().body(Map.of("heartRate", 77, "reason", "typo \u202Eon")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(422).body("violations[0].field", equalTo("reason"))
                .body("violations[0].rule", containsString("bidirectional formatting characters (U+202E at character 6)"));
        nurse().body(Map.of("heartRate", 77, "reason", "typo")).post("/api/readings/987654321/amendments").then().statusCode(404);
        nurse().get("/api/readings/" + original).then().body("amended", equalTo(false));
    }

    @Test
    void amendingNeedsANurseOrProvider() {
        long session = infusingSession();
        long original = chart(session, Map.of("heartRate", 71)).getLong("reading.id");
        anonymous().body(Map.of("heartRate", 77, "reason", "typo")).post("/api/readings/" + original + "/amendments").then().statusCode(401);
        admin().body(Map.of("heartRate", 77, "reason", "typo")).post("/api/readings/" + original + "/amendments").then().statusCode(403);
        org.chairside.TestClinic.provider().body(Map.of("heartRate", 77, "reason", "typo")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(201);
    }

    @ParameterizedTest(name = "corrected {0} s from now")
    @ValueSource(ints = {0, 50})
    void anAmendedTakenAtIsTheSessionsLastReadingTimeAndChartingIsDueFromIt(int correctedFromNow) {
        long session = infusingSession();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant charted = now.plusSeconds(correctedFromNow == 0 ? 40 : 0);
        Instant corrected = now.plusSeconds(correctedFromNow);
        long original = chart(session, Map.of("heartRate", 71, "takenAt", charted.toString())).getLong("reading.id");
        JsonPath before = nurse().get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath();
        assertEquals(charted, Instant.parse(before.getString("lastReadingTakenAt")));
        Duration interval = Duration.between(charted, Instant.parse(before.getString("nextChartingDue")));

        nurse().body(Map.of("heartRate", 71, "takenAt", corrected.toString(), "reason", "wrong time"))
                .post("/api/readings/" + original + "/amendments").then().statusCode(201);

        JsonPath after = nurse().get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath();
        assertEquals(corrected, Instant.parse(after.getString("lastReadingTakenAt")));
        assertEquals(corrected.plus(interval), Instant.parse(after.getString("nextChartingDue")));
    }

    @Test
    void amendingTheNewestReadingToBeforeAnotherMakesThatOneTheLast() {
        long session = infusingSession();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        chart(session, Map.of("heartRate", 70, "takenAt", now.plusSeconds(20).toString()));
        long newest = chart(session, Map.of("heartRate", 71, "takenAt", now.plusSeconds(40).toString())).getLong("reading.id");
        nurse().body(Map.of("heartRate", 71, "takenAt", now.toString(), "reason", "wrong time"))
                .post("/api/readings/" + newest + "/amendments").then().statusCode(201);
        assertEquals(now.plusSeconds(20), Instant.parse(nurse().get("/api/sessions/" + session).then().extract().path("lastReadingTakenAt")));
    }

    @Test
    void aClosedSessionCanStillBeCorrectedButRaisesNothing() {
        long session = infusingSession();
        long original = chart(session, Map.of("spo2", 97)).getLong("reading.id");
        org.chairside.TestClinic.transition(session, "STOPPED", "nausea");
        nurse().body(Map.of("spo2", 85, "reason", "monitor showed 85")).post("/api/readings/" + original + "/amendments")
                .then().statusCode(201).body("alerts", hasSize(0));
    }
}
