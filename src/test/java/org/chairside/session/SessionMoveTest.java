package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/sessions/{id}/moves}: the patient moves to another recliner (a chair failing mid-infusion, a bay
 * needed) and the session goes with them; {@code GET} lists the moves for the timeline.
 */
@QuarkusTest
class SessionMoveTest {

    private static ValidatableResponse move(RequestSpecification as, long session, Long recliner, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("reclinerId", recliner);
        if (reason != null) {
            body.put("reason", reason);
        }
        return as.body(body).post("/api/sessions/" + session + "/moves").then();
    }

    private static String chairOf(long session) {
        return nurse().get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath().getString("recliner.name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tileOf(long recliner) {
        List<Map<String, Object>> tiles = nurse().get("/api/board").then().statusCode(200).extract().jsonPath().getList("tiles");
        return tiles.stream().filter(t -> ((Number) t.get("reclinerId")).longValue() == recliner).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePatientMovesWithTheirReadingsAlertsAndTimelineAndTheOldChairIsFree() {
        long session = infusingSession();
        long from = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        String fromName = chairOf(session);
        long alert = chart(session, Map.of("systolic", 185, "diastolic", 95)).getLong("alerts[0].id");
        long to = newRecliner();

        move(nurse(), session, to, "footrest broke mid-infusion").statusCode(200)
                .body("id", equalTo((int) session)).body("recliner.id", equalTo((int) to)).body("state", equalTo("INFUSING"));

        Map<String, Object> tile = tileOf(to);
        assertEquals(session, ((Number) ((Map<String, Object>) tile.get("session")).get("id")).longValue());
        assertEquals(2, ((List<?>) tile.get("readings")).size(), "the baseline and the high reading came along");
        assertEquals(alert, ((Number) ((Map<String, Object>) ((List<?>) tile.get("alerts")).get(0)).get("id")).longValue());
        assertNull(tileOf(from).get("session"), "the chair left is free");
        // a new patient may sit in the chair left, and the moved one goes on being charted where they are now
        openSession(from);
        chart(session, Map.of("heartRate", 80));

        nurse().get("/api/sessions/" + session + "/moves").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].fromReclinerId", equalTo((int) from)).body("[0].fromReclinerName", equalTo(fromName))
                .body("[0].toReclinerId", equalTo((int) to)).body("[0].toReclinerName", equalTo(chairOf(session)))
                .body("[0].reason", equalTo("footrest broke mid-infusion"))
                .body("[0].byUser", equalTo("nurse")).body("[0].at", notNullValue());
        admin().queryParam("entity", "session").queryParam("entityId", session).queryParam("action", "MOVE_SESSION").get("/api/audit")
                .then().statusCode(200).body("items.detail", contains("from " + fromName + " to " + chairOf(session) + ": footrest broke mid-infusion"));
    }

    @Test
    void aProviderMayMoveAndAMoveNeedsNoReason() {
        long session = openSession();
        long to = newRecliner();
        move(provider(), session, to, null).statusCode(200).body("recliner.id", equalTo((int) to)).body("state", equalTo("CHECKED_IN"));
        nurse().get("/api/sessions/" + session + "/moves").then().body("[0].byUser", equalTo("provider")).body("[0].reason", equalTo(null));
    }

    @Test
    void aChairThatIsTakenOutOfServiceOrTheSameIsRefusedAndNothingMoves() {
        long session = infusingSession();
        long here = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id");
        long taken = newRecliner();
        openSession(taken);
        move(nurse(), session, taken, null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already holds an open session"));

        long broken = newRecliner();
        admin().body(Map.of("reason", "motor fault")).post("/api/recliners/" + broken + "/out-of-service").then().statusCode(200);
        move(nurse(), session, broken, null).statusCode(409).body("detail", containsString("is out of service"));

        move(nurse(), session, here, null).statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("reclinerId")).body("violations[0].rule", containsString("already"));
        move(nurse(), session, 987654321L, null).statusCode(422)
                .body("violations.field", contains("reclinerId")).body("violations[0].rule", equalTo("no recliner with id 987654321"));
        move(nurse(), session, null, null).statusCode(422)
                .body("violations.field", contains("reclinerId")).body("violations[0].rule", containsString("is required"));
        move(nurse(), session, newRecliner(), "x".repeat(501)).statusCode(422).body("violations.field", contains("reason"));
        nurse().body("{\"reclinerId\": \"chair 3\"}").post("/api/sessions/" + session + "/moves")
                .then().statusCode(422).body("violations[0].field", equalTo("reclinerId")).body("violations[0].rule", equalTo("must be a whole number"));

        assertEquals(here, nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id"));
        nurse().get("/api/sessions/" + session + "/moves").then().statusCode(200).body("$", empty());
    }

    @Test
    void aClosedSessionOrAnUnknownOneCannotMove() {
        long session = openSession();
        transition(session, "STOPPED", "patient declined");
        move(nurse(), session, newRecliner(), null).statusCode(409).body("detail", containsString("closed"));
        move(nurse(), 987654321L, newRecliner(), null).statusCode(404).contentType("application/problem+json");
        nurse().get("/api/sessions/987654321/moves").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void twoPatientsMovedIntoOneFreeChairAtOnceGetOneMoveAndOneConflict() {
        long first = infusingSession();
        long second = infusingSession();
        long chair = newRecliner();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> move(nurse(), first, chair, null).extract().statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> move(nurse(), second, chair, null).extract().statusCode());
        List<Integer> statuses = List.of(a.join(), b.join());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void onlyNursesAndProvidersMoveAndOnlySignedInUsersRead() {
        long session = openSession();
        long to = newRecliner();
        move(admin(), session, to, null).statusCode(403).contentType("application/problem+json");
        move(anonymous(), session, to, null).statusCode(401);
        anonymous().get("/api/sessions/" + session + "/moves").then().statusCode(401);
        admin().get("/api/sessions/" + session + "/moves").then().statusCode(200).body("$", empty());
        assertNotEquals(to, nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("recliner.id"));
    }
}
