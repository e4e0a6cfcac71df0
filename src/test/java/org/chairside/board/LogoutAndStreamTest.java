package org.chairside.board;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.live.SseClient;

/** The browser-facing additions: form login failures without a Basic challenge, logout, heartbeat events. */
@QuarkusTest
class LogoutAndStreamTest {
    @TestHTTPResource("/")
    URL app;

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static Response formLogin(String user, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    @Test
    void logoutDropsTheLoginCookies() {
        Response login = formLogin("nurse", TestClinic.PASSWORD);
        assertEquals(200, login.statusCode());
        Map<String, String> cookies = login.getCookies();
        assertNotNull(cookies.get("quarkus-credential"));
        assertNotNull(cookies.get("chairside-login"));
        given().cookies(cookies).get("/api/me").then().statusCode(200);

        Response out = given().cookies(cookies).post("/api/logout");
        assertEquals(204, out.statusCode());
        List<String> setCookies = out.headers().getValues("Set-Cookie");
        assertEquals(2, setCookies.size(), "one instruction for each cookie: " + setCookies);
        for (String name : List.of("quarkus-credential", "chairside-login")) {
            String clear = setCookies.stream().filter(c -> c.startsWith(name + "=;")).findFirst().orElseThrow(() -> new AssertionError(name + ": " + setCookies));
            assertTrue(clear.contains("Max-Age=0"), clear);
            assertTrue(clear.contains("Path=/"), clear);
            assertTrue(clear.contains("HTTPOnly") || clear.contains("HttpOnly"), clear);
        }
    }

    /**
     * The login cookie is the user's name, encrypted, valid until it expires: a copy taken before the logout (a shared
     * nursing-station computer, a saved browser profile) went on logging the user in for up to twelve hours.
     */
    @Test
    void aLogoutEndsThatLoginOnTheServerAndNoOtherLogin() {
        Map<String, String> station = formLogin("nurse", TestClinic.PASSWORD).getCookies();
        Map<String, String> tablet = formLogin("nurse", TestClinic.PASSWORD).getCookies();
        given().cookies(station).get("/api/me").then().statusCode(200);
        given().cookies(tablet).get("/api/me").then().statusCode(200);

        given().cookies(station).post("/api/logout").then().statusCode(204);
        given().cookies(station).get("/api/me").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().cookies(station).queryParam("requestedWith", "chairside").get("/api/stream").then().statusCode(401);
        given().cookies(tablet).get("/api/me").then().statusCode(200).body("username", equalTo("nurse"));
        // the login cookie alone, or with a token of another user's login, is no login
        Map<String, String> provider = formLogin("provider", TestClinic.PASSWORD).getCookies();
        given().cookie("quarkus-credential", tablet.get("quarkus-credential")).get("/api/me").then().statusCode(401);
        given().cookie("quarkus-credential", tablet.get("quarkus-credential")).cookie("chairside-login", provider.get("chairside-login"))
                .get("/api/me").then().statusCode(401);
        given().cookies(provider).get("/api/me").then().statusCode(200).body("username", equalTo("provider"));
    }

    @Test
    void logoutEndsTheUsersOpenStreamsAndNoOneElses() throws Exception {
        long session = TestClinic.infusingSession();
        try (SseClient nurseTab = SseClient.connect(app.toURI(), "nurse", TestClinic.PASSWORD, null);
             SseClient nurseOtherTab = SseClient.connect(app.toURI(), "nurse", TestClinic.PASSWORD, null);
             SseClient provider = SseClient.connect(app.toURI(), "provider", TestClinic.PASSWORD, null)) {
            TestClinic.nurse().post("/api/logout").then().statusCode(204);

            assertTrue(nurseTab.awaitEnd(Duration.ofSeconds(10)), "the nurse's stream ended with the login");
            assertTrue(nurseOtherTab.awaitEnd(Duration.ofSeconds(10)), "every stream of the nurse ended");
            long reading = TestClinic.chart(session, Map.of("heartRate", 77)).getLong("reading.id");
            provider.await(e -> e.type().equals("reading") && e.data().contains("\"id\":" + reading), Duration.ofSeconds(10));
            assertFalse(provider.awaitEnd(Duration.ofMillis(200)), "the provider's stream is still open");
        }
    }

    @Test
    void logoutNeedsALoginAndIsAPost() {
        given().post("/api/logout").then().statusCode(401);
        TestClinic.nurse().get("/api/logout").then().statusCode(405);
        TestClinic.admin().post("/api/logout").then().statusCode(204);
        TestClinic.provider().post("/api/logout").then().statusCode(204);
    }

    @Test
    void aFailedFormLoginIsAProblemWithoutABasicChallenge() {
        Response bad = formLogin("nurse", "wrong-password");
        assertEquals(401, bad.statusCode());
        assertNull(bad.getHeader("WWW-Authenticate"), "a Basic challenge would open the browser's own password dialog");
        assertTrue(bad.getContentType().startsWith("application/problem+json"));
        assertEquals("Wrong username or password", bad.jsonPath().getString("detail"));
        assertNull(bad.getCookie("quarkus-credential"));
        // API clients still get the challenge.
        given().auth().preemptive().basic("nurse", "wrong-password").get("/api/me").then().statusCode(401);
    }

    @Test
    void heartbeatsCanComeAsEventsForPageScripts() throws Exception {
        List<String> lines = readStream("api/stream?heartbeat=event", 8);
        assertTrue(lines.contains("event:heartbeat") || lines.contains("event: heartbeat"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("id:")), "heartbeats carry no id: " + lines);
        // Without the parameter, heartbeats stay comments.
        List<String> plain = readStream("api/stream", 4);
        assertTrue(plain.stream().anyMatch(l -> l.startsWith(":")), plain.toString());
        assertFalse(plain.stream().anyMatch(l -> l.contains("heartbeat") && l.startsWith("event")), plain.toString());
    }

    private List<String> readStream(String path, int wanted) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = Base64.getEncoder().encodeToString(("nurse:" + TestClinic.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(app + path)).header("Authorization", "Basic " + auth)
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long until = System.currentTimeMillis() + 8000;
            String line;
            while (lines.stream().filter(l -> !l.isEmpty()).count() < wanted && System.currentTimeMillis() < until
                    && (line = in.readLine()) != null) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
