package org.chairside.live;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/** A hub's surroundings for plain unit tests: an empty event log and a stream that records what it is sent. */
final class LiveFixture {
    private LiveFixture() {
    }

    static EventLog emptyLog() {
        return new EventLog(null, null, null, null) {
            @Override
            public long lastId() {
                return 0;
            }

            @Override
            public List<LiveEvent> after(long afterId, long upToId, int max) {
                return List.of();
            }
        };
    }

    /** Each write as "events:frames". */
    static LiveHub.Sink recordingInto(List<String> written) {
        return new LiveHub.Sink() {
            @Override
            public void send(Buffer frames, int events) {
                written.add(events + ":" + frames.toString(StandardCharsets.UTF_8));
            }

            @Override
            public void cut() {
            }
        };
    }
}
