package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health is open to monitoring without a login; every /api resource needs one. */
@QuarkusTest
class AccessTest {

    @Test
    void healthNeedsNoLogin() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyApiResourceNeedsALogin() {
        for (String path : new String[] {"/api/me", "/api/users", "/api/patients", "/api/patients/1", "/api/recliners",
                "/api/sessions", "/api/sessions/1", "/api/sessions/1/transitions", "/api/sessions/1/thresholds",
                "/api/thresholds"}) {
            anonymous().get(path).then().statusCode(401);
        }
    }

    @Test
    void writesNeedALoginBeforeTheBodyIsEvenRead() {
        for (String path : new String[] {"/api/users", "/api/patients", "/api/recliners", "/api/sessions",
                "/api/sessions/1/transitions"}) {
            anonymous().body("{not json").post(path).then().statusCode(401);
        }
        anonymous().body("{not json").put("/api/thresholds").then().statusCode(401);
        anonymous().body("{not json").put("/api/sessions/1/thresholds").then().statusCode(401);
    }

    @Test
    void missingLoginIsAProblemDocument() {
        anonymous().get("/api/patients").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void operationalEndpointsOtherThanHealthNeedALogin() {
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
    }

    @Test
    void loggedInUserReachesTheApi() {
        nurse().get("/api/sessions").then().statusCode(200);
    }

    @Test
    void basicClientsAreChallengedButThePagesScriptsAreNot() {
        anonymous().get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
        anonymous().header("X-Requested-With", "chairside").get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue())
                .contentType("application/problem+json");
    }
}
