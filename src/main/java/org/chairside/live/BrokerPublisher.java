package org.chairside.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import org.chairside.security.AccessChanged;
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
        sendUserNotice(LiveReceiver.LOGGED_OUT, logout.username(),
                "their streams of the user end when they next reconnect, and they accept the ended login for up to chairside.security.remember-login");
    }

    /** A change to a user's access, once committed: every instance forgets their login and ends their streams. */
    void accessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessChanged change) {
        sendUserNotice(LiveReceiver.ACCESS_CHANGED, change.username(),
                "they go on accepting the user's remembered login for up to chairside.security.remember-login");
    }

    private void sendUserNotice(String field, String username, String otherwise) {
        try {
            out.send(json.writeValueAsString(Map.of(field, username))).exceptionally(failure -> noticeNotSent(field, otherwise, failure));
        } catch (JsonProcessingException | RuntimeException failure) {
            noticeNotSent(field, otherwise, failure);
        }
    }

    private static Void noticeNotSent(String field, String otherwise, Throwable failure) {
        LOG.warnf("A %s notice was not sent to the other instances (%s); %s", field, failure.getMessage(), otherwise);
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
