package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.unique;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords for one username from one address: the fifth locks that pair for {@code chairside.security.login-lockout}
 * (5 minutes); locked, even the right password is answered 429 without a password check. The sequences and the
 * lock's end are in {@link LoginThrottleTest}; the tallies are in the database, shared by every instance.
 */
@QuarkusTest
class LoginLockoutTest {
    @Inject
    FailedLogins failedLogins;

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
        // had the second right password not forgotten them, the first of these would be the fifth failure
        for (int i = 0; i < 4; i++) {
            me(user, "guess-once-more-" + i).statusCode(401);
        }
        me(user, PASSWORD).statusCode(200);
    }

    @Test
    void aNameLongerThanAnyUsersIsThrottledLikeAnyOther() {
        String longName = "x".repeat(200);
        for (int i = 0; i < 5; i++) {
            me(longName, "guess-number-" + i).statusCode(401);
        }
        me(longName, "guess-number-5").statusCode(429);
    }

    @Test
    void aLockWrittenByAnotherInstanceRefusesHere() {
        String user = newUser();
        me(user, PASSWORD).statusCode(200);
        me(user, "a-wrong-one").statusCode(401); // this instance forgets the remembered password
        // What another instance behind the balancer wrote after five wrong passwords from this address.
        QuarkusTransaction.requiringNew().run(() -> {
            LoginFailure row = LoginFailure.find("username", user).singleResult();
            row.set(new LoginThrottle.Tally(0, Instant.now(), Instant.now().plusSeconds(120)));
        });
        me(user, PASSWORD).statusCode(429).header("Retry-After", matchesPattern("1[01]\\d|120"));
    }

    @Test
    void talliesWhoseFailuresAndLockRanOutAreDeleted() {
        String ranOut = newUser();
        String locked = newUser();
        String counting = newUser();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            tally(ranOut, new LoginThrottle.Tally(3, now.minusSeconds(301), null));
            tally(locked, new LoginThrottle.Tally(0, now.minusSeconds(400), now.plusSeconds(100)));
            tally(counting, new LoginThrottle.Tally(2, now.minusSeconds(200), null));
        });
        assertTrue(failedLogins.forgetExpired() >= 1);
        QuarkusTransaction.requiringNew().run(() -> {
            assertNull(LoginFailure.findById(new LoginFailure.Key(ranOut, "10.9.9.9")));
            assertNotNull(LoginFailure.findById(new LoginFailure.Key(locked, "10.9.9.9")));
            assertNotNull(LoginFailure.findById(new LoginFailure.Key(counting, "10.9.9.9")));
        });
    }

    private static void tally(String username, LoginThrottle.Tally tally) {
        LoginFailure row = new LoginFailure();
        row.username = username;
        row.client = "10.9.9.9";
        row.set(tally);
        row.persist();
    }
}
