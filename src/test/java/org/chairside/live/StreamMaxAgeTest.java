package org.chairside.live;

import static org.chairside.TestClinic.PASSWORD;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A stream's login is checked when it opens, so a stream ends after chairside.live.stream-max-age (in production the
 * form login's lifetime) and the dashboard comes back with the login it has then. Here the age is a few seconds.
 */
@QuarkusTest
@TestProfile(StreamMaxAgeTest.ShortStreams.class)
class StreamMaxAgeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    public static class ShortStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chairside.live.stream-max-age", "4s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    @Test
    void aStreamEndsAtItsMaximumAgeAndTheDashboardResumesWithoutALoss() throws Exception {
        long session = infusingSession();
        long seen;
        try (SseClient first = SseClient.connect(base, "nurse", PASSWORD, null)) {
            chart(session, Map.of("heartRate", 71));
            seen = first.await(e -> e.type().equals("reading"), WAIT).id();
            assertFalse(first.awaitEnd(Duration.ofSeconds(1)), "the stream stays open until its age is reached");
            assertTrue(first.awaitEnd(Duration.ofSeconds(10)), "the server ends the stream once it is 4 s old");
            assertEquals(seen, first.lastId());
        }
        // Charted while no dashboard was connected, then picked up from the last id the dashboard had.
        chart(session, Map.of("heartRate", 72));
        try (SseClient again = SseClient.connect(base, "nurse", PASSWORD, Long.toString(seen))) {
            SseClient.Event next = again.await(e -> e.type().equals("reading"), WAIT);
            assertEquals(seen + 1, next.id());
            assertTrue(next.data().contains("\"heartRate\":72"), next.data());
        }
    }
}
