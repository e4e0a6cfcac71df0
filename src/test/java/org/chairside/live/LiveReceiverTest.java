package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What arrives on the live channel: one transaction's events as an array, or a lone event from an older instance. */
class LiveReceiverTest {
    private final ObjectMapper json = new ObjectMapper();
    private final EventLog emptyLog = LiveFixture.emptyLog();
    private final LiveHub hub = new LiveHub(emptyLog, 100, 1000);
    private final List<String> written = new CopyOnWriteArrayList<>();

    LiveReceiverTest() {
        hub.subscribe(null, LiveFixture.recordingInto(written));
    }

    @Test
    void aBatchAsPublishedReachesTheHubAsOneWrite() throws Exception {
        LiveReceiver receiver = new LiveReceiver(json, hub);
        receiver.receive(json.writeValueAsString(List.of(new LiveEvent(1, "reading", 4L, "{\"id\":9}"),
                new LiveEvent(2, "alert", 4L, "{\"id\":3}"))));

        assertEquals(List.of("2:id:1\nevent:reading\ndata:{\"id\":9}\n\nid:2\nevent:alert\ndata:{\"id\":3}\n\n"), written);
    }

    @Test
    void aLoneEventFromAnEarlierVersionIsStillTakenIn() throws Exception {
        LiveReceiver receiver = new LiveReceiver(json, hub);
        receiver.receive(json.writeValueAsString(new LiveEvent(1, "session", 4L, "{}")));
        receiver.receive("not json");
        receiver.receive(json.writeValueAsString(new LiveEvent(2, "reading", 4L, "{}")));

        assertEquals(List.of("1:id:1\nevent:session\ndata:{}\n\n", "1:id:2\nevent:reading\ndata:{}\n\n"), written);
    }
}
