package org.chairside.vitals;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChartingTest {

    @Test
    void aNormalReadingIsStoredWithWhoAndWhenAndRaisesNothing() {
        long session = infusingSession();
        nurse().body(Map.of("systolic", 124, "diastolic", 82, "heartRate", 75, "spo2", 97, "respiratoryRate", 14, "temperatureC", 36.7))
                .post("/api/sessions/" + session + "/readings")
                .then().statusCode(201)
                .header("Location", containsString("/api/readings/"))
                .body("reading.systolic", equalTo(124))
                .body("reading.temperatureC", equalTo(36.7f))
                .body("reading.chartedBy", equalTo("nurse"))
                .body("reading.source", equalTo("MANUAL"))
                .body("reading.phase", equalTo("INFUSING"))
                .body("reading.baseline", equalTo(false))
                .body("reading.takenAt", notNullValue())
                .body("alerts", empty());
    }

    @Test
    void readingsAreListedInTakenAtOrderNotEntryOrder() {
        long session = openSession();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        chart(session, Map.of("heartRate", 70, "takenAt", now.plusSeconds(40).toString()));
        chart(session, Map.of("heartRate", 71, "takenAt", now.plusSeconds(5).toString()));
        nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                .body("heartRate", equalTo(java.util.List.of(71, 70)));
    }

    /** 36.74 was stored as 36.7: what the nurse typed is never altered, as a weight or a dose is not. */
    @Test
    void aTemperatureWithMoreDecimalsThanChartedIsRefusedAndNothingIsStored() {
        long session = infusingSession();
        int before = nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath().getList("$").size();
        nurse().body(Map.of("heartRate", 75, "temperatureC", 36.74)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("temperatureC"))
                .body("violations[0].rule", equalTo("must have at most 1 decimal"));
        nurse().get("/api/sessions/" + session + "/readings").then().body("$", hasSize(before));
        long reading = chart(session, Map.of("heartRate", 75, "temperatureC", 36.70)).getLong("reading.id");
        nurse().body(Map.of("heartRate", 75, "temperatureC", 36.75, "reason", "misread")).post("/api/readings/" + reading + "/amendments")
                .then().statusCode(422).body("violations.field", contains("temperatureC"));
        nurse().get("/api/readings/" + reading).then().body("temperatureC", equalTo(36.7f)).body("amended", equalTo(false));
    }

    @Test
    void implausibleValuesAreRejectedNamingEachFieldAndNothingIsStored() {
        long session = infusingSession();
        int before = nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath().getList("$").size();
        nurse().body(Map.of("systolic", 301, "diastolic", 19, "heartRate", 19, "spo2", 101, "respiratoryRate", 81, "temperatureC", 45.1))
                .post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("violations.field", hasItem("systolic"))
                .body("violations.field", hasItem("diastolic"))
                .body("violations.field", hasItem("heartRate"))
                .body("violations.field", hasItem("spo2"))
                .body("violations.field", hasItem("respiratoryRate"))
                .body("violations.field", hasItem("temperatureC"))
                .body("violations.rule", hasItem(containsString("plausible range 40-300")));
        nurse().get("/api/sessions/" + session + "/readings").then().body("$", hasSize(before));
    }

    @Test
    void bloodPressureRulesAreEnforced() {
        long session = infusingSession();
        nurse().body(Map.of("systolic", 120)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("diastolic"))
                .body("violations[0].rule", containsString("together"));
        nurse().body(Map.of("systolic", 80, "diastolic", 80)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("systolic"))
                .body("violations[0].rule", equalTo("must be above diastolic"));
        nurse().body(Map.of()).post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("vitals"));
    }

    @Test
    void takenAtMustLieBetweenSessionStartAndNowPlusSkew() {
        long session = infusingSession();
        nurse().body(Map.of("heartRate", 80, "takenAt", Instant.now().plusSeconds(120).toString()))
                .post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("takenAt"))
                .body("violations[0].rule", containsString("future"));
        nurse().body(Map.of("heartRate", 80, "takenAt", Instant.now().plusSeconds(30).toString()))
                .post("/api/sessions/" + session + "/readings").then().statusCode(201);
        nurse().body(Map.of("heartRate", 80, "takenAt", Instant.now().minus(2, ChronoUnit.DAYS).toString()))
                .post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("takenAt"))
                .body("violations[0].rule", containsString("before the session was created"));
    }

    @Test
    void malformedAndMistypedBodiesAreClear4xx() {
        long session = infusingSession();
        nurse().body("{\"systolic\": ").post("/api/sessions/" + session + "/readings")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        nurse().body("{\"systolic\": \"high\", \"diastolic\": 80}").post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("systolic")).body("violations[0].rule", equalTo("must be a whole number"));
        nurse().body("{\"sytolic\": 120}").post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("sytolic"))
                .body("violations[0].rule", equalTo("is not a known field"));
        nurse().body("{\"heartRate\": 80, \"takenAt\": \"yesterday\"}").post("/api/sessions/" + session + "/readings")
                .then().statusCode(422).body("violations[0].field", equalTo("takenAt"));
        nurse().contentType(ContentType.TEXT).body("120/80").post("/api/sessions/" + session + "/readings")
                .then().statusCode(415).contentType("application/problem+json");
        nurse().body("null").post("/api/sessions/" + session + "/readings").then().statusCode(422);
    }

    @Test
    void unknownAndClosedSessionsRefuseReadings() {
        nurse().body(Map.of("heartRate", 80)).post("/api/sessions/987654321/readings")
                .then().statusCode(404).contentType("application/problem+json");
        nurse().get("/api/sessions/987654321/readings").then().statusCode(404);
        long session = openSession();
        transition(session, "STOPPED", "patient declined");
        nurse().body(Map.of("heartRate", 80)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(409).body("detail", containsString("closed"));
    }

    @Test
    void rolesAreEnforced() {
        long session = infusingSession();
        anonymous().body(Map.of("heartRate", 80)).post("/api/sessions/" + session + "/readings").then().statusCode(401);
        anonymous().get("/api/sessions/" + session + "/readings").then().statusCode(401);
        org.chairside.TestClinic.admin().body(Map.of("heartRate", 80)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(403).contentType("application/problem+json");
        org.chairside.TestClinic.admin().get("/api/sessions/" + session + "/readings").then().statusCode(200);
        as("provider").body(Map.of("heartRate", 80)).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .body("reading.chartedBy", equalTo("provider"));
        as("nurse").given().auth().preemptive().basic("nurse", "wrong-password").get("/api/sessions/" + session + "/readings")
                .then().statusCode(401);
    }

    @Test
    void readingsBeforeTheInfusionFormTheBaseline() {
        long session = openSession();
        chart(session, Map.of("systolic", 118, "diastolic", 76));
        var complete = chart(session, Map.of("systolic", 122, "diastolic", 78, "heartRate", 70, "spo2", 99));
        assertEquals(true, complete.getBoolean("reading.baseline"));
        transition(session, "INFUSING", null);
        var after = chart(session, Map.of("systolic", 130, "diastolic", 80));
        assertEquals(false, after.getBoolean("reading.baseline"));
        // a rise over the baseline's 122 systolic by 40 raises BP_RISE, measured from the complete baseline
        nurse().body(Map.of("systolic", 162, "diastolic", 85)).post("/api/sessions/" + session + "/readings")
                .then().statusCode(201).body("alerts.condition", hasItem("BP_RISE"))
                .body("alerts.find { it.condition == 'BP_RISE' }.message", containsString("over baseline 122"));
    }

    @Test
    void aReadingCanBeFetchedById() {
        long session = infusingSession();
        long id = chart(session, Map.of("spo2", 96)).getLong("reading.id");
        nurse().get("/api/readings/" + id).then().statusCode(200).body("spo2", equalTo(96)).body("amended", equalTo(false))
                .body("amendsId", nullValue());
        nurse().get("/api/readings/999999999").then().statusCode(404);
    }
}
