package org.chairside.vitals;

import java.util.Optional;

import org.chairside.session.SessionState;

/** The session's baseline: the last complete reading charted before the infusion started. */
public final class Baseline {
    private Baseline() {
    }

    public static Optional<Reading> of(long sessionId) {
        return Reading.<Reading>find("sessionId = ?1 and phase = ?2 and supersededById is null and systolic is not null "
                        + "and diastolic is not null and heartRate is not null and spo2 is not null order by takenAt desc, id desc",
                sessionId, SessionState.CHECKED_IN).firstResultOptional();
    }
}
