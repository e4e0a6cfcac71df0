package org.chairside.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import org.chairside.security.LoggedOut;

/**
 * Scale-out: sends committed events on the live-out channel (a RabbitMQ fanout exchange), from which every
 * instance, this one included, takes them in ({@link LiveReceiver}). The events are already durable in the log,
 * so a failed send only delays dashboards: the hub fills the gap from the log. A write never waits for, or fails
 * because of, the broker.
 */
@ApplicationScoped
@IfBuildProperty(name = "chairside.live.broker", stringValue = "rabbitmq")
public class BrokerPublisher implements LivePublisher {
    private static final Logger LOG = Logger.getLogger(BrokerPublisher.class);

    private final Emitter<String> out;
    private final ObjectMapper json;
    private final LiveHub hub;

    public BrokerPublisher(@Channel("live-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 100_000) Emitter<String> out,
                           ObjectMapper json, LiveHub hub) {
        this.out = out;
        this.json = json;
        this.hub = hub;
    }

    /**
     * A logout, for every instance to end that user's streams (this one ends its own at once as well). An object,
     * never an array: {@link LiveReceiver} tells the two apart by their first character.
     */
    void loggedOut(@Observes LoggedOut logout) {
        try {
            out.send(json.writeValueAsString(Map.of(LiveReceiver.LOGGED_OUT, logout.username()))).exceptionally(BrokerPublisher::logoutNotSent);
        } catch (JsonProcessingException | RuntimeException failure) {
            logoutNotSent(failure);
        }
    }

    private static Void logoutNotSent(Throwable failure) {
        LOG.warnf("A logout was not sent to the other instances (%s); their streams of the user end when they next reconnect",
                failure.getMessage());
        return null;
    }

    /** One message per transaction: its events in id order, as a JSON array (the hub fans them out together). */
    @Override
    public void publish(List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String range = events.get(0).id() + "-" + events.get(events.size() - 1).id();
        try {
            out.send(json.writeValueAsString(events)).exceptionally(failure -> eventsNotSent(range, failure));
        } catch (JsonProcessingException | RuntimeException failure) {
            eventsNotSent(range, failure);
            hub.catchUpSoon();
        }
    }

    private static Void eventsNotSent(String range, Throwable failure) {
        LOG.warnf("Live events %s not sent (%s); dashboards get them from the event log", range, failure.getMessage());
        return null;
    }
}
