package org.chairside.problem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.chairside.security.Credentials;

/**
 * Turns every failure into application/problem+json. Bad input is always a 4xx naming the field;
 * only a genuine server fault is a 500, and its detail never echoes request data (it may hold patient data).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return respond(ProblemException.invalid(violations).toProblem());
    }

    // Listed one by one: Quarkus ships mappers for the specific Jackson types that answer with an empty body.
    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            InvalidDefinitionException.class, ValueInstantiationException.class})
    public Response json(JsonProcessingException e) {
        // Broken syntax inside a field ("{\"rules\": [") arrives wrapped with that field's path: still malformed JSON.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p) {
                String twice = duplicateField(p);
                return respond(twice != null ? ProblemException.invalid(twice, "is given twice: send each field once").toProblem()
                        : new Problem("about:blank", "Malformed JSON", 400, "The request body is not valid JSON", null));
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return respond(ProblemException.invalid(path(u), "is not a known field").toProblem());
        }
        if (e instanceof InvalidFormatException f) {
            // "a valid Long" would name a Java type to a nurse or an integrator: a whole number is what is asked for
            return respond(ProblemException.invalid(path(f), WHOLE_NUMBERS.contains(f.getTargetType())
                    ? "must be a whole number" : "must be a valid " + f.getTargetType().getSimpleName()).toProblem());
        }
        if (e instanceof MismatchedInputException m && WHOLE_NUMBERS.contains(m.getTargetType()) && m.getMessage() != null
                && m.getMessage().contains("Floating-point value")) {
            return respond(ProblemException.invalid(path(m), "must be a whole number").toProblem());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return respond(ProblemException.invalid(path(m), "has the wrong type or shape").toProblem());
        }
        return respond(new Problem("about:blank", "Malformed JSON", 400, "The request body is not valid JSON", null));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return respond(new Problem("about:blank", "Conflict", 409, "Someone else changed this record at the same time; reload and try again", null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
        Response.ResponseBuilder r = Response.status(401).type(Problem.MEDIA_TYPE).entity(Problem.unauthorized());
        String challenge = Problem.challenge(headers.getHeaderString("X-Requested-With"));
        if (challenge != null) {
            r.header("WWW-Authenticate", challenge);
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, io.vertx.core.http.HttpServerRequest request) {
        Instant lockedUntil = e.getAttribute(Credentials.LOCKED_UNTIL);
        if (lockedUntil != null) {
            // No challenge (the Basic mechanism has already put one on the response): trying again now, with any
            // password, is refused the same way.
            if (request != null) {
                request.response().headers().remove("WWW-Authenticate");
            }
            long seconds = Math.max(1, Duration.between(Instant.now(), lockedUntil).toSeconds() + 1);
            return Response.fromResponse(respond(new Problem("about:blank", "Too many failed logins", 429,
                            "Too many wrong passwords for this username from this address: try again after "
                                    + lockedUntil.truncatedTo(ChronoUnit.SECONDS) + " (" + seconds + " s)", null)))
                    .header("Retry-After", seconds).build();
        }
        // A failed form login (the dashboard's login page) must not carry a Basic challenge: browsers answer
        // one with their own password dialog on top of the page.
        if (request != null && request.path().endsWith("/j_security_check")) {
            return respond(new Problem("about:blank", "Unauthorized", 401, "Wrong username or password", null));
        }
        // A page's EventSource (the live stream, reconnecting with the login cookie of a user since disabled) cannot
        // send X-Requested-With and says ?requestedWith= instead, as StreamRoute reads it.
        if (request != null && request.getParam("requestedWith") != null) {
            return respond(Problem.unauthorized());
        }
        return unauthorized(new UnauthorizedException(), headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem("about:blank", "Forbidden", 403, "Your role does not allow this", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "This resource cannot answer in the requested media type";
            case 415 -> "Send application/json";
            default -> e.getMessage() != null ? e.getMessage() : title;
        };
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, null));
        e.getResponse().getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                v.forEach(x -> r.header(k, x));
            }
        });
        return r.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                // Two writers raced past the service's own check; the database kept the record consistent.
                // The constraint's name is the schema's, not the caller's: the detail says what happened in words.
                return respond(new Problem("about:blank", "Conflict", 409, "This conflicts with a record written at the same moment "
                        + "(a name or number that must be unique is now taken); reload and try again", null));
            }
        }
        // Exception messages can carry request values (an MRN in a constraint message, say): the ERROR line
        // names only the type and place; the full exception is at DEBUG for a deliberate diagnosis.
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.errorf("Unexpected server error %s at %s", e.getClass().getName(), where);
        LOG.debug("Unexpected server error", e);
        return respond(new Problem("about:blank", "Internal error", 500, "The server failed to handle this request; nothing was stored", null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** "chart.arg1.systolic" (a method parameter path) becomes "systolic"; "create.body.roles[1].<list element>" becomes "roles[1]". */
    private static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (i < 2 && parts.length > 2 || parts[i].startsWith("<")) {
                continue; // the method and parameter, and container nodes such as "<list element>"
            }
            kept.add(parts[i]);
        }
        return kept.isEmpty() ? propertyPath : String.join(".", kept);
    }

    private static final java.util.Set<Class<?>> WHOLE_NUMBERS = java.util.Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class);
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '([^']{1,100})'");

    /** The field named by Jackson's duplicate detection, or null for any other parse error. */
    private static String duplicateField(JsonParseException e) {
        java.util.regex.Matcher m = DUPLICATE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return m.find() ? m.group(1) : null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }
}
