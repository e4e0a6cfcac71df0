package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** {@code POST/GET /api/users} (admin only) and {@code GET /api/me}. */
@QuarkusTest
class UserResourceTest {

    private static String username() {
        return unique("user").toLowerCase();
    }

    private static Map<String, Object> user(String name, String... roles) {
        return Map.of("username", name, "password", "a-long-password", "roles", List.of(roles), "displayName", "Pat Example");
    }

    @Test
    void adminCreatesUserWhoCanThenLogIn() {
        String name = username();
        admin().body(user(name, "NURSE", "PROVIDER"))
                .post("/api/users")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/users/\\d+"))
                .body("id", notNullValue())
                .body("username", equalTo(name))
                .body("displayName", equalTo("Pat Example"))
                .body("roles", contains("NURSE", "PROVIDER"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));

        given().auth().preemptive().basic(name, "a-long-password")
                .get("/api/me")
                .then().statusCode(200)
                .body("username", equalTo(name))
                .body("displayName", equalTo("Pat Example"))
                .body("roles", contains("NURSE", "PROVIDER"));
    }

    @Test
    void createdUserHasTheRolesGivenAndNoOthers() {
        String name = username();
        admin().body(user(name, "NURSE")).post("/api/users").then().statusCode(201);
        // a nurse may create patients but not recliners (admin) nor the clinic thresholds
        given().auth().preemptive().basic(name, "a-long-password").contentType(ContentType.JSON)
                .body(Map.of("name", unique("Chair")))
                .post("/api/recliners")
                .then().statusCode(403);
    }

    @Test
    void wrongPasswordIsRejected() {
        String name = username();
        admin().body(user(name, "NURSE")).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic(name, "not-the-password")
                .get("/api/me")
                .then().statusCode(401);
    }

    @Test
    void adminListsUsersWithoutPasswords() {
        String name = username();
        admin().body(user(name, "PROVIDER")).post("/api/users").then().statusCode(201);
        admin().get("/api/users")
                .then().statusCode(200)
                .body("username", hasItems("admin", name))
                .body("find { it.username == '" + name + "' }.roles", contains("PROVIDER"))
                .body("find { it.username == 'admin' }.roles", contains("ADMIN"))
                .body("password", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                .body("passwordHash", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void duplicateUsernameIsConflict() {
        String name = username();
        admin().body(user(name, "NURSE")).post("/api/users").then().statusCode(201);
        admin().body(user(name, "PROVIDER"))
                .post("/api/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(name));
        // the first user keeps its role
        admin().get("/api/users").then().body("find { it.username == '" + name + "' }.roles", contains("NURSE"));
    }

    @Test
    void shortPasswordIsInvalid() {
        admin().body(Map.of("username", username(), "password", "short", "roles", List.of("NURSE")))
                .post("/api/users")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("violations.field", contains("password"));
    }

    @Test
    void aPasswordLongerThanBcryptChecksIsInvalidAndNoUserIsCreated() {
        for (String tooLong : List.of("A".repeat(72) + "X".repeat(56), "é".repeat(128), "é".repeat(37))) {
            String name = username();
            admin().body(Map.of("username", name, "password", tooLong, "roles", List.of("NURSE")))
                    .post("/api/users")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("password"))
                    .body("violations[0].rule", equalTo(PasswordRule.RULE));
            admin().get("/api/users").then().body("username", not(hasItem(name)));
        }
        String name = username();
        admin().body(Map.of("username", name, "password", "é".repeat(36), "roles", List.of("NURSE")))
                .post("/api/users").then().statusCode(201);
    }

    @Test
    void badUsernameIsInvalid() {
        admin().body(Map.of("username", "Has Spaces", "password", "a-long-password", "roles", List.of("NURSE")))
                .post("/api/users")
                .then().statusCode(422)
                .body("violations.field", contains("username"));
    }

    @Test
    void aDisplayNameOnTwoLinesIsInvalidAndNoUserIsCreated() {
        String name = username();
        admin().body(Map.of("username", name, "password", "a-long-password", "roles", List.of("NURSE"), "displayName", "Pat\nExample"))
                .post("/api/users")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("displayName"))
                .body("violations[0].rule", equalTo("must be a single line (a line break at character 4)"));
        admin().get("/api/users").then().statusCode(200).body("username", not(hasItem(name)));
    }

    @Test
    void missingRolesAreInvalid() {
        admin().body(Map.of("username", username(), "password", "a-long-password", "roles", List.of()))
                .post("/api/users")
                .then().statusCode(422)
                .body("violations.field", contains("roles"));
    }

    @Test
    void unknownRoleIsInvalidAndNamesTheElement() {
        admin().body(Map.of("username", username(), "password", "a-long-password", "roles", List.of("NURSE", "JANITOR")))
                .post("/api/users")
                .then().statusCode(422)
                .body("violations.field", contains("roles[1]"))
                .body("violations[0].rule", containsString("NURSE, PROVIDER or ADMIN"));
    }

    @Test
    void severalViolationsAreAllListed() {
        admin().body(Map.of("username", "X", "password", "short", "roles", List.of()))
                .post("/api/users")
                .then().statusCode(422)
                .body("violations.field", hasItems("username", "password", "roles"));
    }

    @Test
    void unknownFieldIsInvalid() {
        admin().body(Map.of("username", username(), "password", "a-long-password", "roles", List.of("NURSE"), "role", "ADMIN"))
                .post("/api/users")
                .then().statusCode(422)
                .body("violations.field", contains("role"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        admin().body("{\"username\": \"x\", ")
                .post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        admin().contentType(ContentType.TEXT).body("username=x")
                .post("/api/users")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void nurseAndProviderMayNotManageUsers() {
        String name = username();
        nurse().body(user(name, "ADMIN")).post("/api/users").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        provider().body(user(name, "ADMIN")).post("/api/users").then().statusCode(403);
        nurse().get("/api/users").then().statusCode(403);
        provider().get("/api/users").then().statusCode(403);
        // nothing was created
        admin().get("/api/users").then().body("username", not(hasItem(name)));
    }

    @Test
    void anonymousMayNotManageUsers() {
        String name = username();
        anonymous().body(user(name, "ADMIN")).post("/api/users").then().statusCode(401);
        anonymous().get("/api/users").then().statusCode(401);
        admin().get("/api/users").then().body("username", not(hasItem(name)));
    }

    @Test
    void meShowsWhoIsLoggedInAndTheirRoles() {
        nurse().get("/api/me").then().statusCode(200)
                .body("username", equalTo("nurse")).body("roles", contains("NURSE"));
        provider().get("/api/me").then().statusCode(200)
                .body("username", equalTo("provider")).body("roles", contains("PROVIDER"));
        as("charge").get("/api/me").then().statusCode(200)
                .body("username", equalTo("charge")).body("roles", contains("NURSE", "PROVIDER"));
        admin().get("/api/me").then().statusCode(200)
                .body("username", equalTo("admin")).body("roles", contains("ADMIN"));
    }

    @Test
    void meNeedsALogin() {
        anonymous().get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic("nobody-" + TestClinic.unique("x"), "whatever-password")
                .get("/api/me").then().statusCode(401);
    }
}
