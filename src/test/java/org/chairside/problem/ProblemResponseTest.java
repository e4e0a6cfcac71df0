package org.chairside.problem;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.sessionBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Every error is an RFC 9457 problem document: application/problem+json with status, title and detail. */
@QuarkusTest
class ProblemResponseTest {
    private static final String PROBLEM = "application/problem+json";

    private static void isProblem(ValidatableResponse r, int status) {
        r.statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()));
    }

    @Test
    void malformedJson() {
        isProblem(nurse().body("{not json").post("/api/patients").then(), 400);
    }

    @Test
    void wrongJsonType() {
        isProblem(nurse().body(Map.of("mrn", "X1", "givenName", "A", "familyName", "B", "birthDate", "1970-01-01",
                "weightKg", "heavy")).post("/api/patients").then(), 422);
    }

    @Test
    void aFieldGivenTwiceIsRefusedNamingIt() {
        long session = org.chairside.TestClinic.infusingSession();
        nurse().contentType("application/json").body("{\"spo2\":98,\"heartRate\":72,\"spo2\":85}")
                .post("/api/sessions/" + session + "/readings").then().statusCode(422).contentType(PROBLEM)
                .body("violations[0].field", equalTo("spo2")).body("violations[0].rule", org.hamcrest.Matchers.containsString("twice"));
        nurse().contentType("application/json")
                .body("{\"mrn\":\"DUPK-1\",\"givenName\":\"A\",\"familyName\":\"B\",\"birthDate\":\"1970-01-01\",\"mrn\":\"DUPK-2\"}")
                .post("/api/patients").then().statusCode(422).body("violations[0].field", equalTo("mrn"));
        nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aFractionInAWholeNumberFieldIsRefusedNotCut() {
        long session = org.chairside.TestClinic.infusingSession();
        for (String body : new String[] {"{\"spo2\":87.9}", "{\"systolic\":300.9,\"diastolic\":80}", "{\"heartRate\":72.0}"}) {
            nurse().contentType("application/json").body(body).post("/api/sessions/" + session + "/readings").then()
                    .statusCode(422).contentType(PROBLEM).body("violations[0].rule", equalTo("must be a whole number"));
        }
        // one reading: the baseline the session was opened with; none of the three above was stored
        nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).body("size()", equalTo(1));
        nurse().contentType("application/json").body("{\"temperatureC\":37.2,\"spo2\":97}")
                .post("/api/sessions/" + session + "/readings").then().statusCode(201);
    }

    @Test
    void validation() {
        isProblem(nurse().body(Map.of("mrn", "")).post("/api/patients").then(), 422);
    }

    @Test
    void notFound() {
        isProblem(nurse().get("/api/sessions/987654321").then(), 404);
    }

    @Test
    void unknownPath() {
        isProblem(nurse().get("/api/no-such-thing").then(), 404);
    }

    @Test
    void conflict() {
        long recliner = newRecliner();
        nurse().body(sessionBody(newPatient(), recliner)).post("/api/sessions").then().statusCode(201);
        isProblem(nurse().body(sessionBody(newPatient(), recliner)).post("/api/sessions").then(), 409);
    }

    @Test
    void unsupportedMediaType() {
        isProblem(nurse().contentType(ContentType.XML).body("<patient/>").post("/api/patients").then(), 415);
    }

    @Test
    void methodNotAllowed() {
        isProblem(nurse().delete("/api/patients").then(), 405);
    }

    @Test
    void forbidden() {
        isProblem(nurse().body(Map.of("name", "x")).post("/api/recliners").then(), 403);
    }

    @Test
    void unauthorized() {
        isProblem(anonymous().get("/api/patients").then(), 401);
    }

    @Test
    void wrongPassword() {
        isProblem(io.restassured.RestAssured.given().auth().preemptive().basic("admin", "wrong-password")
                .get("/api/patients").then(), 401);
    }

    @Test
    void adminSeesProblemsToo() {
        isProblem(admin().get("/api/patients/987654321").then(), 404);
    }
}
