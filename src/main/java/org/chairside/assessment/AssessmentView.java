package org.chairside.assessment;

import java.time.Instant;

import org.chairside.session.SessionState;

/** An assessment as the API shows it; {@code items} only on the Aldrete score, {@code amended} ones were superseded. */
public record AssessmentView(Long id, Long sessionId, Instant takenAt, Instant enteredAt, SessionState phase, Scale scale,
                             String scaleLabel, Integer score, AldreteItems items, String note, String chartedBy,
                             boolean amended, Long supersededById, Instant supersededAt, String supersededBy, Long amendsId,
                             String amendReason) {

    public static AssessmentView of(Assessment a) {
        return new AssessmentView(a.id, a.sessionId, a.takenAt, a.enteredAt, a.phase, a.scale, a.scale.label(), a.score, a.items(),
                a.note, a.chartedBy, a.supersededById != null, a.supersededById, a.supersededAt, a.supersededByUser, a.amendsId,
                a.amendReason);
    }
}
