package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import org.chairside.security.AccessChanged;
import org.chairside.security.Credentials;
import org.chairside.security.FailedLogins;
import org.chairside.security.LoggedOut;
import org.chairside.security.Logins;

/**
 * What arrives on the live channel: one transaction's events as an array, a logout on some instance, or a lone event
 * from an older instance.
 */
class LiveReceiverTest {
    private final ObjectMapper json = new ObjectMapper();
    private final EventLog emptyLog = LiveFixture.emptyLog();
    private final LiveHub hub = new LiveHub(emptyLog, 100, 1000, Duration.ZERO);
    private final List<String> written = new CopyOnWriteArrayList<>();

    LiveReceiverTest() {
        hub.subscribe(null, LiveFixture.recordingInto(written));
    }

    @Test
    void aBatchAsPublishedReachesTheHubAsOneWrite() throws Exception {
        LiveReceiver receiver = receiver(new UserStreams());
        receiver.receive(json.writeValueAsString(List.of(new LiveEvent(1, "reading", 4L, "{\"id\":9}"),
                new LiveEvent(2, "alert", 4L, "{\"id\":3}"))));

        assertEquals(List.of("2:id:1\nevent:reading\ndata:{\"id\":9}\n\nid:2\nevent:alert\ndata:{\"id\":3}\n\n"), written);
    }

    @Test
    void aLoneEventFromAnEarlierVersionIsStillTakenIn() throws Exception {
        LiveReceiver receiver = receiver(new UserStreams());
        receiver.receive(json.writeValueAsString(new LiveEvent(1, "session", 4L, "{}")));
        receiver.receive("not json");
        receiver.receive(json.writeValueAsString(new LiveEvent(2, "reading", 4L, "{}")));

        assertEquals(List.of("1:id:1\nevent:session\ndata:{}\n\n", "1:id:2\nevent:reading\ndata:{}\n\n"), written);
    }

    @Test
    void aLogoutOnAnyInstanceEndsThatUsersStreamsHereAndNoOneElses() {
        UserStreams streams = new UserStreams();
        List<String> cut = new CopyOnWriteArrayList<>();
        streams.opened("nurse", cutInto(cut, "nurse at the station"));
        streams.opened("nurse", cutInto(cut, "nurse in room 2"));
        streams.opened("provider", cutInto(cut, "provider"));
        List<String> sent = new CopyOnWriteArrayList<>();
        // The instance where the nurse logged out sends this; every instance, that one too, takes it in.
        new BrokerPublisher(sendingInto(sent), json, hub).loggedOut(new LoggedOut("nurse"));
        assertEquals(List.of("{\"loggedOut\":\"nurse\"}"), sent);

        receiver(streams).receive(sent.get(0));

        assertEquals(Set.of("nurse at the station", "nurse in room 2"), Set.copyOf(cut));
        assertEquals(List.of(), written, "a logout is no event for the dashboards");
    }

    @Test
    void anAccessChangeOnAnyInstanceEndsThatUsersStreamsHere() {
        UserStreams streams = new UserStreams();
        List<String> cut = new CopyOnWriteArrayList<>();
        streams.opened("nurse", cutInto(cut, "nurse"));
        streams.opened("provider", cutInto(cut, "provider"));
        List<String> sent = new CopyOnWriteArrayList<>();
        new BrokerPublisher(sendingInto(sent), json, hub).accessChanged(new AccessChanged("nurse"));
        assertEquals(List.of("{\"accessChanged\":\"nurse\"}"), sent);

        receiver(streams).receive(sent.get(0));

        assertEquals(List.of("nurse"), cut);
        assertEquals(List.of(), written, "an access change is no event for the dashboards");
    }

    private LiveReceiver receiver(UserStreams streams) {
        return new LiveReceiver(json, hub, streams, new Credentials(Duration.ofMinutes(5), new FailedLogins(5, Duration.ofMinutes(5))),
                new Logins(Duration.ofMinutes(5)));
    }

    private static LiveHub.Sink cutInto(List<String> cut, String name) {
        return new LiveHub.Sink() {
            @Override
            public void send(Buffer frames, int events) {
            }

            @Override
            public void cut() {
                cut.add(name);
            }
        };
    }

    private static Emitter<String> sendingInto(List<String> sent) {
        return new Emitter<>() {
            @Override
            public CompletionStage<Void> send(String payload) {
                sent.add(payload);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public <M extends Message<? extends String>> void send(M message) {
                sent.add(message.getPayload());
            }

            @Override
            public void complete() {
            }

            @Override
            public void error(Exception e) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean hasRequests() {
                return true;
            }
        };
    }
}
