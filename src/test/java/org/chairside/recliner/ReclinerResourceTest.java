package org.chairside.recliner;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.sessionBody;
import static org.chairside.TestClinic.transition;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** {@code POST /api/recliners} (admin) and {@code GET /api/recliners} with the open session on each chair. */
@QuarkusTest
class ReclinerResourceTest {

    private static JsonPath chairs() {
        return nurse().get("/api/recliners").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, ?> chair(long id) {
        return chairs().getMap("find { it.id == " + id + " }");
    }

    @Test
    void adminCreatesRecliner() {
        String name = unique("Bay 3");
        long id = admin().body(Map.of("name", name)).post("/api/recliners")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/recliners/\\d+"))
                .body("name", equalTo(name))
                .body("session", nullValue())
                .extract().jsonPath().getLong("id");
        Map<String, ?> listed = chair(id);
        org.junit.jupiter.api.Assertions.assertEquals(name, listed.get("name"));
        org.junit.jupiter.api.Assertions.assertNull(listed.get("session"));
    }

    @Test
    void nameIsTrimmed() {
        String name = unique("Chair");
        admin().body(Map.of("name", "  " + name + " ")).post("/api/recliners")
                .then().statusCode(201).body("name", equalTo(name));
    }

    @Test
    void nurseAndProviderMayNotCreateRecliners() {
        String name = unique("Chair");
        nurse().body(Map.of("name", name)).post("/api/recliners").then().statusCode(403)
                .contentType("application/problem+json");
        provider().body(Map.of("name", name)).post("/api/recliners").then().statusCode(403);
        nurse().get("/api/recliners").then().body("name", not(hasItem(name)));
    }

    @Test
    void anonymousMayNeitherCreateNorList() {
        String name = unique("Chair");
        anonymous().body(Map.of("name", name)).post("/api/recliners").then().statusCode(401);
        anonymous().get("/api/recliners").then().statusCode(401);
        nurse().get("/api/recliners").then().body("name", not(hasItem(name)));
    }

    @Test
    void everyRoleMayList() {
        long id = newRecliner();
        nurse().get("/api/recliners").then().statusCode(200).body("id", hasItem((int) id));
        provider().get("/api/recliners").then().statusCode(200).body("id", hasItem((int) id));
        admin().get("/api/recliners").then().statusCode(200).body("id", hasItem((int) id));
    }

    @Test
    void duplicateNameIsConflict() {
        String name = unique("Chair");
        admin().body(Map.of("name", name)).post("/api/recliners").then().statusCode(201);
        admin().body(Map.of("name", name)).post("/api/recliners")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(name));
        admin().body(Map.of("name", " " + name)).post("/api/recliners").then().statusCode(409);
    }

    @Test
    void blankNameIsInvalid() {
        admin().body(Map.of("name", " ")).post("/api/recliners")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("name"));
    }

    @Test
    void missingNameIsInvalid() {
        admin().body(Map.of()).post("/api/recliners")
                .then().statusCode(422).body("violations.field", contains("name"));
    }

    @Test
    void nameWithMarkupOrTooLongIsInvalid() {
        admin().body(Map.of("name", "<b>Chair</b>")).post("/api/recliners")
                .then().statusCode(422).body("violations.field", contains("name"));
        admin().body(Map.of("name", "C".repeat(41))).post("/api/recliners")
                .then().statusCode(422).body("violations.field", contains("name"));
    }

    @Test
    void nameOfTheWrongTypeIsInvalid() {
        admin().body(Map.of("name", Map.of("x", 1))).post("/api/recliners")
                .then().statusCode(422).body("violations.field", contains("name"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        admin().body("{\"name\": \"A\"").post("/api/recliners")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        String name = unique("Bay");
        admin().contentType(ContentType.TEXT).body(name).post("/api/recliners")
                .then().statusCode(415).contentType("application/problem+json");
        nurse().get("/api/recliners").then().body("name", not(hasItem(name)));
    }

    @Test
    void listShowsTheOpenSessionOnEachChairUntilItCloses() {
        long occupied = newRecliner();
        long free = newRecliner();
        long patient = newPatient();
        long session = nurse().body(sessionBody(patient, occupied)).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath list = chairs();
        String at = "find { it.id == " + occupied + " }.session";
        org.junit.jupiter.api.Assertions.assertEquals(session, list.getLong(at + ".id"));
        org.junit.jupiter.api.Assertions.assertEquals("CHECKED_IN", list.getString(at + ".state"));
        org.junit.jupiter.api.Assertions.assertEquals(patient, list.getLong(at + ".patient.id"));
        org.junit.jupiter.api.Assertions.assertEquals(occupied, list.getLong(at + ".recliner.id"));
        org.junit.jupiter.api.Assertions.assertNull(list.get("find { it.id == " + free + " }.session"));

        transition(session, "STOPPED", "patient declined");
        org.junit.jupiter.api.Assertions.assertNull(chair(occupied).get("session"));
    }

    @Test
    void listFollowsTheSessionPhase() {
        long chairId = newRecliner();
        long session = openSession(chairId);
        org.chairside.TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 70, "spo2", 98));
        transition(session, "INFUSING", null);
        JsonPath list = chairs();
        org.junit.jupiter.api.Assertions.assertEquals("INFUSING", list.getString("find { it.id == " + chairId + " }.session.state"));
        org.junit.jupiter.api.Assertions.assertEquals(session, list.getLong("find { it.id == " + chairId + " }.session.id"));
    }

    @Test
    void listIsOrderedByName() {
        String prefix = unique("Ord");
        long b = admin().body(Map.of("name", prefix + " B")).post("/api/recliners").then().statusCode(201).extract().jsonPath().getLong("id");
        long a = admin().body(Map.of("name", prefix + " A")).post("/api/recliners").then().statusCode(201).extract().jsonPath().getLong("id");
        java.util.List<Integer> ids = chairs().getList("findAll { it.name.startsWith('" + prefix + "') }.id");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of((int) a, (int) b), ids);
    }
}
