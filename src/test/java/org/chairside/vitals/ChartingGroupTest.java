package org.chairside.vitals;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
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

    @Test
    void aDevicesMessageIsChartedAllOrNoneAndAKeySentTwiceInOneGroupIsStoredOnce() {
        long session = infusingSession();
        long other = infusingSession();
        Instant t = Instant.now(); // after both sessions began; the later readings within the clock skew allowed
        List<GroupCommit.Outcome<ChartingService.Charted>> outcomes = charting.chartTogether(List.of(
                device(session, keyed(t, 72, "MSG-1^1"), keyed(t.plusSeconds(5), 74, "MSG-1^2")),
                device(other, keyed(t, 70, "MSG-9^1"), keyed(t.plusSeconds(5), 900, "MSG-9^2")), // 900: not a heart rate
                device(session, keyed(t, 72, "MSG-1^1")),                                          // the first message's resend
                device(session, keyed(t.plusSeconds(10), 76, "MSG-2^1"))));

        assertEquals(2, outcomes.get(0).answer().readings().size());
        assertEquals(0, outcomes.get(0).answer().duplicates());
        ProblemException refused = (ProblemException) outcomes.get(1).refusal();
        assertEquals(422, refused.status());
        assertEquals("readings[1].heartRate", refused.toProblem().violations().get(0).field());
        assertEquals(0, outcomes.get(2).answer().readings().size(), "the resend stores nothing");
        assertEquals(1, outcomes.get(2).answer().duplicates());
        assertEquals(1, outcomes.get(3).answer().readings().size());

        assertEquals(List.of(72, 74, 76), nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.source == 'HL7' }.heartRate", Integer.class));
        assertEquals(List.of(), nurse().get("/api/sessions/" + other + "/readings").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.source == 'HL7' }", Object.class),
                "no reading of the refused message is stored, not even its valid one");
    }

    private static ReadingInput keyed(Instant takenAt, int heartRate, String sourceRef) {
        return new ReadingInput(takenAt, null, null, heartRate, null, null, null, sourceRef);
    }

    private static ChartingService.Entry device(long sessionId, ReadingInput... readings) {
        return new ChartingService.Entry(sessionId, List.of(readings), Source.HL7, "mllp", "readings");
    }

    private static ChartingService.Entry heartRate(long sessionId, int heartRate) {
        return new ChartingService.Entry(sessionId, new ReadingInput(null, null, null, heartRate, null, null, null, null),
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
