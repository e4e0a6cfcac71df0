package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.sessionBody;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** {@code POST /api/sessions}, {@code GET /api/sessions?state=}, {@code GET /api/sessions/{id}}. */
@QuarkusTest
class SessionResourceTest {

    private static Map<String, Object> body(long patient, long recliner, Map<String, Object> protocolChanges, Object... changes) {
        Map<String, Object> b = new HashMap<>(sessionBody(patient, recliner));
        Map<String, Object> protocol = new HashMap<>((Map<String, Object>) b.get("protocol"));
        protocol.putAll(protocolChanges);
        b.put("protocol", protocol);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                b.remove((String) changes[i]);
            } else {
                b.put((String) changes[i], changes[i + 1]);
            }
        }
        return b;
    }

    private static Map<String, Object> valid() {
        return body(newPatient(), newRecliner(), Map.of());
    }

    @Test
    void nurseOpensSession() {
        long patient = newPatient();
        long recliner = newRecliner();
        String location = nurse().body(sessionBody(patient, recliner)).post("/api/sessions")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/sessions/\\d+"))
                .body("state", equalTo("CHECKED_IN"))
                .body("patient.id", equalTo((int) patient))
                .body("recliner.id", equalTo((int) recliner))
                .body("weightKg", equalTo(70.0f))
                .body("protocol.drug", equalTo("ketamine"))
                .body("protocol.doseMgPerKg", equalTo(0.5f))
                .body("protocol.plannedMinutes", equalTo(40))
                .body("protocol.totalDoseMg", equalTo(35.0f))
                .body("createdBy", equalTo("nurse"))
                .body("createdAt", notNullValue())
                .body("startedAt", nullValue())
                .body("closedAt", nullValue())
                .body("allowedTransitions", contains("INFUSING", "STOPPED"))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        nurse().get("/api/sessions/" + id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("state", equalTo("CHECKED_IN"))
                .body("patient.id", equalTo((int) patient))
                .body("recliner.id", equalTo((int) recliner))
                .body("protocol.totalDoseMg", equalTo(35.0f));
    }

    @Test
    void providerAndNurseProviderMayOpenSessions() {
        provider().body(valid()).post("/api/sessions").then().statusCode(201).body("createdBy", equalTo("provider"));
        as("charge").body(valid()).post("/api/sessions").then().statusCode(201).body("createdBy", equalTo("charge"));
    }

    @Test
    void adminMayNotOpenSessionsButMayReadThem() {
        long recliner = newRecliner();
        admin().body(body(newPatient(), recliner, Map.of())).post("/api/sessions").then().statusCode(403)
                .contentType("application/problem+json");
        // the chair stays free
        nurse().body(body(newPatient(), recliner, Map.of())).post("/api/sessions").then().statusCode(201);

        long id = openSession();
        admin().get("/api/sessions/" + id).then().statusCode(200);
        admin().get("/api/sessions").then().statusCode(200).body("id", hasItem((int) id));
    }

    @Test
    void anonymousMayNeitherOpenNorRead() {
        long recliner = newRecliner();
        anonymous().body(body(newPatient(), recliner, Map.of())).post("/api/sessions").then().statusCode(401);
        nurse().body(body(newPatient(), recliner, Map.of())).post("/api/sessions").then().statusCode(201);
        long id = openSession();
        anonymous().get("/api/sessions/" + id).then().statusCode(401);
        anonymous().get("/api/sessions").then().statusCode(401);
    }

    @Test
    void reclinerHoldsOneOpenSession() {
        long recliner = newRecliner();
        long first = nurse().body(body(newPatient(), recliner, Map.of())).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long second = newPatient();
        nurse().body(body(second, recliner, Map.of())).post("/api/sessions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already holds an open session"));
        nurse().get("/api/sessions?patientId=" + second).then().statusCode(200).body("$", org.hamcrest.Matchers.empty());
        nurse().get("/api/sessions?patientId=" + second + "x").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("patientId")).body("violations[0].rule", equalTo("must be a whole number"));

        // once the first session is closed the chair is free again
        transition(first, "STOPPED", "wrong chair");
        nurse().body(body(second, recliner, Map.of())).post("/api/sessions").then().statusCode(201);
    }

    /**
     * A patient was seated in a second recliner while their session in the first was open: two open sessions, and every
     * device message for them refused from then on ("has 2 open sessions").
     */
    @Test
    void aPatientIsInOneReclinerAtATime() {
        long patient = newPatient();
        long first = nurse().body(body(patient, newRecliner(), Map.of())).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long other = newRecliner();
        nurse().body(body(patient, other, Map.of())).post("/api/sessions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already has an open session (" + first + ")"));
        nurse().get("/api/sessions?state=OPEN&patientId=" + patient).then().statusCode(200).body("id", equalTo(java.util.List.of((int) first)));
        nurse().get("/api/recliners").then().body("find { it.id == " + other + " }.session", org.hamcrest.Matchers.nullValue());
        // once the first session is closed the patient may be seated again
        transition(first, "STOPPED", "moved to another chair");
        nurse().body(body(patient, other, Map.of())).post("/api/sessions").then().statusCode(201);
    }

    @Test
    void unknownPatientIsInvalidAndNamesTheField() {
        nurse().body(body(987654321L, newRecliner(), Map.of())).post("/api/sessions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("patientId"))
                .body("violations[0].rule", containsString("987654321"));
    }

    @Test
    void unknownReclinerIsInvalidAndNamesTheField() {
        nurse().body(body(newPatient(), 987654321L, Map.of())).post("/api/sessions")
                .then().statusCode(422)
                .body("violations.field", contains("reclinerId"));
    }

    @Test
    void unknownPatientAndReclinerAreBothNamed() {
        nurse().body(body(987654321L, 987654322L, Map.of())).post("/api/sessions")
                .then().statusCode(422)
                .body("violations.field", containsInAnyOrder("patientId", "reclinerId"));
    }

    @Test
    void missingIdsAreInvalid() {
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "patientId", null)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("patientId"));
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "reclinerId", null)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("reclinerId"));
    }

    @Test
    void implausibleWeightIsInvalid() {
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "weightKg", 0)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("weightKg"));
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "weightKg", null)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("weightKg"));
    }

    @Test
    void protocolFieldsAreValidated() {
        nurse().body(body(newPatient(), newRecliner(), Map.of("doseMgPerKg", 11))).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("protocol.doseMgPerKg"));
        nurse().body(body(newPatient(), newRecliner(), Map.of("plannedMinutes", 4))).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("protocol.plannedMinutes"));
        nurse().body(body(newPatient(), newRecliner(), Map.of("drug", " "))).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("protocol.drug"));
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "protocol", null)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("protocol"));
    }

    @Test
    void moreDecimalsThanTheRecordKeepsAreRefusedNotRounded() {
        long recliner = newRecliner();
        String weight = "{\"patientId\":" + newPatient() + ",\"reclinerId\":" + recliner
                + ",\"weightKg\":70.05,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.5,\"plannedMinutes\":40}}";
        nurse().body(weight).post("/api/sessions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("weightKg"))
                .body("violations[0].rule", equalTo("must have at most 1 decimal"));
        String dose = "{\"patientId\":" + newPatient() + ",\"reclinerId\":" + recliner
                + ",\"weightKg\":70.1,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.555555,\"plannedMinutes\":40}}";
        nurse().body(dose).post("/api/sessions").then().statusCode(422)
                .body("violations.field", contains("protocol.doseMgPerKg"))
                .body("violations[0].rule", equalTo("must have at most 3 decimals"));
        // nothing was stored: the chair is still free; trailing zeros are no extra decimals
        nurse().body(dose.replace("0.555555", "0.5550").replace("70.1,", "70.10,")).post("/api/sessions").then().statusCode(201)
                .body("weightKg", equalTo(70.1f))
                .body("protocol.doseMgPerKg", equalTo(0.555f))
                .body("protocol.totalDoseMg", equalTo(38.9f));
    }

    @Test
    void theAnswerToOpeningShowsWhatALaterReadReturns() {
        String body = "{\"patientId\":" + newPatient() + ",\"reclinerId\":" + newRecliner()
                + ",\"weightKg\":70,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.5,\"plannedMinutes\":40}}";
        JsonPath answer = nurse().body(body).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        JsonPath stored = nurse().get("/api/sessions/" + answer.getLong("id")).then().statusCode(200).extract().jsonPath();
        // compared as parsed, so 70 against 70.0 (an integer against a decimal) is a difference
        assertEquals(stored.<Object>get("weightKg"), answer.get("weightKg"));
        assertEquals(stored.<Object>get("protocol"), answer.get("protocol"));
    }

    @Test
    void invalidInputLeavesTheChairFree() {
        long recliner = newRecliner();
        nurse().body(body(newPatient(), recliner, Map.of("plannedMinutes", 0))).post("/api/sessions").then().statusCode(422);
        nurse().body(body(newPatient(), recliner, Map.of())).post("/api/sessions").then().statusCode(201);
    }

    @Test
    void wrongTypesAreInvalidAndNameTheField() {
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "patientId", "abc")).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("patientId"));
        nurse().body(body(newPatient(), newRecliner(), Map.of("plannedMinutes", "forty"))).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("protocol.plannedMinutes"));
    }

    @Test
    void unknownFieldIsInvalid() {
        nurse().body(body(newPatient(), newRecliner(), Map.of(), "chair", 3)).post("/api/sessions")
                .then().statusCode(422).body("violations.field", contains("chair"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        nurse().body("{\"patientId\": 1,,}").post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        nurse().contentType(ContentType.TEXT).body("patientId=1").post("/api/sessions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownSessionIsNotFound() {
        nurse().get("/api/sessions/987654321").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("987654321"));
    }

    @Test
    void listFiltersByState() {
        long checkedIn = openSession();
        long infusing = infusingSession();
        long stopped = openSession();
        transition(stopped, "STOPPED", "cancelled");

        nurse().get("/api/sessions?state=CHECKED_IN").then().statusCode(200)
                .body("id", hasItem((int) checkedIn))
                .body("id", not(hasItem((int) infusing)))
                .body("id", not(hasItem((int) stopped)))
                .body("state", everyItem(equalTo("CHECKED_IN")));
        nurse().get("/api/sessions?state=infusing").then().statusCode(200)
                .body("id", hasItem((int) infusing))
                .body("id", not(hasItem((int) checkedIn)))
                .body("state", everyItem(equalTo("INFUSING")));
        nurse().get("/api/sessions?state=OPEN").then().statusCode(200)
                .body("id", hasItem((int) checkedIn))
                .body("id", hasItem((int) infusing))
                .body("id", not(hasItem((int) stopped)));
        nurse().get("/api/sessions?state=CLOSED").then().statusCode(200)
                .body("id", hasItem((int) stopped))
                .body("id", not(hasItem((int) infusing)))
                .body("state", everyItem(org.hamcrest.Matchers.oneOf("DISCHARGED", "STOPPED")));
        nurse().get("/api/sessions?state=STOPPED").then().statusCode(200)
                .body("id", hasItem((int) stopped));
        nurse().get("/api/sessions").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems((int) checkedIn, (int) infusing, (int) stopped));
    }

    @Test
    void closedSessionsAreListedNewestFirstWithTheirPatientAndRecliner() {
        long older = openSession();
        long newer = openSession();
        transition(older, "STOPPED", "older");
        transition(newer, "STOPPED", "newer");
        io.restassured.path.json.JsonPath list = nurse().get("/api/sessions?state=CLOSED").then().statusCode(200)
                .extract().jsonPath();
        java.util.List<Integer> ids = list.getList("id");
        org.junit.jupiter.api.Assertions.assertTrue(ids.indexOf((int) newer) >= 0 && ids.indexOf((int) newer) < ids.indexOf((int) older),
                "newer session " + newer + " listed before older " + older + ": " + ids);
        int at = ids.indexOf((int) newer);
        org.junit.jupiter.api.Assertions.assertNotNull(list.get("[" + at + "].patient.mrn"), "the patient comes with the session");
        org.junit.jupiter.api.Assertions.assertNotNull(list.get("[" + at + "].recliner.name"), "the recliner comes with the session");
        org.junit.jupiter.api.Assertions.assertTrue(ids.size() <= 200, "one page of at most 200: " + ids.size());
    }

    @Test
    void listIsNewestFirst() {
        long older = openSession();
        long newer = openSession();
        java.util.List<Integer> ids = nurse().get("/api/sessions?state=CHECKED_IN").then().statusCode(200)
                .extract().jsonPath().getList("id");
        org.junit.jupiter.api.Assertions.assertTrue(ids.indexOf((int) newer) < ids.indexOf((int) older),
                "newer session " + newer + " listed before older " + older + ": " + ids);
    }

    @Test
    void listFiltersByPatient() {
        long patient = newPatient();
        long id = nurse().body(body(patient, newRecliner(), Map.of())).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        openSession();
        nurse().get("/api/sessions?patientId=" + patient).then().statusCode(200).body("id", contains((int) id));
    }

    @Test
    void unknownStateFilterIsInvalid() {
        nurse().get("/api/sessions?state=ASLEEP").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("state"));
    }

    @Test
    void sessionShowsItsProgress() {
        long id = openSession();
        chart(id, Map.of("systolic", 118, "diastolic", 76, "heartRate", 64, "spo2", 99));
        transition(id, "INFUSING", null);
        nurse().get("/api/sessions/" + id).then().statusCode(200)
                .body("state", equalTo("INFUSING"))
                .body("startedAt", notNullValue())
                .body("lastReadingTakenAt", notNullValue())
                .body("nextChartingDue", notNullValue())
                .body("allowedTransitions", contains("PAUSED", "RECOVERY", "STOPPED"));
    }

    @Test
    void lastReadingTimeFollowsTheNewestReadingAndChartingLeavesTheSessionItself() {
        long id = infusingSession();
        long version = QuarkusTransaction.requiringNew().call(() -> InfusionSession.<InfusionSession>findById(id).version);
        // the session was created moments ago: the earlier reading is still after that (and the newest within the
        // minute of clock skew allowed)
        Instant earlier = Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        Instant newest = earlier.plusSeconds(20);
        chart(id, Map.of("systolic", 118, "diastolic", 76, "heartRate", 64, "spo2", 99, "takenAt", newest.toString()));
        // a reading charted late, for a time before the newest, leaves the time of the newest
        chart(id, Map.of("systolic", 119, "diastolic", 77, "heartRate", 65, "spo2", 98, "takenAt", earlier.toString()));

        nurse().get("/api/sessions/" + id).then().statusCode(200)
                .body("lastReadingTakenAt", equalTo(newest.toString()));
        // a provider's edit of the session (its version) is not overtaken by the readings charted meanwhile
        assertEquals(version, QuarkusTransaction.requiringNew().call(() -> InfusionSession.<InfusionSession>findById(id).version));
    }
}
