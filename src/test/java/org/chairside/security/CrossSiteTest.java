package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A page of another site (or another port of the clinic's server) makes the browser send a write with the nurse's
 * credentials: a text/plain form to the HL7 endpoint charts a reading, a bodiless POST acknowledges an alert. Such
 * requests are refused before anything is read; the same requests from Chairside's page or an API client go through.
 */
@QuarkusTest
class CrossSiteTest {

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static RequestSpecification fromAnotherSite() {
        return nurse().header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example");
    }

    private static int readings(long session) {
        return nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    /** (A second ahead: HL7 times are whole seconds, and the session was opened a moment ago.) What a form with enctype="text/plain" sends: the message as the field's name, then "=" and an empty value. */
    private static byte[] hl7Form(long session) {
        String mrn = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getString("patient.mrn");
        String now = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "+0000";
        String message = "MSH|^~\\&|GW|CLINIC|CHAIRSIDE|CLINIC|" + now + "||ORU^R01|" + TestClinic.unique("XS") + "|P|2.6\r"
                + "PID|||" + mrn + "^^^CLINIC^MR\r"
                + "OBR|1\r"
                + "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||99|%|||||R|||" + now + "\r";
        return (message + "=\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCrossSiteTextPlainFormChartsNothingThroughHl7() {
        long session = TestClinic.infusingSession();
        int before = readings(session);
        fromAnotherSite().contentType("text/plain").body(hl7Form(session)).post("/api/hl7")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("another site"));
        given().auth().preemptive().basic("nurse", TestClinic.PASSWORD).header("Origin", "http://evil.example")
                .contentType("text/plain").body(hl7Form(session)).post("/api/hl7").then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertEquals(before, readings(session), "nothing charted");

        // the same message from a device gateway (no browser headers) is charted
        nurse().contentType("text/plain").body(hl7Form(session)).post("/api/hl7").then().statusCode(200).body(containsString("|AA|"));
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, readings(session));
    }

    @Test
    void aCrossSiteBodilessPostAcknowledgesNoAlert() {
        long session = TestClinic.infusingSession();
        long alert = TestClinic.chart(session, Map.of("spo2", 85)).getLong("alerts[0].id");
        given().auth().preemptive().basic("nurse", TestClinic.PASSWORD).header("Sec-Fetch-Site", "same-site")
                .post("/api/alerts/" + alert + "/acknowledge").then().statusCode(403);
        nurse().get("/api/alerts/" + alert).then().body("state", equalTo("ACTIVE"));

        nurse().header("Sec-Fetch-Site", "same-origin").header("Origin", "http://elsewhere.example")
                .body(Map.of("note", "seen")).post("/api/alerts/" + alert + "/acknowledge").then().statusCode(200);
        nurse().get("/api/alerts/" + alert).then().body("state", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void aCrossSiteLoginFormOrLogoutIsRefused() {
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "nurse").formParam("j_password", TestClinic.PASSWORD).post("/j_security_check")
                .then().statusCode(403).contentType("application/problem+json");
        fromAnotherSite().post("/api/logout").then().statusCode(403);
    }

    @Test
    void theDashboardsOwnWritesAndAllReadsGoThrough() {
        long session = TestClinic.infusingSession();
        nurse().header("Sec-Fetch-Site", "same-origin").body(Map.of("heartRate", 80))
                .post("/api/sessions/" + session + "/readings").then().statusCode(201);
        String host = "localhost:" + io.restassured.RestAssured.port;
        nurse().header("Origin", "http://" + host).body(Map.of("heartRate", 81))
                .post("/api/sessions/" + session + "/readings").then().statusCode(201);
        fromAnotherSite().get("/api/sessions/" + session).then().statusCode(200).body("state", startsWith("INFUSING"));
    }
}
