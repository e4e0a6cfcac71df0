package org.chairside.board;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class BoardResourceTest {

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static Map<String, Object> tileOf(JsonPath board, long reclinerId) {
        List<Map<String, Object>> tiles = board.getList("tiles");
        return tiles.stream().filter(t -> ((Number) t.get("reclinerId")).longValue() == reclinerId).findFirst().orElse(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void snapshotHasEveryReclinerWithItsOpenSessionRecentReadingsAndOpenAlerts() {
        long session = TestClinic.infusingSession();
        long recliner = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        for (int i = 0; i < 14; i++) {
            TestClinic.chart(session, Map.of("heartRate", 70 + i));
        }
        long alert = TestClinic.chart(session, Map.of("systolic", 185, "diastolic", 90)).getLong("alerts[0].id");
        long free = TestClinic.newRecliner();

        JsonPath board = nurse().get("/api/board").then().statusCode(200).extract().jsonPath();
        long position = board.getLong("lastEventId");
        assertNotNull(board.getString("serverTime"));
        Map<String, Object> tile = tileOf(board, recliner);
        Map<String, Object> s = (Map<String, Object>) tile.get("session");
        assertEquals(session, ((Number) s.get("id")).longValue());
        assertEquals("INFUSING", s.get("state"));
        List<Map<String, Object>> readings = (List<Map<String, Object>>) tile.get("readings");
        assertEquals(12, readings.size(), "the last 12 readings for the trend");
        assertEquals(185, readings.get(11).get("systolic"), "oldest first, newest last");
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) tile.get("alerts");
        assertTrue(alerts.stream().anyMatch(a -> ((Number) a.get("id")).longValue() == alert && a.get("priority").equals("HIGH")));

        Map<String, Object> freeTile = tileOf(board, free);
        assertNull(freeTile.get("session"));
        assertEquals(List.of(), freeTile.get("readings"));

        // Nothing after the snapshot's position is in it: the next event is the next id.
        TestClinic.chart(session, Map.of("heartRate", 99));
        long after = nurse().get("/api/board").then().statusCode(200).extract().jsonPath().getLong("lastEventId");
        assertTrue(after > position);
    }

    @Test
    void aClosedSessionLeavesItsReclinerFree() {
        long session = TestClinic.openSession();
        long recliner = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        TestClinic.transition(session, "STOPPED", "wrong chair");
        JsonPath board = nurse().get("/api/board").then().statusCode(200).extract().jsonPath();
        assertNull(tileOf(board, recliner).get("session"));
    }

    @Test
    void everyRoleReadsTheBoardAndAnonymousIsRefused() {
        anonymous().get("/api/board").then().statusCode(401);
        TestClinic.admin().get("/api/board").then().statusCode(200).body("tiles", notNullValue());
        TestClinic.provider().get("/api/board").then().statusCode(200);
        nurse().post("/api/board").then().statusCode(405);
    }

    @Test
    void configTellsThePageTheHeartbeatInterval() {
        // %test sets chairside.live.heartbeat=1s
        nurse().get("/api/config").then().statusCode(200)
                .body("heartbeatMillis", equalTo(1000))
                .body("audioPauseSeconds", equalTo(120))
                .body("historicalAfterSeconds", greaterThan(0));
        anonymous().get("/api/config").then().statusCode(401);
        TestClinic.admin().get("/api/config").then().statusCode(200);
    }

    @Test
    void theDashboardIsServedWithoutLogin() {
        anonymous().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/assets/js/main.js"));
        anonymous().get("/assets/js/main.js").then().statusCode(200);
        anonymous().get("/assets/app.css").then().statusCode(200);
        anonymous().get("/assets/sounds/alarm-high.wav").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("wav"));
        anonymous().get("/login.html").then().statusCode(200);
        anonymous().get("/assets/nothing-here.js").then().statusCode(404);
    }

    @Test
    void aTilesNextChartingDueFollowsTheSessionsChartingIntervalAsSoonAsAProviderSavesIt() {
        long session = TestClinic.infusingSession();
        long recliner = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        String due = "tiles.find { it.reclinerId == " + recliner + " }.session.nextChartingDue";
        Instant before = Instant.parse(nurse().get("/api/board").then().statusCode(200).extract().jsonPath().getString(due));

        TestClinic.provider().body(Map.of("charting", Map.of("infusingMinutes", 4, "recoveryMinutes", 15, "graceMinutes", 5, "priority", "MEDIUM")))
                .put("/api/sessions/" + session + "/thresholds").then().statusCode(200);
        Instant after = Instant.parse(nurse().get("/api/board").then().statusCode(200).extract().jsonPath().getString(due));
        assertEquals(Duration.ofMinutes(6), Duration.between(after, before), "due every 4 minutes instead of the clinic's 10");
        String listed = nurse().get("/api/recliners").then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == " + recliner + " }.session.nextChartingDue");
        assertEquals(after, Instant.parse(listed), "the recliner list agrees with the board");
    }

    @Test
    void emptyAlertsAndReadingsAreEmptyLists() {
        long session = TestClinic.openSession();
        long recliner = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        nurse().get("/api/board").then().statusCode(200)
                .body("tiles.find { it.reclinerId == " + recliner + " }.readings", hasSize(0))
                .body("tiles.find { it.reclinerId == " + recliner + " }.alerts", hasSize(0))
                .body("tiles.find { it.reclinerId == " + recliner + " }.session.nextChartingDue", nullValue());
    }
}
