package org.chairside.live;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Scale-out: takes events off the live-in channel (published by any instance, this one included) into the hub. */
@ApplicationScoped
@IfBuildProperty(name = "chairside.live.broker", stringValue = "rabbitmq")
public class LiveReceiver {
    private static final Logger LOG = Logger.getLogger(LiveReceiver.class);

    private static final TypeReference<List<LiveEvent>> BATCH = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final LiveHub hub;

    public LiveReceiver(ObjectMapper json, LiveHub hub) {
        this.json = json;
        this.hub = hub;
    }

    @Incoming("live-in")
    public void receive(String message) {
        try {
            // An array is one transaction's events; a lone object comes from an instance of an earlier version.
            if (message.stripLeading().startsWith("[")) {
                hub.offer(json.readValue(message, BATCH));
            } else {
                hub.offer(json.readValue(message, LiveEvent.class));
            }
        } catch (Exception e) {
            // The type only: a parser's message quotes the payload, which can name a patient.
            LOG.warnf("Unreadable live event dropped (%s); the hub recovers it from the event log", e.getClass().getSimpleName());
            hub.catchUpSoon();
        }
    }
}
