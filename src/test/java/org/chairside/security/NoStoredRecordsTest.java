package org.chairside.security;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** No answer of the API is kept in a browser's or a proxy's cache; the dashboard's files are, to be revalidated. */
@QuarkusTest
class NoStoredRecordsTest {

    @Test
    void recordsAreNeverStoredWhateverTheirAnswer() {
        long session = infusingSession();
        // a view, a list written as bytes, a write, a refusal, a 404 and the FHIR export alike
        nurse().get("/api/sessions/" + session).then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        nurse().body(Map.of("heartRate", 74)).post("/api/sessions/" + session + "/readings").then().statusCode(201)
                .header("Cache-Control", equalTo("no-store"));
        nurse().body(Map.of("heartRate", 999)).post("/api/sessions/" + session + "/readings").then().statusCode(422)
                .header("Cache-Control", equalTo("no-store"));
        nurse().get("/api/sessions/999999999").then().statusCode(404).header("Cache-Control", equalTo("no-store"));
        nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        nurse().get("/api/me").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void theDashboardsOwnFilesAreCachedToBeRevalidated() {
        RestAssured.given().get("/").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
    }
}
