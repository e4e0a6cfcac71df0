package org.chairside.vitals;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import org.chairside.alerts.Alert;
import org.chairside.live.LoggedEvent;
import org.chairside.problem.ProblemException;

/**
 * One writer group holding several readings of one session, an unknown session and another session: each session's
 * state (open alerts, baseline) is read once for the group and carried from one of its readings to the next.
 */
@QuarkusTest
class ChartingGroupTest {
    @Inject
    ChartingService charting;
    @Inject
    ObjectMapper json;

    @Test
    void aSessionsReadingsInOneGroupSeeEachOthersAlertsAndAnUnknownSessionIsRefusedAlone() throws Exception {
        long first = infusingSession();
        long second = infusingSession();
        long unknown = 987_654_321L;
        List<GroupCommit.Outcome<ChartingService.Charted>> outcomes = charting.chartTogether(List.of(
                heartRate(first, 120),   // above 110: raises HR_HIGH
                heartRate(unknown, 70),
                heartRate(second, 70),
                heartRate(first, 125),   // the same alert again, worse
                heartRate(first, 80)));  // back to normal: a MEDIUM alert resolves

        assertEquals(404, ((ProblemException) outcomes.get(1).refusal()).status());
        assertEquals(List.of(), List.copyOf(outcomes.get(2).answer().alerts()));
        long alertId = onlyAlert(outcomes.get(0)).id;
        assertEquals(alertId, onlyAlert(outcomes.get(3)).id, "the second breach repeats the open alert");
        assertEquals(alertId, onlyAlert(outcomes.get(4)).id, "the normal reading resolves it");
        for (int answered : new int[] {0, 2, 3, 4}) {
            assertNull(outcomes.get(answered).refusal(), "reading " + answered);
        }

        nurse().get("/api/alerts/" + alertId).then().statusCode(200)
                .body("condition", equalTo("HR_HIGH"))
                .body("state", equalTo("RESOLVED"))
                .body("breachCount", equalTo(2))
                .body("worstValue", equalTo(125.0f));
        // Each charting announced the alert as it stood after that reading, in arrival order.
        List<JsonNode> announced = QuarkusTransaction.requiringNew().call(() -> LoggedEvent.<LoggedEvent>list(
                        "sessionId = ?1 and type = 'alert' order by id", first)).stream()
                .map(e -> read(e.payload)).toList();
        assertEquals(List.of("ACTIVE:1", "ACTIVE:2", "RESOLVED:2"), announced.stream()
                .map(a -> a.get("state").asText() + ":" + a.get("breachCount").asInt()).toList());
        assertEquals(List.of(120, 125, 80), nurse().get("/api/sessions/" + first + "/readings").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.systolic == null }.heartRate", Integer.class));
    }

    private static ChartingService.Single heartRate(long sessionId, int heartRate) {
        return new ChartingService.Single(sessionId, new ReadingInput(null, null, null, heartRate, null, null, null, null),
                Source.MANUAL, "nurse");
    }

    private static Alert onlyAlert(GroupCommit.Outcome<ChartingService.Charted> outcome) {
        List<Alert> alerts = List.copyOf(outcome.answer().alerts());
        assertEquals(1, alerts.size(), "alerts changed: " + alerts.size());
        return alerts.get(0);
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
