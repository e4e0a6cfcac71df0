package org.chairside.session;

import java.util.EnumSet;
import java.util.Set;

import org.chairside.rules.ChartingSchedule;

/** The phases of an infusion session and the transitions the clinic allows between them. */
public enum SessionState {
    CHECKED_IN, INFUSING, PAUSED, RECOVERY, DISCHARGED, STOPPED;

    public Set<SessionState> next() {
        return switch (this) {
            case CHECKED_IN -> EnumSet.of(INFUSING, STOPPED);
            case INFUSING -> EnumSet.of(PAUSED, RECOVERY, STOPPED);
            case PAUSED -> EnumSet.of(INFUSING, RECOVERY, STOPPED);
            case RECOVERY -> EnumSet.of(DISCHARGED, STOPPED);
            case DISCHARGED, STOPPED -> EnumSet.noneOf(SessionState.class);
        };
    }

    public boolean isOpen() {
        return this != DISCHARGED && this != STOPPED;
    }

    /** A paused pump still has a patient on ketamine in the chair: it is charted like an infusion. */
    public ChartingSchedule.Phase chartingPhase() {
        return switch (this) {
            case INFUSING, PAUSED -> ChartingSchedule.Phase.INFUSING;
            case RECOVERY -> ChartingSchedule.Phase.RECOVERY;
            default -> ChartingSchedule.Phase.NONE;
        };
    }
}
