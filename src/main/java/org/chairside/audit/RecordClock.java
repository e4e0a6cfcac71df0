package org.chairside.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time as the clinical record keeps it. H2 and PostgreSQL store microseconds; answering a write with
 * nanoseconds would show a time that a later read does not return.
 */
public final class RecordClock {
    private RecordClock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant of(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
