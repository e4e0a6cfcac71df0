package org.chairside.rules;

import java.time.Duration;
import java.time.Instant;

/** When the next vitals are due for a session, and whether they are overdue. Pure: the caller passes the clock. */
public final class ChartingSchedule {
    private ChartingSchedule() {
    }

    /**
     * @param monitored    INFUSING/PAUSED count as infusing, RECOVERY as recovery; anything else is not scheduled
     * @param phaseSince   when the charting phase began (infusing: the first start, which a pause does not move; recovery: the
     *                     end of the infusion)
     * @param lastTakenAt  taken-at time of the latest reading, or null
     * @return when the next reading is due, or null when the phase has no schedule
     */
    public static Instant dueAt(Phase monitored, Instant phaseSince, Instant lastTakenAt, ChartingInterval interval) {
        if (monitored == Phase.NONE) {
            return null;
        }
        int minutes = monitored == Phase.INFUSING ? interval.infusingMinutes() : interval.recoveryMinutes();
        Instant from = lastTakenAt != null && lastTakenAt.isAfter(phaseSince) ? lastTakenAt : phaseSince;
        return from.plus(Duration.ofMinutes(minutes));
    }

    /** Overdue once longer than the interval plus the grace has passed without a reading. */
    public static boolean isOverdue(Instant dueAt, ChartingInterval interval, Instant now) {
        return dueAt != null && now.isAfter(dueAt.plus(Duration.ofMinutes(interval.graceMinutes())));
    }

    public enum Phase { INFUSING, RECOVERY, NONE }
}
