package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.audit.AuditEntry;
import org.chairside.live.SseClient;

/**
 * What an admin does when someone leaves, changes job or forgets their password, and a user changing their own
 * password: {@code GET /api/users/{id}}, {@code POST /api/users/{id}/disable|enable}, {@code PUT /api/users/{id}/roles},
 * {@code PUT /api/users/{id}/password}, {@code PUT /api/me/password}. Every change takes effect on the next request,
 * although the server remembers a checked login for minutes.
 */
@QuarkusTest
class UserAccessTest {
    private static final String PASSWORD = "first-password-1";

    @TestHTTPResource("/")
    URL app;

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private record User(long id, String name) {
    }

    private static User newUser(String... roles) {
        String name = unique("staff").toLowerCase();
        long id = admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of(roles)))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        return new User(id, name);
    }

    private static RequestSpecification as(User user, String password) {
        return given().auth().preemptive().basic(user.name(), password).contentType("application/json");
    }

    private static Response formLogin(String user, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    private static long audited(String action, long userId) {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.count("action = ?1 and entity = 'user' and entityId = ?2", action, Long.toString(userId)));
    }

    // ------------------------------------------------------------------ disable and enable

    @Test
    void aDisabledUserIsRefusedAtOnceByPasswordAndByTheirLoginCookie() {
        User leaver = newUser("NURSE");
        // checked once: the server now remembers this login for chairside.security.remember-login
        as(leaver, PASSWORD).get("/api/me").then().statusCode(200);
        Map<String, String> cookies = formLogin(leaver.name(), PASSWORD).then().statusCode(200).extract().cookies();
        assertNotNull(cookies.get("quarkus-credential"));
        given().cookies(cookies).get("/api/me").then().statusCode(200);

        admin().post("/api/users/" + leaver.id() + "/disable")
                .then().statusCode(200)
                .body("username", equalTo(leaver.name()))
                .body("active", equalTo(false))
                .body("disabledBy", equalTo("admin"))
                .body("disabledAt", notNullValue());

        as(leaver, PASSWORD).get("/api/me").then().statusCode(401);
        given().cookies(cookies).get("/api/me").then().statusCode(401);
        // the dashboard's stream, reconnecting with the cookie: refused as plainly as a missing login
        given().cookies(cookies).queryParam("requestedWith", "chairside").get("/api/stream")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", nullValue());
        formLogin(leaver.name(), PASSWORD).then().statusCode(401);
        admin().get("/api/users").then().statusCode(200)
                .body("find { it.username == '" + leaver.name() + "' }.active", equalTo(false));
        assertEquals(1, audited("DISABLE", leaver.id()));
    }

    @Test
    void anEnabledUserMayLogInAgainWithTheirPasswordAndRoles() {
        User returner = newUser("PROVIDER");
        admin().post("/api/users/" + returner.id() + "/disable").then().statusCode(200);
        as(returner, PASSWORD).get("/api/me").then().statusCode(401);

        admin().post("/api/users/" + returner.id() + "/enable")
                .then().statusCode(200)
                .body("active", equalTo(true))
                .body("disabledAt", nullValue())
                .body("disabledBy", nullValue());

        as(returner, PASSWORD).get("/api/me").then().statusCode(200).body("roles", contains("PROVIDER"));
        assertEquals(1, audited("ENABLE", returner.id()));
    }

    @Test
    void disablingTwiceKeepsTheFirstTimeAndEnablingAnActiveUserChangesNothing() {
        User user = newUser("NURSE");
        String first = admin().post("/api/users/" + user.id() + "/disable").then().statusCode(200).extract().path("disabledAt");
        admin().post("/api/users/" + user.id() + "/disable").then().statusCode(200).body("disabledAt", equalTo(first));
        assertEquals(1, audited("DISABLE", user.id()));

        User active = newUser("NURSE");
        admin().post("/api/users/" + active.id() + "/enable").then().statusCode(200).body("active", equalTo(true));
        assertEquals(0, audited("ENABLE", active.id()));
    }

    @Test
    void disablingEndsTheUsersOpenStreamsAndRefusesTheirReconnect() throws Exception {
        User leaver = newUser("NURSE");
        long session = TestClinic.infusingSession();
        try (SseClient leaversStream = SseClient.connect(app.toURI(), leaver.name(), PASSWORD, null);
             SseClient provider = SseClient.connect(app.toURI(), "provider", TestClinic.PASSWORD, null)) {
            assertEquals(200, leaversStream.status());
            admin().post("/api/users/" + leaver.id() + "/disable").then().statusCode(200);

            assertTrue(leaversStream.awaitEnd(Duration.ofSeconds(10)), "the disabled user's stream ended");
            try (SseClient again = SseClient.connect(app.toURI(), leaver.name(), PASSWORD, null)) {
                assertEquals(401, again.status());
            }
            long reading = TestClinic.chart(session, Map.of("heartRate", 78)).getLong("reading.id");
            provider.await(e -> e.type().equals("reading") && e.data().contains("\"id\":" + reading), Duration.ofSeconds(10));
            assertFalse(provider.awaitEnd(Duration.ofMillis(200)), "another user's stream stays open");
        }
    }

    @Test
    void anAdminMayNotDisableThemselves() {
        long adminId = admin().get("/api/users").then().extract().jsonPath().getLong("find { it.username == 'admin' }.id");
        admin().post("/api/users/" + adminId + "/disable")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("disable yourself"));
        admin().get("/api/me").then().statusCode(200);
        admin().get("/api/users/" + adminId).then().statusCode(200).body("active", equalTo(true));
    }

    // ------------------------------------------------------------------ roles

    @Test
    void newRolesApplyFromTheNextRequest() {
        User user = newUser("NURSE");
        as(user, PASSWORD).get("/api/users").then().statusCode(403);

        admin().body(Map.of("roles", List.of("PROVIDER", "ADMIN", "ADMIN")))
                .put("/api/users/" + user.id() + "/roles")
                .then().statusCode(200)
                .body("roles", contains("PROVIDER", "ADMIN"));

        as(user, PASSWORD).get("/api/users").then().statusCode(200);
        as(user, PASSWORD).get("/api/me").then().body("roles", contains("ADMIN", "PROVIDER"));
        assertEquals(1, audited("ROLES", user.id()));
        // the same roles again: nothing to record
        admin().body(Map.of("roles", List.of("PROVIDER", "ADMIN"))).put("/api/users/" + user.id() + "/roles").then().statusCode(200);
        assertEquals(1, audited("ROLES", user.id()));
    }

    @Test
    void anAdminMayNotTakeAwayTheirOwnAdminRole() {
        long adminId = admin().get("/api/users").then().extract().jsonPath().getLong("find { it.username == 'admin' }.id");
        admin().body(Map.of("roles", List.of("PROVIDER")))
                .put("/api/users/" + adminId + "/roles")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("ADMIN role"));
        admin().get("/api/users/" + adminId).then().body("roles", contains("ADMIN"));
    }

    @Test
    void rolesMustBeKnownAndAtLeastOne() {
        User user = newUser("NURSE");
        admin().body(Map.of("roles", List.of())).put("/api/users/" + user.id() + "/roles")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("roles"));
        admin().body(Map.of("roles", List.of("NURSE", "JANITOR"))).put("/api/users/" + user.id() + "/roles")
                .then().statusCode(422)
                .body("violations.field", contains("roles[1]"))
                .body("violations[0].rule", containsString("NURSE, PROVIDER or ADMIN"));
        admin().body(Map.of("role", "ADMIN")).put("/api/users/" + user.id() + "/roles")
                .then().statusCode(422)
                .body("violations.field", contains("role"));
        admin().get("/api/users/" + user.id()).then().body("roles", contains("NURSE"));
    }

    // ------------------------------------------------------------------ passwords

    @Test
    void anAdminSetsAPasswordAndTheOldOneStopsWorkingAtOnce() {
        User user = newUser("NURSE");
        as(user, PASSWORD).get("/api/me").then().statusCode(200);

        admin().body(Map.of("password", "second-password-2")).put("/api/users/" + user.id() + "/password")
                .then().statusCode(204);

        as(user, PASSWORD).get("/api/me").then().statusCode(401);
        as(user, "second-password-2").get("/api/me").then().statusCode(200);
        assertEquals(1, audited("PASSWORD_SET", user.id()));
    }

    @Test
    void aPasswordAnAdminSetsFollowsTheRules() {
        User user = newUser("NURSE");
        admin().body(Map.of("password", "short")).put("/api/users/" + user.id() + "/password")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("password"))
                .body("violations[0].rule", equalTo(PasswordRule.RULE));
        admin().body("{\"password\": ").put("/api/users/" + user.id() + "/password").then().statusCode(400);
        as(user, PASSWORD).get("/api/me").then().statusCode(200);
    }

    @Test
    void aPasswordLongerThanBcryptChecksIsRefusedNotCut() {
        User user = newUser("NURSE");
        String tooLong = "A".repeat(72) + "X".repeat(56);
        admin().body(Map.of("password", tooLong)).put("/api/users/" + user.id() + "/password")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("password"))
                .body("violations[0].rule", equalTo(PasswordRule.RULE));
        admin().body(Map.of("password", "é".repeat(37))).put("/api/users/" + user.id() + "/password")
                .then().statusCode(422).body("violations.field", contains("password"));
        as(user, PASSWORD).body(Map.of("currentPassword", PASSWORD, "newPassword", tooLong)).put("/api/me/password")
                .then().statusCode(422)
                .body("violations.field", contains("newPassword"))
                .body("violations[0].rule", equalTo(PasswordRule.RULE));
        // nothing changed: the old password still works, and no bytes past the 72nd were ever what was checked
        as(user, PASSWORD).get("/api/me").then().statusCode(200);
        as(user, "A".repeat(72) + "Y".repeat(56)).get("/api/me").then().statusCode(401);

        String longest = "A".repeat(72);
        as(user, PASSWORD).body(Map.of("currentPassword", PASSWORD, "newPassword", longest)).put("/api/me/password")
                .then().statusCode(204);
        as(user, longest).get("/api/me").then().statusCode(200);
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        User user = newUser("NURSE");
        as(user, PASSWORD).body(Map.of("currentPassword", PASSWORD, "newPassword", "my-own-password-3"))
                .put("/api/me/password")
                .then().statusCode(204);

        as(user, PASSWORD).get("/api/me").then().statusCode(401);
        as(user, "my-own-password-3").get("/api/me").then().statusCode(200);
        assertEquals(1, audited("PASSWORD_CHANGE", user.id()));
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOneAndANewOne() {
        User user = newUser("NURSE");
        as(user, PASSWORD).body(Map.of("currentPassword", "not-my-password", "newPassword", "my-own-password-3"))
                .put("/api/me/password")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("currentPassword"));
        as(user, PASSWORD).body(Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD))
                .put("/api/me/password")
                .then().statusCode(422)
                .body("violations.field", contains("newPassword"))
                .body("violations[0].rule", containsString("differ"));
        as(user, PASSWORD).body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .put("/api/me/password")
                .then().statusCode(422)
                .body("violations.field", contains("newPassword"));
        as(user, PASSWORD).body(Map.of("newPassword", "my-own-password-3"))
                .put("/api/me/password")
                .then().statusCode(422)
                .body("violations.field", contains("currentPassword"));
        // nothing changed
        as(user, PASSWORD).get("/api/me").then().statusCode(200);
        anonymous().body(Map.of("currentPassword", PASSWORD, "newPassword", "my-own-password-3"))
                .put("/api/me/password").then().statusCode(401);
    }

    // ------------------------------------------------------------------ lookups and role checks

    @Test
    void oneUserByIdAndUnknownIdsAreNotFound() {
        User user = newUser("PROVIDER");
        admin().get("/api/users/" + user.id()).then().statusCode(200)
                .body("username", equalTo(user.name()))
                .body("roles", contains("PROVIDER"))
                .body("active", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
        long unknown = 987_654_321L;
        admin().get("/api/users/" + unknown).then().statusCode(404).contentType("application/problem+json");
        admin().post("/api/users/" + unknown + "/disable").then().statusCode(404);
        admin().post("/api/users/" + unknown + "/enable").then().statusCode(404);
        admin().body(Map.of("roles", List.of("NURSE"))).put("/api/users/" + unknown + "/roles").then().statusCode(404);
        admin().body(Map.of("password", "a-long-password")).put("/api/users/" + unknown + "/password").then().statusCode(404);
        admin().get("/api/users/not-a-number").then().statusCode(404);
    }

    @Test
    void onlyAnAdminManagesOtherUsers() {
        User user = newUser("NURSE");
        for (RequestSpecification who : List.of(nurse(), provider())) {
            who.get("/api/users/" + user.id()).then().statusCode(403);
        }
        nurse().post("/api/users/" + user.id() + "/disable").then().statusCode(403).contentType("application/problem+json");
        provider().post("/api/users/" + user.id() + "/disable").then().statusCode(403);
        nurse().post("/api/users/" + user.id() + "/enable").then().statusCode(403);
        nurse().body(Map.of("roles", List.of("ADMIN"))).put("/api/users/" + user.id() + "/roles").then().statusCode(403);
        provider().body(Map.of("password", "taken-over-pw-1")).put("/api/users/" + user.id() + "/password").then().statusCode(403);
        anonymous().post("/api/users/" + user.id() + "/disable").then().statusCode(401);
        anonymous().get("/api/users/" + user.id()).then().statusCode(401);
        anonymous().body(Map.of("password", "taken-over-pw-1")).put("/api/users/" + user.id() + "/password").then().statusCode(401);
        // nothing changed
        as(user, PASSWORD).get("/api/me").then().statusCode(200).body("roles", contains("NURSE"));
    }
}
