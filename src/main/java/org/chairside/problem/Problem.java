package org.chairside.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code violations} lists each bad field and the rule it broke. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem unauthorized() {
        return new Problem("about:blank", "Unauthorized", 401, "Log in first", null);
    }

    /**
     * The WWW-Authenticate challenge for a request without a login: HTTP Basic clients get the standard one. A page's
     * own scripts say X-Requested-With and get none (null), or the browser would put its native password dialog
     * over the dashboard's login screen.
     */
    public static String challenge(String requestedWith) {
        return requestedWith == null ? "Basic realm=\"Chairside\"" : null;
    }
}
