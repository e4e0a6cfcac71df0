package org.chairside.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which writes a browser sent for another page, from the headers the browser sets itself. */
class CrossSiteCheckTest {

    @ParameterizedTest(name = "{0} site={1} origin={2} host={3} forwarded={4} -> {5}")
    @CsvSource(nullValues = "null", value = {
            // reads are never refused
            "GET,    cross-site,  https://evil.example,  chairside.lan,        null,             true",
            "HEAD,   cross-site,  null,                  chairside.lan,        null,             true",
            "OPTIONS,cross-site,  https://evil.example,  chairside.lan,        null,             true",
            // what the browser says about where the request came from decides
            "POST,   same-origin, http://chairside.lan,  chairside.lan,        null,             true",
            "POST,   none,        null,                  chairside.lan,        null,             true",
            "POST,   cross-site,  https://evil.example,  chairside.lan,        null,             false",
            "POST,   same-site,   http://wiki.clinic.lan, chairside.clinic.lan, null,             false",
            "PUT,    Cross-Site,  null,                  chairside.lan,        null,             false",
            "DELETE, cross-site,  null,                  chairside.lan,        null,             false",
            "POST,   same-site,   http://chairside.lan:8081, chairside.lan:8080, null,           false",
            // clients that are not browsers send neither header
            "POST,   null,        null,                  chairside.lan,        null,             true",
            "POST,   null,        null,                  null,                 null,             true",
            // an older browser: its Origin must be this server
            "POST,   null,        http://chairside.lan,  chairside.lan,        null,             true",
            "POST,   null,        http://chairside.lan:80, chairside.lan,      null,             true",
            "POST,   null,        http://Chairside.LAN:8080, chairside.lan:8080, null,           true",
            "POST,   null,        https://chairside.lan, chairside.lan:443,    null,             true",
            "POST,   null,        http://127.0.0.1:8080, 127.0.0.1:8080,       null,             true",
            "POST,   null,        http://[::1]:8080,     [::1]:8080,           null,             true",
            "POST,   null,        http://[::1]:8081,     [::1]:8080,           null,             false",
            "POST,   null,        http://chairside.lan:8081, chairside.lan:8080, null,           false",
            "POST,   null,        https://evil.example,  chairside.lan,        null,             false",
            "POST,   null,        http://chairside.lan.evil.example, chairside.lan, null,        false",
            "POST,   null,        null,                  chairside.lan,        null,             true",
            "POST,   null,        not a url,             chairside.lan,        null,             false",
            // behind a reverse proxy the browser addressed the proxy
            "POST,   null,        https://chairside.clinic.lan, 10.0.0.5:8080, chairside.clinic.lan, true",
            "POST,   null,        https://evil.example,  10.0.0.5:8080,        chairside.clinic.lan, false",
    })
    void judgesTheRequest(String method, String site, String origin, String host, String forwardedHost, boolean allowed) {
        assertEquals(allowed, CrossSiteCheck.allowed(method, site, origin, host, forwardedHost));
    }

    /** A sandboxed frame or a file sends the origin "null": no page of this server does. */
    @org.junit.jupiter.api.Test
    void anOpaqueOriginIsRefused() {
        assertEquals(false, CrossSiteCheck.allowed("POST", null, "null", "chairside.lan"));
    }
}
