package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * Behind a reverse proxy that ends TLS, as the README sets it up: both login cookies are marked Secure, so a browser
 * never sends them over plain HTTP; a plain-HTTP login (a clinic's loopback or LAN without TLS) still works.
 */
@QuarkusTest
@TestProfile(SecureCookieTest.BehindProxy.class)
class SecureCookieTest {
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static List<String> loginCookies(RequestSpecification request) {
        Response login = request.redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "nurse").formParam("j_password", TestClinic.PASSWORD).post("/j_security_check");
        assertEquals(200, login.statusCode());
        List<String> cookies = login.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=") || c.startsWith(Logins.COOKIE + "=")).toList();
        assertEquals(2, cookies.size(), "the login cookie and the login's token: " + cookies);
        return cookies;
    }

    @Test
    void bothLoginCookiesAreSecureWhenTheProxySaysHttps() {
        for (String cookie : loginCookies(given().header("X-Forwarded-Proto", "https"))) {
            assertTrue(cookie.toLowerCase().contains("; secure"), cookie);
        }
    }

    @Test
    void aPlainHttpLoginGetsCookiesItCanSendBack() {
        for (String cookie : loginCookies(given())) {
            assertTrue(!cookie.toLowerCase().contains("; secure"), cookie);
        }
    }
}
