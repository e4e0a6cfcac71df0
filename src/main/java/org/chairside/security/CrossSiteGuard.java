package org.chairside.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.chairside.problem.Problem;

/**
 * Refuses a write that another page made the browser send ({@link CrossSiteCheck}), before the login is even looked at,
 * so that a forged request charts, acknowledges and logs in nothing.
 */
@ApplicationScoped
public class CrossSiteGuard {
    // Above the login form's guard (250) and the authentication filter (200): nothing of such a request is read.
    private static final int FIRST = 260;

    private final ObjectMapper json;

    public CrossSiteGuard(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, FIRST);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (CrossSiteCheck.allowed(request.method().name(), request.getHeader("Sec-Fetch-Site"),
                request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST), request.getHeader("X-Forwarded-Host"))) {
            rc.next();
            return;
        }
        Problem problem = new Problem("about:blank", "Forbidden", 403,
                "A page of another site may not change the record: use Chairside's own page, or an API client", null);
        try {
            rc.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
