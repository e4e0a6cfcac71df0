package org.chairside.rules;

import static org.chairside.rules.ChartingSchedule.Phase.INFUSING;
import static org.chairside.rules.ChartingSchedule.Phase.NONE;
import static org.chairside.rules.ChartingSchedule.Phase.RECOVERY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.chairside.rules.ChartingSchedule.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChartingScheduleTest {

    /** Every 10 minutes while infusing, every 15 in recovery, overdue 5 minutes after due. */
    static final ChartingInterval INTERVAL = new ChartingInterval(10, 15, 5, Priority.MEDIUM);
    static final ChartingInterval NO_GRACE = new ChartingInterval(10, 15, 0, Priority.MEDIUM);

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    /** T0 plus minutes and seconds, e.g. {@code at(15, 1)} is 09:15:01. */
    static Instant at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
    }

    static Instant at(int minutes) {
        return at(minutes, 0);
    }

    static Arguments row(String name, Phase phase, Instant phaseSince, Instant lastTakenAt, Instant now,
                         ChartingInterval interval, Instant dueAt, boolean overdue) {
        return Arguments.of(name, phase, phaseSince, lastTakenAt, now, interval, dueAt, overdue);
    }

    static Stream<Arguments> schedule() {
        return Stream.of(
                // infusing since 09:00, nothing charted yet: due 09:10, overdue after 09:15
                row("infusing, nothing charted, before due", INFUSING, T0, null, at(9), INTERVAL, at(10), false),
                row("infusing, nothing charted, exactly due", INFUSING, T0, null, at(10), INTERVAL, at(10), false),
                row("infusing, nothing charted, exactly interval + grace", INFUSING, T0, null, at(15), INTERVAL, at(10), false),
                row("infusing, nothing charted, one second later", INFUSING, T0, null, at(15, 1), INTERVAL, at(10), true),
                // the latest reading restarts the clock
                row("infusing, charted 09:20, exactly interval + grace", INFUSING, T0, at(20), at(35), INTERVAL, at(30), false),
                row("infusing, charted 09:20, one second later", INFUSING, T0, at(20), at(35, 1), INTERVAL, at(30), true),
                row("infusing, charted at the phase start", INFUSING, T0, T0, at(15, 1), INTERVAL, at(10), true),
                // recovery uses its own interval, counted from the phase start when the last reading is older
                row("recovery since 10:00, last charted 09:50 while infusing", RECOVERY, at(60), at(50), at(80), INTERVAL, at(75), false),
                row("recovery since 10:00, last charted 09:50, one second late", RECOVERY, at(60), at(50), at(80, 1), INTERVAL, at(75), true),
                row("recovery since 10:00, charted 10:10", RECOVERY, at(60), at(70), at(90), INTERVAL, at(85), false),
                row("recovery since 10:00, charted 10:10, one second late", RECOVERY, at(60), at(70), at(90, 1), INTERVAL, at(85), true),
                // no grace: overdue the second after due
                row("no grace, exactly due", INFUSING, T0, null, at(10), NO_GRACE, at(10), false),
                row("no grace, one second after due", INFUSING, T0, null, at(10, 1), NO_GRACE, at(10), true),
                // not monitored: no schedule, never overdue
                row("not monitored", NONE, T0, null, at(600), INTERVAL, null, false),
                row("not monitored, with an old reading", NONE, T0, at(1), at(600), INTERVAL, null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedule")
    void dueAtAndOverdue(String name, Phase phase, Instant phaseSince, Instant lastTakenAt, Instant now,
                         ChartingInterval interval, Instant expectedDueAt, boolean expectedOverdue) {
        Instant dueAt = ChartingSchedule.dueAt(phase, phaseSince, lastTakenAt, interval);

        assertEquals(expectedDueAt, dueAt, "due at");
        assertEquals(expectedOverdue, ChartingSchedule.isOverdue(dueAt, interval, now), "overdue at " + now);
    }
}
