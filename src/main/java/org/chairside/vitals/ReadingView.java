package org.chairside.vitals;

import java.time.Instant;

import org.chairside.rules.Consciousness;
import org.chairside.rules.News2;
import org.chairside.rules.VitalSigns;
import org.chairside.session.SessionState;

/**
 * A reading as the API and the stream show it; {@code amended} readings were superseded by {@code supersededById}.
 * A session's list is written field by field by {@link ReadingListWriter}: a change here is a change there too (the
 * tests compare the two byte for byte).
 */
public record ReadingView(Long id, Long sessionId, Instant takenAt, Instant enteredAt, SessionState phase, boolean baseline,
                          Integer systolic, Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate,
                          Double temperatureC, Boolean onOxygen, Consciousness consciousness, News2 news2, Source source,
                          String chartedBy, boolean amended, Long supersededById, Instant supersededAt, String supersededBy,
                          Long amendsId, String amendReason) {

    /** From a reading's stored columns; {@code baseline}, {@code news2} and {@code amended} are derived as {@link Reading} derives them. */
    public ReadingView(Long id, Long sessionId, Instant takenAt, Instant enteredAt, SessionState phase, Integer systolic,
                       Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate, Double temperatureC,
                       Boolean onOxygen, Consciousness consciousness, Source source, String chartedBy, Long supersededById,
                       Instant supersededAt, String supersededBy, Long amendsId, String amendReason) {
        this(id, sessionId, takenAt, enteredAt, phase, Reading.isBaseline(phase), systolic, diastolic, heartRate, spo2,
                respiratoryRate, temperatureC, onOxygen, consciousness,
                news2(new VitalSigns(systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, onOxygen, consciousness)),
                source, chartedBy, !Reading.isCurrent(supersededById), supersededById, supersededAt, supersededBy, amendsId, amendReason);
    }

    public static ReadingView of(Reading r) {
        return new ReadingView(r.id, r.sessionId, r.takenAt, r.enteredAt, r.phase, r.systolic, r.diastolic, r.heartRate, r.spo2,
                r.respiratoryRate, r.temperatureC, r.onOxygen, r.consciousness, r.source, r.chartedBy, r.supersededById,
                r.supersededAt, r.supersededByUser, r.amendsId, r.amendReason);
    }

    /**
     * The reading's NEWS2, or null when it carries neither oxygen nor a level of consciousness: a monitor's set never
     * has them, and a session fed by one has thousands of readings that would each repeat the same two missing names.
     * Once a nurse charts either, the reading says its score or what the set still lacks.
     */
    static News2 news2(VitalSigns v) {
        return v.onOxygen() == null && v.consciousness() == null ? null : News2.of(v);
    }
}
