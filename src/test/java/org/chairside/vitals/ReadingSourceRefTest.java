package org.chairside.vitals;

import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An importer's key stores a reading once per session, whether it comes again in the same import or a later one. */
@QuarkusTest
class ReadingSourceRefTest {
    @Inject
    ChartingService charting;

    private static ReadingInput heartRate(Instant at, int bpm, String key) {
        return new ReadingInput(at, null, null, bpm, null, null, null, key);
    }

    private static long keysOf(long session) {
        return QuarkusTransaction.requiringNew().call(() -> ReadingSourceRef.count("sessionId", session));
    }

    private static long readingsOf(long session) {
        return QuarkusTransaction.requiringNew().call(() -> Reading.count("sessionId", session));
    }

    @Test
    void aKeySeenTwiceInOneImportOrAgainLaterIsStoredOnce() {
        long session = infusingSession();
        long before = readingsOf(session);
        Instant at = Instant.now();
        ChartingService.Charted first = charting.chart(session,
                List.of(heartRate(at, 71, "dev:a"), heartRate(at, 71, "dev:a"), heartRate(at.plusMillis(1), 72, "dev:b")),
                Source.DEVICE, "device", "readings");
        assertEquals(2, first.readings().size());
        assertEquals(1, first.duplicates());

        ChartingService.Charted again = charting.chart(session,
                List.of(heartRate(at, 71, "dev:a"), heartRate(at.plusMillis(2), 73, "dev:c")), Source.DEVICE, "device", "readings");
        assertEquals(1, again.readings().size());
        assertEquals(1, again.duplicates());
        assertEquals(before + 3, readingsOf(session));
        assertEquals(3, keysOf(session));
    }

    @Test
    void theSameKeyInAnotherSessionIsAnotherReadingAndManualReadingsHaveNoKey() {
        long one = infusingSession();
        long other = infusingSession();
        Instant at = Instant.now();
        charting.chart(one, List.of(heartRate(at, 80, "dev:same")), Source.DEVICE, "device", "readings");
        charting.chart(other, List.of(heartRate(at, 80, "dev:same")), Source.DEVICE, "device", "readings");
        chart(other, Map.of("heartRate", 81));
        assertEquals(1, keysOf(one));
        assertEquals(1, keysOf(other));
    }
}
