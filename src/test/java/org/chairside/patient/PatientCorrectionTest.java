package org.chairside.patient;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.live.SseClient;

/** {@code PUT /api/patients/{id}}: correcting a patient's details, audited, and shown on the live boards. */
@QuarkusTest
class PatientCorrectionTest {
    @TestHTTPResource("/")
    URL app;

    private static Map<String, Object> recordOf(long id) {
        Map<String, Object> record = new HashMap<>(nurse().get("/api/patients/" + id).then().statusCode(200).extract().jsonPath().getMap("$"));
        record.remove("id");
        return record;
    }

    @Test
    void aNurseCorrectsAMisspeltNameAndTheTrailKeepsTheOldOne() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        String before = (String) record.get("familyName");
        record.put("familyName", "Corrected-" + before);
        record.put("weightKg", 71.5);

        nurse().body(record).put("/api/patients/" + id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("familyName", equalTo("Corrected-" + before))
                .body("weightKg", equalTo(71.5f));
        nurse().get("/api/patients/" + id).then().body("familyName", equalTo("Corrected-" + before));
        admin().queryParam("entity", "patient").queryParam("entityId", id).get("/api/audit")
                .then().statusCode(200)
                .body("items.action", contains("UPDATE"))
                .body("items[0].actor", equalTo("nurse"))
                .body("items[0].subject", startsWith("Corrected-" + before + ", Test (MRN "))
                .body("items[0].detail", equalTo("familyName: " + before + " -> Corrected-" + before + "; weightKg: 70.0 -> 71.5"));
    }

    @Test
    void theSameDetailsAgainChangeNothingAndAreNotAudited() {
        long id = newPatient();
        provider().body(recordOf(id)).put("/api/patients/" + id).then().statusCode(200);
        admin().queryParam("entity", "patient").queryParam("entityId", id).get("/api/audit")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aWeightWithMoreDecimalsThanTheRecordKeepsIsRefusedNotRoundedNorAudited() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        record.put("weightKg", new BigDecimal("60.04"));
        for (int i = 0; i < 2; i++) {
            nurse().body(record).put("/api/patients/" + id)
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("weightKg"))
                    .body("violations[0].rule", equalTo("must have at most 1 decimal"));
        }
        nurse().get("/api/patients/" + id).then().body("weightKg", equalTo(70.0f));
        admin().queryParam("entity", "patient").queryParam("entityId", id).get("/api/audit")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theAnswerToACorrectionShowsWhatALaterReadReturnsAndRepeatingItIsNotAudited() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        record.put("weightKg", 60);
        JsonPath answer = nurse().body(record).put("/api/patients/" + id).then().statusCode(200).extract().jsonPath();
        JsonPath stored = nurse().get("/api/patients/" + id).then().statusCode(200).extract().jsonPath();
        // compared as parsed, so 60 against 60.0 (an integer against a decimal) is a difference
        assertEquals(stored.<Object>get("$"), answer.get("$"));
        nurse().body(record).put("/api/patients/" + id).then().statusCode(200);
        admin().queryParam("entity", "patient").queryParam("entityId", id).get("/api/audit")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].detail", equalTo("weightKg: 70.0 -> 60.0"));
    }

    @Test
    void aBirthDateBeforeTheEarliestPlausibleIsRefusedAndNothingChanges() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        record.put("birthDate", "1582-10-10");
        record.put("givenName", "Changed");
        nurse().body(record).put("/api/patients/" + id)
                .then().statusCode(422)
                .body("violations.field", contains("birthDate"))
                .body("violations[0].rule", equalTo("must be from 1900-01-01 and in the past"));
        nurse().get("/api/patients/" + id).then().body("birthDate", equalTo("1975-05-05")).body("givenName", equalTo("Test"));
    }

    @Test
    void anMrnAnotherPatientHoldsIsAConflictAndNothingChanges() {
        long id = newPatient();
        String othersMrn = nurse().get("/api/patients/" + newPatient()).then().extract().path("mrn");
        Map<String, Object> record = recordOf(id);
        String mine = (String) record.get("mrn");
        record.put("mrn", othersMrn);
        record.put("givenName", "Changed");
        nurse().body(record).put("/api/patients/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(othersMrn));
        nurse().get("/api/patients/" + id).then().body("mrn", equalTo(mine)).body("givenName", equalTo("Test"));
    }

    @Test
    void badDetailsAreNamedAndNothingChanges() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        record.put("mrn", "has spaces");
        record.put("birthDate", "2999-01-01");
        record.put("weightKg", 900);
        nurse().body(record).put("/api/patients/" + id)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("mrn", "birthDate", "weightKg"));
        Map<String, Object> missing = recordOf(id);
        missing.remove("familyName");
        nurse().body(missing).put("/api/patients/" + id).then().statusCode(422).body("violations.field", contains("familyName"));
        nurse().body("{\"mrn\": ").put("/api/patients/" + id).then().statusCode(400);
        nurse().get("/api/patients/" + id).then().body("familyName", startsWith("Patient"));
    }

    @Test
    void unknownPatientIsNotFound() {
        Map<String, Object> record = recordOf(newPatient());
        record.put("mrn", unique("MRN"));
        nurse().body(record).put("/api/patients/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyNursesAndProvidersCorrectPatients() {
        long id = newPatient();
        Map<String, Object> record = recordOf(id);
        record.put("givenName", "Taken");
        admin().body(record).put("/api/patients/" + id).then().statusCode(403).contentType("application/problem+json");
        anonymous().body(record).put("/api/patients/" + id).then().statusCode(401);
        nurse().get("/api/patients/" + id).then().body("givenName", equalTo("Test"));
    }

    @Test
    void theBoardsShowTheCorrectedNameOfAPatientInAChair() throws Exception {
        long session = TestClinic.infusingSession();
        long patient = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getLong("patient.id");
        try (SseClient board = SseClient.connect(app.toURI(), "provider", TestClinic.PASSWORD, null)) {
            Map<String, Object> record = recordOf(patient);
            record.put("givenName", "Renamed");
            nurse().body(record).put("/api/patients/" + patient).then().statusCode(200);

            SseClient.Event e = board.await(ev -> ev.type().equals("session") && ev.data().contains("\"id\":" + session + ","),
                    Duration.ofSeconds(10));
            assertTrue(e.data().contains("\"givenName\":\"Renamed\""), e.data());
            assertTrue(e.data().contains("\"state\":\"INFUSING\""), e.data());
        }
        nurse().get("/api/sessions/" + session).then().body("patient.givenName", equalTo("Renamed"));
    }
}
