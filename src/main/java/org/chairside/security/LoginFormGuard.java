package org.chairside.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.chairside.problem.Problem;

/**
 * Answers the login requests Quarkus's form mechanism cannot read with a problem naming what is wrong.
 *
 * <p>That mechanism asks Vert.x to decode the body as a form: a POST without a body, or with a JSON one, made it throw
 * (a 500), and a form without {@code j_username} and {@code j_password}, or with a field over Vert.x's form attribute
 * limit, went on to routing and came back 404. The filter runs before authentication and refuses what cannot be a login
 * form; the route, after it, answers a form the mechanism read but found no login in.
 */
@ApplicationScoped
public class LoginFormGuard {
    static final String PATH = "/j_security_check";
    /** A username of 64 characters and a password of 72 bytes, each percent-encoded to three bytes a byte, with room to spare. */
    static final int MAX_FORM_BYTES = 2048;
    // Above the authentication filter's priority (200), so this looks at the request first.
    private static final int BEFORE_AUTHENTICATION = 250;

    private final ObjectMapper json;

    public LoginFormGuard(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_AUTHENTICATION);
    }

    void register(@Observes Router router) {
        router.route(PATH).handler(rc -> respond(rc, missingFields()));
    }

    private void check(RoutingContext rc) {
        if (!PATH.equals(rc.normalizedPath())) {
            rc.next();
            return;
        }
        LoginFormCheck.Verdict verdict = LoginFormCheck.check(rc.request().method().name(),
                rc.request().getHeader(HttpHeaders.CONTENT_TYPE), rc.request().getHeader(HttpHeaders.CONTENT_LENGTH),
                rc.request().isEnded(), MAX_FORM_BYTES);
        switch (verdict) {
            case FORM -> rc.next();
            case NOT_POST -> {
                rc.response().putHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
                respond(rc, new Problem("about:blank", "Method Not Allowed", 405, "Log in with a POST of the login form", null));
            }
            case NOT_A_FORM -> respond(rc, new Problem("about:blank", "Unsupported Media Type", 415,
                    "Send the login as a form (application/x-www-form-urlencoded) with j_username and j_password", null));
            case TOO_LARGE -> respond(rc, new Problem("about:blank", "Content Too Large", 413,
                    "The login form is larger than " + MAX_FORM_BYTES + " bytes: a username and a password do not need that", null));
            case EMPTY -> respond(rc, missingFields());
        }
    }

    private static Problem missingFields() {
        return new Problem("about:blank", "Bad Request", 400, "The login form needs j_username and j_password", null);
    }

    private void respond(RoutingContext rc, Problem problem) {
        try {
            rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
