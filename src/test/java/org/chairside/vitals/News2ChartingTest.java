package org.chairside.vitals;

import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** A nurse charts oxygen and the level of consciousness with the vitals; the set's NEWS2 is shown and alerts. */
@QuarkusTest
class News2ChartingTest {

    /** Every vital unremarkable for its own rule: respiration 22 (2 points), SpO2 96 (0), 122/80 (0), pulse 80 (0), 37.0 (0). */
    private static Map<String, Object> set(boolean onOxygen, String consciousness) {
        Map<String, Object> m = new HashMap<>(Map.of("systolic", 122, "diastolic", 80, "heartRate", 80, "spo2", 96,
                "respiratoryRate", 22, "temperatureC", 37.0, "onOxygen", onOxygen));
        m.put("consciousness", consciousness);
        return m;
    }

    @Test
    void aCompleteSetIsScoredAndFivePointsRaiseAMediumAlertSevenAHighOne() {
        long session = infusingSession();
        nurse().body(set(false, "ALERT")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("reading.onOxygen", equalTo(false))
                .body("reading.consciousness", equalTo("ALERT"))
                .body("reading.news2.score", equalTo(2))
                .body("reading.news2.band", equalTo("LOW"))
                .body("reading.news2.missing", empty())
                .body("alerts", empty());
        // responds to voice alone: 5 points, no vital past its own limit
        nurse().body(set(false, "VOICE")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("reading.news2.score", equalTo(5))
                .body("reading.news2.band", equalTo("MEDIUM"))
                .body("alerts.condition", contains("NEWS2"))
                .body("alerts[0].priority", equalTo("MEDIUM"))
                .body("alerts[0].message", containsString("NEWS2 5 points"));
        // and on supplemental oxygen: 7
        nurse().body(set(true, "VOICE")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("reading.news2.score", equalTo(7))
                .body("alerts.condition", contains("NEWS2"))
                .body("alerts[0].priority", equalTo("HIGH"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("$", hasSize(1))
                .body("[0].condition", equalTo("NEWS2")).body("[0].priority", equalTo("HIGH"));
    }

    @Test
    void anIncompleteSetSaysWhatIsMissingAndNeitherRaisesNorResolvesTheScoreAlert() {
        long session = infusingSession();
        chart(session, set(false, "VOICE"));
        nurse().body(Map.of("heartRate", 78, "consciousness", "ALERT")).post("/api/sessions/" + session + "/readings")
                .then().statusCode(201)
                .body("reading.news2.score", nullValue())
                .body("reading.news2.band", nullValue())
                .body("reading.news2.missing", contains("respiratoryRate", "spo2", "onOxygen", "systolic", "temperatureC"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("condition", contains("NEWS2"));
        // a complete set under 5 resolves it (a MEDIUM alert does not latch)
        chart(session, set(false, "ALERT"));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("$", empty());
    }

    @Test
    void aSustainedScoreRuleCountsCompleteSetsThroughAMonitorsReadingsInBetween() {
        long session = infusingSession();
        provider().body(Map.of("rules", List.of(Map.of(
                        "condition", "NEWS2", "label", "NEWS2, twice in a row", "kind", "LIMIT", "sustainedReadings", 2,
                        "limits", List.of(Map.of("vital", "NEWS2", "operator", "AT_OR_ABOVE", "value", 5, "priority", "MEDIUM"))))))
                .put("/api/sessions/" + session + "/thresholds").then().statusCode(200);

        nurse().body(set(false, "VOICE")).post("/api/sessions/" + session + "/readings").then().statusCode(201).body("alerts", empty());
        // the monitor's readings carry no score: they neither break the run nor count in it
        chart(session, Map.of("heartRate", 82, "spo2", 96));
        chart(session, Map.of("systolic", 124, "diastolic", 78));
        nurse().body(set(false, "VOICE")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("alerts.condition", contains("NEWS2"));
        // a complete set under the limit breaks it again
        chart(session, set(false, "ALERT"));
        nurse().body(set(false, "VOICE")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("alerts", empty());
    }

    @Test
    void aMonitorsSetHasNoScoreAtAll() {
        long session = infusingSession();
        nurse().body(Map.of("systolic", 122, "diastolic", 80, "heartRate", 80, "spo2", 96)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(201)
                .body("reading.onOxygen", nullValue()).body("reading.consciousness", nullValue()).body("reading.news2", nullValue());
    }

    @Test
    void theLevelOfConsciousnessMayBeChartedAlone() {
        long session = infusingSession();
        nurse().body(Map.of("consciousness", "PAIN")).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("reading.consciousness", equalTo("PAIN"));
    }

    @Test
    void anUnknownLevelOrAnOxygenThatIsNoYesOrNoIsRefusedNamingTheFieldAndNothingIsStored() {
        long session = infusingSession();
        int before = nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath().getList("$").size();
        nurse().body(Map.of("heartRate", 80, "consciousness", "DROWSY")).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("consciousness"));
        nurse().body(Map.of("heartRate", 80, "onOxygen", "2 L/min")).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("onOxygen"));
        nurse().get("/api/sessions/" + session + "/readings").then().body("$", hasSize(before));
    }

    @Test
    void anAmendedLevelOfConsciousnessRebuildsTheScoreAlert() {
        long session = infusingSession();
        JsonPath charted = chart(session, set(true, "VOICE"));
        long reading = charted.getLong("reading.id");
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("priority", contains("HIGH"));
        Map<String, Object> corrected = set(false, "ALERT");
        corrected.put("reason", "patient was on room air and alert; charted in the wrong chair");
        nurse().body(corrected).post("/api/readings/" + reading + "/amendments").then().statusCode(201)
                .body("reading.news2.score", equalTo(2));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + session).then().body("$", empty());
        nurse().get("/api/alerts?sessionId=" + session).then().body("resolvedBy", contains("reading " + reading + " amended"));
        List<Object> readings = nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath().getList("news2.score");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(7, 2), readings.subList(readings.size() - 2, readings.size()));
    }
}
