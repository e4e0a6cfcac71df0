package org.chairside.live;

import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.problem.Problem;
import org.chairside.problem.ProblemException;

/**
 * The live stream, GET /api/stream: text/event-stream with {@code id:} = event-log id and {@code event:} =
 * session, reading, alert (or reset: reload, you are too far behind). Resume with Last-Event-ID or ?lastEventId=.
 *
 * <p>A plain Vert.x route rather than a REST resource: every event is written to every dashboard, and here the
 * hub's shared, pre-encoded frame goes straight to the connection instead of being built and formatted again
 * for each one. It answers a missing login and a bad position with the same problem documents as the REST API.
 *
 * <p>Each stream is registered under its user ({@link UserStreams}): a logout ends them. A stream's login is checked
 * once, when it opens, so each also ends after {@code chairside.live.stream-max-age}, the form login's lifetime: the
 * dashboard reconnects at once with the login it has now, and a login that has ended is refused.
 */
@ApplicationScoped
public class StreamRoute {
    static final String PATH = "/api/stream";
    private static final long RECONNECT_MILLIS = 2000;

    private final LiveHub hub;
    private final UserStreams userStreams;
    private final ObjectMapper json;
    private final long heartbeatMillis;
    private final int subscriberBuffer;
    private final long maxAgeMillis;
    private final Buffer beatComment = Buffer.buffer(SseFrame.comment("heartbeat"));
    // Browsers never show comments to page scripts: ?heartbeat=event sends them as "heartbeat" events (no id,
    // so the resume position is untouched) for a dashboard that tells its users when it is not live.
    private final Buffer beatEvent = Buffer.buffer(SseFrame.unnumbered("heartbeat", "{}"));
    private final Buffer helloComment = Buffer.buffer(SseFrame.retry(RECONNECT_MILLIS)).appendBytes(SseFrame.comment("connected"));
    private final Buffer helloEvent = Buffer.buffer(SseFrame.retry(RECONNECT_MILLIS)).appendBuffer(beatEvent);

    public StreamRoute(LiveHub hub, UserStreams userStreams, ObjectMapper json,
                       @ConfigProperty(name = "chairside.live.heartbeat") Duration heartbeat,
                       @ConfigProperty(name = "chairside.live.subscriber-buffer") int subscriberBuffer,
                       @ConfigProperty(name = "chairside.live.stream-max-age") Duration maxAge) {
        this.hub = hub;
        this.userStreams = userStreams;
        this.json = json;
        this.heartbeatMillis = Math.max(1, heartbeat.toMillis());
        this.subscriberBuffer = subscriberBuffer;
        this.maxAgeMillis = Math.max(1, maxAge.toMillis());
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
        router.route(PATH).handler(rc -> {
            rc.response().putHeader("Allow", "GET");
            respond(rc, new Problem("about:blank", "Method Not Allowed", 405, "This method is not allowed here", null), null);
        });
    }

    private void open(RoutingContext rc) {
        Uni<SecurityIdentity> identity = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            unauthorized(rc);
            return;
        }
        identity.subscribe().with(who -> {
            if (who.isAnonymous()) {
                unauthorized(rc);
            } else {
                start(rc, who.getPrincipal().getName());
            }
        }, rc::fail);
    }

    private void start(RoutingContext rc, String user) {
        Long after;
        try {
            after = position(rc.request().getHeader("Last-Event-ID"), rc.request().getParam("lastEventId"));
        } catch (ProblemException e) {
            respond(rc, e.toProblem(), null);
            return;
        }
        HttpServerResponse response = rc.response();
        if (response.closed()) {
            return;
        }
        boolean beatsAsEvents = "event".equals(rc.request().getParam("heartbeat"));
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        EventStream stream = new EventStream(rc.request(), rc.vertx().getOrCreateContext(), subscriberBuffer);
        Buffer beat = beatsAsEvents ? beatEvent : beatComment;
        long timer = rc.vertx().setPeriodic(heartbeatMillis, ignored -> stream.send(beat, 1));
        long ageLimit = rc.vertx().setTimer(maxAgeMillis, ignored -> stream.cut());
        userStreams.opened(user, stream);
        response.closeHandler(ignored -> {
            rc.vertx().cancelTimer(timer);
            rc.vertx().cancelTimer(ageLimit);
            stream.closed();
            hub.unsubscribe(stream);
            userStreams.closed(user, stream);
        });
        // A broken pipe is the ordinary end of a dashboard's stream; the close handler tidies up.
        response.exceptionHandler(ignored -> {
        });
        hub.subscribe(after, stream);
        // Events reach the stream through tasks on this event loop, so this goes first even though it is written last;
        // written after subscribing, a client that has seen it is known to the hub.
        response.write(beatsAsEvents ? helloEvent : helloComment);
    }

    /**
     * A page's EventSource cannot send X-Requested-With, so it says ?requestedWith= instead: a Basic challenge here
     * would open the browser's password dialog over the dashboard when its login ends.
     */
    private void unauthorized(RoutingContext rc) {
        String requestedWith = rc.request().getHeader("X-Requested-With");
        respond(rc, Problem.unauthorized(), Problem.challenge(requestedWith != null ? requestedWith : rc.request().getParam("requestedWith")));
    }

    private void respond(RoutingContext rc, Problem problem, String challenge) {
        HttpServerResponse response = rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (challenge != null) {
            response.putHeader("WWW-Authenticate", challenge);
        }
        try {
            response.end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    /** The header wins over the query parameter, which is for pages that reload (browsers send the header only on their own retries). */
    static Long position(String header, String query) {
        String value = header != null && !header.isBlank() ? header : query;
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("lastEventId", "must be a non-negative event id");
        }
    }
}
