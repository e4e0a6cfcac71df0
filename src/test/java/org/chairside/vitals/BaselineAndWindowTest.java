package org.chairside.vitals;

import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Which reading the change-from-baseline rule measures from, and what the sustained rules look back over:
 * both are kept by the write path rather than searched for, so these pin down that they follow the readings.
 */
@QuarkusTest
class BaselineAndWindowTest {

    private static List<String> raised(JsonPath charted) {
        return charted.getList("alerts.condition", String.class);
    }

    /** Charts systolic 162 after the start: BP_RISE (40 over baseline) fires only for a baseline of 122 or less. */
    private static JsonPath riseTo162(long session) {
        return chart(session, Map.of("systolic", 162, "diastolic", 85));
    }

    @Test
    void theNewestCompleteBaselineCountsNotABackDatedOne() {
        long session = openSession();
        Instant checkIn = Instant.now();
        chart(session, Map.of("systolic", 120, "diastolic", 78, "heartRate", 70, "spo2", 99));
        chart(session, Map.of("systolic", 130, "diastolic", 80, "heartRate", 72, "spo2", 98));
        // imported late, taken before the 130: it is not the newest, so the baseline stays 130
        chart(session, Map.of("systolic", 110, "diastolic", 70, "heartRate", 68, "spo2", 99, "takenAt", checkIn.toString()));
        transition(session, "INFUSING", null);
        assertFalse(raised(riseTo162(session)).contains("BP_RISE"), "162 is only 32 over the newest baseline, 130");
    }

    @Test
    void amendingTheBaselineMovesIt() {
        long session = openSession();
        long baseline = chart(session, Map.of("systolic", 130, "diastolic", 80, "heartRate", 72, "spo2", 98)).getLong("reading.id");
        transition(session, "INFUSING", null);
        assertFalse(raised(riseTo162(session)).contains("BP_RISE"));

        nurse().body(Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98, "reason", "typed 130 for 120"))
                .post("/api/readings/" + baseline + "/amendments").then().statusCode(201);
        JsonPath after = riseTo162(session);
        assertTrue(raised(after).contains("BP_RISE"), "162 is 42 over the corrected baseline 120: " + raised(after));
    }

    @Test
    void anIncompleteReadingDoesNotReplaceTheBaseline() {
        long session = openSession();
        chart(session, Map.of("systolic", 120, "diastolic", 78, "heartRate", 70, "spo2", 99));
        chart(session, Map.of("systolic", 150, "diastolic", 90));
        // 150/90 is at the pre-start limit: a provider clears the start
        provider().body(Map.of("to", "INFUSING", "reason", "recheck 150/90, cleared")).post("/api/sessions/" + session + "/transitions")
                .then().statusCode(200);
        assertTrue(raised(riseTo162(session)).contains("BP_RISE"), "the 150 lacks heart rate and SpO2; the baseline stays 120");
    }

    @Test
    void aSustainedRuleWaitsForItsReadingsInARow() {
        long session = infusingSession();
        provider().body(Map.of("rules", List.of(Map.of(
                        "condition", "SPO2_LOW", "label", "Oxygen saturation low, three in a row", "kind", "LIMIT", "sustainedReadings", 3,
                        "limits", List.of(Map.of("vital", "SPO2", "operator", "BELOW", "value", 92, "priority", "MEDIUM"))))))
                .put("/api/sessions/" + session + "/thresholds").then().statusCode(200);

        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 90))));
        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 89))));
        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 97))), "a normal reading breaks the run");
        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 90))));
        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 91))));
        assertEquals(List.of("SPO2_LOW"), raised(chart(session, Map.of("spo2", 90))));
    }

    @Test
    void aSustainedRuleCountsItsOwnVitalsReadingsThroughReadingsOfOtherVitalsInBetween() {
        // The oximeter charts SpO2 and heart rate, the cuff blood pressure on its own: a cuff reading between two low
        // SpO2 readings must not hide that SpO2 was low twice in a row (the window once held the last readings of any kind).
        long session = infusingSession();
        provider().body(Map.of("rules", List.of(Map.of(
                        "condition", "SPO2_LOW", "label", "Oxygen saturation low, two in a row", "kind", "LIMIT", "sustainedReadings", 2,
                        "limits", List.of(Map.of("vital", "SPO2", "operator", "BELOW", "value", 92, "priority", "MEDIUM"),
                                Map.of("vital", "SPO2", "operator", "BELOW", "value", 88, "priority", "HIGH"))))))
                .put("/api/sessions/" + session + "/thresholds").then().statusCode(200);

        assertEquals(List.of(), raised(chart(session, Map.of("spo2", 85, "heartRate", 80))));
        assertEquals(List.of(), raised(chart(session, Map.of("systolic", 130, "diastolic", 80))));
        JsonPath second = chart(session, Map.of("spo2", 85, "heartRate", 80));
        assertEquals(List.of("SPO2_LOW"), raised(second), "the second low SpO2 in a row");
        assertEquals("HIGH", second.getString("alerts[0].priority"));
    }
}
