package org.chairside.vitals;

import java.time.Instant;

import org.chairside.session.SessionState;

/** A reading as the API and the stream show it; {@code amended} readings were superseded by {@code supersededById}. */
public record ReadingView(Long id, Long sessionId, Instant takenAt, Instant enteredAt, SessionState phase, boolean baseline,
                          Integer systolic, Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate,
                          Double temperatureC, Source source, String chartedBy, boolean amended, Long supersededById,
                          Instant supersededAt, String supersededBy, Long amendsId, String amendReason) {

    public static ReadingView of(Reading r) {
        return new ReadingView(r.id, r.sessionId, r.takenAt, r.enteredAt, r.phase, r.isBaseline(), r.systolic, r.diastolic,
                r.heartRate, r.spo2, r.respiratoryRate, r.temperatureC, r.source, r.chartedBy, !r.isCurrent(),
                r.supersededById, r.supersededAt, r.supersededByUser, r.amendsId, r.amendReason);
    }
}
