package org.chairside.live;

import java.time.Duration;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import org.chairside.problem.ProblemException;

/**
 * The live stream: text/event-stream with {@code id:} = event-log id and {@code event:} = session, reading,
 * alert (or reset: reload, you are too far behind). Resume with Last-Event-ID or ?lastEventId=.
 */
@Path("/api/stream")
@Authenticated
public class StreamResource {
    private final LiveHub hub;
    private final Duration heartbeat;

    public StreamResource(LiveHub hub, @ConfigProperty(name = "chairside.live.heartbeat") Duration heartbeat) {
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@RestHeader("Last-Event-ID") String lastEventIdHeader,
                                          @RestQuery("lastEventId") String lastEventIdQuery,
                                          @RestQuery("heartbeat") String heartbeatAs, @Context Sse sse) {
        Long after = position(lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdQuery);
        Multi<OutboundSseEvent> events = hub.subscribe(after).map(e -> sse.newEventBuilder()
                .id(Long.toString(e.id())).name(e.type()).data(e.data())
                .reconnectDelay(2000).build());
        // Browsers never show comments to page scripts: ?heartbeat=event sends them as "heartbeat" events
        // (no id, so the resume position is untouched) for a dashboard that tells its users when it is not live.
        boolean asEvent = "event".equals(heartbeatAs);
        Multi<OutboundSseEvent> beats = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                .map(t -> asEvent ? sse.newEventBuilder().name("heartbeat").data("{}").build()
                        : sse.newEventBuilder().comment("heartbeat").build());
        Multi<OutboundSseEvent> hello = Multi.createFrom().item(asEvent ? sse.newEventBuilder().name("heartbeat").data("{}").build()
                : sse.newEventBuilder().comment("connected").build());
        return Multi.createBy().concatenating().streams(hello, Multi.createBy().merging().streams(events, beats));
    }

    private static Long position(String value) {
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
