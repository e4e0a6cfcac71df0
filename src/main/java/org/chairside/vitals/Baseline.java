package org.chairside.vitals;

import java.util.Optional;

import org.chairside.session.InfusionSession;
import org.chairside.session.SessionState;

/**
 * The session's baseline: the newest (by taken-at time) current, complete reading charted before the infusion
 * started. The session row holds its id; the write path keeps it up to date.
 */
public final class Baseline {
    private Baseline() {
    }

    public static Optional<Reading> of(InfusionSession session) {
        return session.baselineReadingId == null ? Optional.empty() : Reading.findByIdOptional(session.baselineReadingId);
    }

    /** Whether a newly stored reading becomes the baseline in place of {@code current}. */
    static boolean replaces(Reading stored, Optional<BaselineVitals> current) {
        if (!stored.isBaseline() || !stored.isCurrent() || !stored.vitals().isCompleteBaseline()) {
            return false;
        }
        if (current.isEmpty()) {
            return true;
        }
        int byTime = stored.takenAt.compareTo(current.get().takenAt());
        return byTime > 0 || byTime == 0 && stored.id > current.get().readingId();
    }

    /** Looks the baseline up again from the readings, after an amendment changed one of them. */
    static void recompute(InfusionSession session) {
        session.baselineReadingId = Reading.<Reading>find("sessionId = ?1 and phase = ?2 and supersededById is null "
                        + "and systolic is not null and diastolic is not null and heartRate is not null and spo2 is not null "
                        + Reading.NEWEST_FIRST, session.id, SessionState.CHECKED_IN)
                .firstResultOptional().map(r -> r.id).orElse(null);
    }

    /**
     * The newest (by taken-at time) current blood pressure charted before the infusion started, whether or not its reading
     * is complete: the pre-start gate judges the pressure the patient has now. A cuff reading alone after the baseline
     * (a recheck) is newer than the baseline; judged by the baseline only, a recheck of 158/98 after 120/80 let a nurse
     * start without a provider.
     */
    public static Optional<Reading> newestBloodPressure(InfusionSession session) {
        return Reading.<Reading>find("sessionId = ?1 and phase = ?2 and supersededById is null "
                        + "and systolic is not null and diastolic is not null" + Reading.NEWEST_FIRST, session.id, SessionState.CHECKED_IN)
                .firstResultOptional();
    }
}
