package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** The hub without a server: an in-memory event log and sinks that record what they are handed. */
class LiveHubTest {
    private final List<LiveEvent> logged = new CopyOnWriteArrayList<>();
    private final EventLog log = new EventLog(null, null, null, null) {
        @Override
        public List<LiveEvent> after(long afterId, long upToId, int max) {
            return logged.stream().filter(e -> e.id() > afterId && e.id() <= upToId).limit(max).toList();
        }

        @Override
        public long lastId() {
            return logged.isEmpty() ? 0 : logged.get(logged.size() - 1).id();
        }
    };

    private static final class Recording implements LiveHub.Sink {
        final List<Buffer> sent = new CopyOnWriteArrayList<>();
        final List<Integer> counts = new CopyOnWriteArrayList<>();
        volatile boolean cut;

        @Override
        public void send(Buffer frames, int events) {
            sent.add(frames);
            counts.add(events);
        }

        @Override
        public void cut() {
            cut = true;
        }

        String text() {
            StringBuilder b = new StringBuilder();
            sent.forEach(f -> b.append(f.toString(StandardCharsets.UTF_8)));
            return b.toString();
        }
    }

    private LiveEvent commit(String type, String data) {
        LiveEvent e = new LiveEvent(logged.size() + 1, type, 7L, data);
        logged.add(e);
        return e;
    }

    @Test
    void everySubscriberIsHandedTheSameEncodedBytes() {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        Recording a = new Recording();
        Recording b = new Recording();
        hub.subscribe(null, a);
        hub.subscribe(null, b);
        hub.offer(commit("reading", "{\"id\":1,\"heartRate\":80}"));
        hub.offer(commit("alert", "{\"id\":2,\"condition\":\"HR_HIGH\"}"));

        assertEquals(2, a.sent.size());
        for (int i = 0; i < 2; i++) {
            assertSame(a.sent.get(i), b.sent.get(i), "one encoding per event, shared by every stream");
        }
        assertEquals("id:1\nevent:reading\ndata:{\"id\":1,\"heartRate\":80}\n\n"
                + "id:2\nevent:alert\ndata:{\"id\":2,\"condition\":\"HR_HIGH\"}\n\n", a.text());
    }

    @Test
    void oneTransactionsEventsReachEachSubscriberAsOneWrite() {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        Recording a = new Recording();
        Recording b = new Recording();
        hub.subscribe(null, a);
        hub.subscribe(null, b);
        hub.offer(List.of(commit("reading", "{\"n\":1}"), commit("reading", "{\"n\":2}"), commit("alert", "{\"n\":3}")));

        assertEquals(List.of(3), a.counts, "one buffer holding the three events");
        assertSame(a.sent.get(0), b.sent.get(0));
        assertEquals("id:1\nevent:reading\ndata:{\"n\":1}\n\nid:2\nevent:reading\ndata:{\"n\":2}\n\n"
                + "id:3\nevent:alert\ndata:{\"n\":3}\n\n", a.text());
    }

    @Test
    void aLaterTransactionArrivingFirstWaitsForTheEarlierOne() {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        Recording a = new Recording();
        hub.subscribe(null, a);
        LiveEvent one = commit("reading", "{}");
        LiveEvent two = commit("reading", "{}");
        LiveEvent three = commit("alert", "{}");
        LiveEvent four = commit("reading", "{}");
        hub.offer(List.of(three, four));
        assertTrue(a.sent.isEmpty(), "3 and 4 are held until 1 and 2 are there");
        hub.offer(List.of(one, two));
        hub.offer(List.of(three, four));

        assertEquals(List.of(4), a.counts, "1 to 4 together, the late copy of 3 and 4 ignored");
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(a.text()));
    }

    @Test
    void aResumingSubscriberGetsTheLogThenLiveEventsWithoutGapOrDuplicate() throws Exception {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        hub.offer(commit("session", "{}"));
        for (int i = 0; i < 5; i++) {
            hub.offer(commit("reading", "{\"n\":" + i + "}"));
        }
        Recording resumed = new Recording();
        hub.subscribe(1L, resumed);
        for (int i = 5; i < 8; i++) {
            hub.offer(commit("reading", "{\"n\":" + i + "}"));
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (!resumed.text().contains("id:9\n") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), ids(resumed.text()));
    }

    private static List<Long> ids(String text) {
        List<Long> ids = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("id:")) {
                ids.add(Long.parseLong(line.substring(3)));
            }
        }
        return ids;
    }

    @Test
    void aSubscriberThatIsCutOrGoneGetsNothingMore() {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        Recording gone = new Recording();
        Recording stays = new Recording();
        hub.subscribe(null, gone);
        hub.subscribe(null, stays);
        hub.offer(commit("reading", "{}"));
        hub.unsubscribe(gone);
        hub.offer(commit("reading", "{}"));
        assertEquals(1, gone.sent.size());
        assertEquals(2, stays.sent.size());
        assertEquals(1, hub.subscriberCount());
    }

    /**
     * A page loads the board (its lastEventId read from the database) just after a commit whose events the hub has not
     * been handed yet (the publisher runs after the commit; in scale-out they come through the broker). That position
     * is real: the stream must go on from it, not tell the page to reload, which reloaded the board again and again
     * while a busy clinic kept committing.
     */
    @Test
    void aPositionTheLogHasButTheHubHasNotDeliveredYetResumesWithoutAReset() throws Exception {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        hub.offer(List.of(commit("session", "{}"), commit("reading", "{}")));
        LiveEvent three = commit("reading", "{}");
        LiveEvent four = commit("alert", "{}");
        Recording page = new Recording();
        hub.subscribe(3L, page);
        // the late hand-over, and a later commit, whether they come before or after the stream's replay
        hub.offer(List.of(three, four));
        hub.offer(commit("reading", "{}"));
        long deadline = System.currentTimeMillis() + 5000;
        while (!page.text().contains("id:5\n") && !page.text().contains("event:reset") && !page.cut
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }

        assertTrue(!page.text().contains("event:reset"), page.text());
        assertTrue(!page.cut, "the stream goes on");
        assertEquals(List.of(4L, 5L), ids(page.text()));
    }

    @Test
    void aPositionAheadOfTheLogIsToldToReload() throws Exception {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ZERO);
        hub.offer(commit("reading", "{}"));
        Recording ahead = new Recording();
        hub.subscribe(99L, ahead);
        long deadline = System.currentTimeMillis() + 5000;
        while (ahead.sent.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(ahead.text().startsWith("id:1\nevent:reset\ndata:"), ahead.text());
    }

    @Test
    void eventsWithinTheWriteIntervalAfterAHandOverGoTogetherAtItsEnd() throws Exception {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ofMillis(300));
        Recording a = new Recording();
        hub.subscribe(null, a);
        hub.offer(commit("reading", "{\"n\":1}"));
        assertEquals(List.of(1), a.counts, "a lone event goes at once");

        hub.offer(commit("reading", "{\"n\":2}"));
        hub.offer(commit("alert", "{\"n\":3}"));
        assertEquals(1, a.sent.size(), "what comes within the interval waits for its end");
        awaitEvents(a, 3);

        assertEquals(List.of(1, 2), a.counts, "2 and 3 in one hand-over");
        assertEquals(List.of(1L, 2L, 3L), ids(a.text()));
    }

    @Test
    void aStreamOpenedWhileEventsWaitGetsEachOfThemOnce() throws Exception {
        LiveHub hub = new LiveHub(log, 100, 1000, Duration.ofMillis(300));
        Recording first = new Recording();
        hub.subscribe(null, first);
        hub.offer(commit("reading", "{}"));
        hub.offer(commit("reading", "{}"));
        Recording opened = new Recording();
        hub.subscribe(1L, opened);
        hub.offer(commit("alert", "{}"));
        awaitEvents(opened, 2);
        awaitEvents(first, 3);

        assertTrue(!opened.cut, "the stream goes on");
        assertEquals(List.of(2L, 3L), ids(opened.text()));
        assertEquals(List.of(1L, 2L, 3L), ids(first.text()));
    }

    private static void awaitEvents(Recording sink, int events) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (sink.counts.stream().mapToInt(Integer::intValue).sum() < events && !sink.cut && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
