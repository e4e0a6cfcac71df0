package org.chairside.recliner;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.live.SseClient;

/**
 * {@code PUT /api/recliners/{id}} (rename) and {@code POST /api/recliners/{id}/out-of-service|in-service}: a chair out
 * of service takes no new session and leaves the board.
 */
@QuarkusTest
class ReclinerServiceTest {
    @TestHTTPResource("/")
    URL app;

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static ValidatableResponse checkIn(long recliner) {
        return nurse().body(Map.of("patientId", newPatient(), "reclinerId", recliner, "weightKg", 70,
                        "protocol", Map.of("drug", "ketamine", "doseMgPerKg", 0.5, "plannedMinutes", 40)))
                .post("/api/sessions").then();
    }

    private static String boardNames() {
        return nurse().get("/api/board").then().statusCode(200).extract().jsonPath().getList("tiles.reclinerName").toString();
    }

    @Test
    void aChairOutOfServiceTakesNoSessionAndLeavesTheBoardUntilItIsBack() {
        long chair = newRecliner();
        String name = admin().get("/api/recliners").then().extract().jsonPath().getString("find { it.id == " + chair + " }.name");
        admin().body(Map.of("reason", "footrest broken")).post("/api/recliners/" + chair + "/out-of-service")
                .then().statusCode(200)
                .body("inService", equalTo(false))
                .body("outOfServiceBy", equalTo("admin"))
                .body("outOfServiceReason", equalTo("footrest broken"))
                .body("outOfServiceSince", notNullValue());

        checkIn(chair).statusCode(409).contentType("application/problem+json").body("detail", containsString("out of service"));
        org.junit.jupiter.api.Assertions.assertFalse(boardNames().contains(name), boardNames());
        admin().get("/api/recliners").then().body("find { it.id == " + chair + " }.inService", equalTo(false));
        admin().queryParam("entity", "recliner").queryParam("entityId", chair).get("/api/audit")
                .then().body("items[0].action", equalTo("OUT_OF_SERVICE")).body("items[0].detail", equalTo("footrest broken"));

        admin().post("/api/recliners/" + chair + "/in-service")
                .then().statusCode(200)
                .body("inService", equalTo(true))
                .body("outOfServiceSince", nullValue())
                .body("outOfServiceReason", nullValue());
        org.junit.jupiter.api.Assertions.assertTrue(boardNames().contains(name), boardNames());
        checkIn(chair).statusCode(201);
    }

    @Test
    void everyBoardHearsOfAChairAddedRenamedOrTakenOutOfServiceAndBack() throws Exception {
        try (SseClient board = SseClient.connect(app.toURI(), "nurse", TestClinic.PASSWORD, null)) {
            long chair = newRecliner();
            String id = "\"id\":" + chair + ",";
            board.await(e -> e.type().equals("recliner") && e.data().contains(id) && e.data().contains("\"inService\":true"), Duration.ofSeconds(10));
            String renamed = unique("Bay");
            admin().body(Map.of("name", renamed)).put("/api/recliners/" + chair).then().statusCode(200);
            board.await(e -> e.type().equals("recliner") && e.data().contains(id) && e.data().contains("\"name\":\"" + renamed + "\""), Duration.ofSeconds(10));
            admin().post("/api/recliners/" + chair + "/out-of-service").then().statusCode(200);
            board.await(e -> e.type().equals("recliner") && e.data().contains(id) && e.data().contains("\"inService\":false"), Duration.ofSeconds(10));
            admin().post("/api/recliners/" + chair + "/in-service").then().statusCode(200);
            board.await(e -> e.type().equals("recliner") && e.data().contains(id) && e.data().contains("\"inService\":true")
                    && e.data().contains(renamed), Duration.ofSeconds(10));
        }
    }

    @Test
    void takingAChairOutTwiceKeepsTheFirstTimeAndBringingBackAChairInServiceChangesNothing() {
        long chair = newRecliner();
        String since = admin().post("/api/recliners/" + chair + "/out-of-service").then().statusCode(200)
                .body("outOfServiceReason", nullValue()).extract().path("outOfServiceSince");
        admin().body(Map.of("reason", "again")).post("/api/recliners/" + chair + "/out-of-service")
                .then().statusCode(200).body("outOfServiceSince", equalTo(since)).body("outOfServiceReason", nullValue());
        long other = newRecliner();
        admin().post("/api/recliners/" + other + "/in-service").then().statusCode(200).body("inService", equalTo(true));
        admin().queryParam("entity", "recliner").queryParam("entityId", other).queryParam("action", "IN_SERVICE").get("/api/audit")
                .then().body("total", equalTo(0));
    }

    @Test
    void anOccupiedChairCannotBeTakenOutOfService() {
        long chair = newRecliner();
        checkIn(chair).statusCode(201);
        admin().body(Map.of("reason", "wobbly")).post("/api/recliners/" + chair + "/out-of-service")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("discharge or stop it first"));
        admin().get("/api/recliners").then().body("find { it.id == " + chair + " }.inService", equalTo(true));
    }

    @Test
    void aRenamedChairShowsItsNewNameOnItsOpenSession() {
        long chair = newRecliner();
        long session = checkIn(chair).statusCode(201).extract().jsonPath().getLong("id");
        String newName = unique("Bay");
        admin().body(Map.of("name", newName)).put("/api/recliners/" + chair)
                .then().statusCode(200)
                .body("name", equalTo(newName))
                .body("session.id", equalTo((int) session));
        nurse().get("/api/sessions/" + session).then().body("recliner.name", equalTo(newName));
        admin().queryParam("entity", "recliner").queryParam("entityId", chair).get("/api/audit")
                .then().body("items[0].action", equalTo("RENAME")).body("items[0].detail", containsString("-> " + newName));
    }

    @Test
    void aNameTakenOrBadIsRefusedAndUnknownChairsAreNotFound() {
        long chair = newRecliner();
        long other = newRecliner();
        String othersName = admin().get("/api/recliners").then().extract().jsonPath().getString("find { it.id == " + other + " }.name");
        admin().body(Map.of("name", othersName)).put("/api/recliners/" + chair)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString(othersName));
        admin().body(Map.of("name", "<script>")).put("/api/recliners/" + chair)
                .then().statusCode(422).body("violations.field", contains("name"));
        admin().body(Map.of("reason", "x".repeat(201))).post("/api/recliners/" + chair + "/out-of-service")
                .then().statusCode(422).body("violations.field", contains("reason"));
        admin().get("/api/recliners").then().body("find { it.id == " + chair + " }.inService", equalTo(true))
                .body("name", not(hasItem("<script>")));
        admin().body(Map.of("name", unique("Bay"))).put("/api/recliners/987654321").then().statusCode(404);
        admin().post("/api/recliners/987654321/out-of-service").then().statusCode(404);
        admin().post("/api/recliners/987654321/in-service").then().statusCode(404);
    }

    @Test
    void onlyAnAdminRenamesOrTakesChairsOutOfService() {
        long chair = newRecliner();
        nurse().body(Map.of("name", unique("Bay"))).put("/api/recliners/" + chair).then().statusCode(403);
        provider().post("/api/recliners/" + chair + "/out-of-service").then().statusCode(403).contentType("application/problem+json");
        nurse().post("/api/recliners/" + chair + "/in-service").then().statusCode(403);
        anonymous().post("/api/recliners/" + chair + "/out-of-service").then().statusCode(401);
        anonymous().body(Map.of("name", unique("Bay"))).put("/api/recliners/" + chair).then().statusCode(401);
        admin().get("/api/recliners").then().body("find { it.id == " + chair + " }.inService", equalTo(true));
    }
}
