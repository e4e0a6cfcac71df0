package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The login address's answers to what is not a login form: each a problem saying what to send, where Quarkus's form
 * mechanism answered 500 (no body, a JSON body) or 404 (missing fields, an oversized field).
 */
@QuarkusTest
class LoginFormTest {

    private static RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
    }

    @Test
    void theRightPasswordStillLogsInAndSetsTheCookie() {
        form().formParam("j_username", "admin").formParam("j_password", "admin-test-pw")
                .post("/j_security_check")
                .then().statusCode(200).cookie("quarkus-credential", not(emptyOrNullString()));
    }

    @Test
    void aWrongPasswordIsStill401() {
        form().formParam("j_username", "nobody-by-this-name").formParam("j_password", "not-the-password")
                .post("/j_security_check")
                .then().statusCode(401).contentType("application/problem+json").body("detail", equalTo("Wrong username or password"));
    }

    @Test
    void aPostWithoutABodyIs400NotA500() {
        given().contentType("application/x-www-form-urlencoded").post("/j_security_check")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The login form needs j_username and j_password"));
    }

    @Test
    void aFormWithoutTheLoginFieldsIs400NotA404() {
        form().formParam("username", "admin").formParam("password", "admin-test-pw").post("/j_security_check")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The login form needs j_username and j_password"));
        form().formParam("j_username", "admin").post("/j_security_check")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void jsonIs415NamingTheFormToSend() {
        given().contentType("application/json").body("{\"j_username\":\"admin\",\"j_password\":\"test-admin-password\"}")
                .post("/j_security_check")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("application/x-www-form-urlencoded"));
        given().contentType("text/plain").body("admin").post("/j_security_check")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void anOversizedFormIs413() {
        form().formParam("j_username", "a".repeat(3000)).formParam("j_password", "x").post("/j_security_check")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("2048 bytes"));
    }

    @Test
    void otherMethodsAre405WithAllowPost() {
        given().get("/j_security_check").then().statusCode(405).header("Allow", "POST").contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").formParam("j_username", "admin")
                .put("/j_security_check").then().statusCode(405).header("Allow", "POST");
    }
}
