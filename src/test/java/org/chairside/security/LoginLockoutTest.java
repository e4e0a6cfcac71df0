package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords for one username from one address: the fifth locks that pair for {@code chairside.security.login-lockout}
 * (5 minutes); locked, even the right password is answered 429 without a password check. The sequences and the
 * lock's end are in {@link LoginThrottleTest}.
 */
@QuarkusTest
class LoginLockoutTest {
    private static final String PASSWORD = "lockout-password-1";

    private static String newUser() {
        String name = unique("guessed").toLowerCase();
        admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of("NURSE"))).post("/api/users").then().statusCode(201);
        return name;
    }

    private static io.restassured.response.ValidatableResponse me(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/me").then();
    }

    @Test
    void theFifthWrongPasswordLocksTheNameFromThisAddressForBasicAndTheLoginForm() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            me(user, "guess-number-" + i).statusCode(401);
        }
        me(user, PASSWORD)
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+"))
                .header("WWW-Authenticate", nullValue())
                .body("status", equalTo(429))
                .body("title", equalTo("Too many failed logins"))
                .body("detail", containsString("try again after"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(429).contentType("application/problem+json");
        // another user from the same address is not touched
        String other = newUser();
        me(other, PASSWORD).statusCode(200);
    }

    @Test
    void aRightPasswordInBetweenForgetsTheWrongOnes() {
        String user = newUser();
        for (int i = 0; i < 4; i++) {
            me(user, "guess-number-" + i).statusCode(401);
        }
        me(user, PASSWORD).statusCode(200);
        for (int i = 0; i < 4; i++) {
            me(user, "guess-again-" + i).statusCode(401);
        }
        me(user, PASSWORD).statusCode(200);
    }
}
