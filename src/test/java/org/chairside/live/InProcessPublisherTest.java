package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** One node: a committed transaction's events reach the hub as they are, and a failing hub never fails the write. */
class InProcessPublisherTest {
    private final EventLog emptyLog = LiveFixture.emptyLog();
    private final List<String> written = new CopyOnWriteArrayList<>();

    @Test
    void aTransactionsEventsReachEveryStreamAsOneWrite() {
        LiveHub hub = new LiveHub(emptyLog, 100, 1000, Duration.ZERO);
        hub.subscribe(null, LiveFixture.recordingInto(written));
        InProcessPublisher publisher = new InProcessPublisher(hub);

        publisher.publish(List.of());
        publisher.publish(List.of(new LiveEvent(1, "reading", 4L, "{\"id\":9}"), new LiveEvent(2, "alert", 4L, "{\"id\":3}")));

        assertEquals(List.of("2:id:1\nevent:reading\ndata:{\"id\":9}\n\nid:2\nevent:alert\ndata:{\"id\":3}\n\n"), written);
    }

    @Test
    void aHubThatFailsIsToldToCatchUpFromTheLogAndTheCallerSeesNoError() {
        boolean[] catchUp = {false};
        LiveHub failing = new LiveHub(emptyLog, 100, 1000, Duration.ZERO) {
            @Override
            public void offer(List<LiveEvent> events) {
                throw new IllegalStateException("hub down");
            }

            @Override
            void catchUpSoon() {
                catchUp[0] = true;
            }
        };
        new InProcessPublisher(failing).publish(List.of(new LiveEvent(1, "reading", 4L, "{}")));
        assertTrue(catchUp[0]);
    }
}
