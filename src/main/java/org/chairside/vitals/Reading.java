package org.chairside.vitals;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.chairside.rules.Consciousness;
import org.chairside.rules.VitalSigns;
import org.chairside.session.SessionState;

/**
 * One set of vitals charted for a session. Never updated except to record that an amendment superseded
 * it: the corrected values are a new reading that points back here.
 */
@Entity
@Table(name = "reading")
public class Reading extends PanacheEntity {
    /**
     * HQL: one session's readings, newest first. The session comes first although the query fixes it: only an ORDER BY
     * that starts with the index's first column lets H2 read ix_reading_session_newest in order and stop at the page
     * (V8); without it, it sorts every reading of the session.
     */
    public static final String NEWEST_FIRST = " order by sessionId desc, takenAt desc, id desc";

    /** A temperature is charted to a tenth of a degree: what a nurse types must have no more, a device's is rounded. */
    public static final int TEMPERATURE_DECIMALS = 1;

    public Long sessionId;
    public Instant takenAt;
    public Instant enteredAt;
    @Enumerated(EnumType.STRING)
    public SessionState phase;
    public Integer systolic;
    public Integer diastolic;
    public Integer heartRate;
    public Integer spo2;
    public Integer respiratoryRate;
    @Column(name = "temperature_c")
    public Double temperatureC;
    public Boolean onOxygen;
    @Enumerated(EnumType.STRING)
    public Consciousness consciousness;
    @Enumerated(EnumType.STRING)
    public Source source;
    public String sourceRef;
    public String chartedBy;
    public Long amendsId;
    public String amendReason;
    public Long supersededById;
    public Instant supersededAt;
    public String supersededByUser;

    public VitalSigns vitals() {
        return new VitalSigns(systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, onOxygen, consciousness);
    }

    public boolean isBaseline() {
        return isBaseline(phase);
    }

    /** Readings charted while the patient was checked in (before the infusion) form the baseline. */
    static boolean isBaseline(SessionState phase) {
        return phase == SessionState.CHECKED_IN;
    }

    public boolean isCurrent() {
        return isCurrent(supersededById);
    }

    static boolean isCurrent(Long supersededById) {
        return supersededById == null;
    }
}
