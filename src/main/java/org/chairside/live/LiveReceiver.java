package org.chairside.live;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import org.chairside.security.Credentials;
import org.chairside.security.Logins;

/**
 * Scale-out: takes events off the live-in channel (published by any instance, this one included) into the hub, and
 * ends the streams of a user who logged out on any instance, forgetting the logins it knew live for them (the next
 * request reads which have ended); a change to a user's access on any instance also makes this one forget their
 * remembered login.
 */
@ApplicationScoped
@IfBuildProperty(name = "chairside.live.broker", stringValue = "rabbitmq")
public class LiveReceiver {
    private static final Logger LOG = Logger.getLogger(LiveReceiver.class);

    private static final TypeReference<List<LiveEvent>> BATCH = new TypeReference<>() {
    };

    /** The field of a logout message: {"loggedOut": "username"}. */
    static final String LOGGED_OUT = "loggedOut";
    /** The field of an access change (disabled, enabled, roles, password): {"accessChanged": "username"}. */
    static final String ACCESS_CHANGED = "accessChanged";

    private final ObjectMapper json;
    private final LiveHub hub;
    private final UserStreams userStreams;
    private final Credentials credentials;
    private final Logins logins;

    public LiveReceiver(ObjectMapper json, LiveHub hub, UserStreams userStreams, Credentials credentials, Logins logins) {
        this.json = json;
        this.hub = hub;
        this.userStreams = userStreams;
        this.credentials = credentials;
        this.logins = logins;
    }

    @Incoming("live-in")
    public void receive(String message) {
        try {
            // An array is one transaction's events; an object is a logout, an access change, or a lone event from an
            // instance of an earlier version.
            if (message.stripLeading().startsWith("[")) {
                hub.offer(json.readValue(message, BATCH));
                return;
            }
            JsonNode object = json.readTree(message);
            if (object.hasNonNull(LOGGED_OUT)) {
                String user = object.get(LOGGED_OUT).asText();
                logins.forget(user);
                userStreams.end(user);
            } else if (object.hasNonNull(ACCESS_CHANGED)) {
                String user = object.get(ACCESS_CHANGED).asText();
                credentials.forget(user);
                userStreams.end(user);
            } else {
                hub.offer(json.treeToValue(object, LiveEvent.class));
            }
        } catch (Exception e) {
            // The type only: a parser's message quotes the payload, which can name a patient.
            LOG.warnf("Unreadable live event dropped (%s); the hub recovers it from the event log", e.getClass().getSimpleName());
            hub.catchUpSoon();
        }
    }
}
