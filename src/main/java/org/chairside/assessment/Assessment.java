package org.chairside.assessment;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.chairside.session.SessionState;

/** One score on one scale, recorded for a session. Never changed except to record that a correction superseded it. */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntity {
    public Long sessionId;
    public Instant takenAt;
    public Instant enteredAt;
    @Enumerated(EnumType.STRING)
    public SessionState phase;
    @Enumerated(EnumType.STRING)
    public Scale scale;
    public Integer score;
    @Column(name = "aldrete_activity")
    public Integer aldreteActivity;
    @Column(name = "aldrete_respiration")
    public Integer aldreteRespiration;
    @Column(name = "aldrete_circulation")
    public Integer aldreteCirculation;
    @Column(name = "aldrete_consciousness")
    public Integer aldreteConsciousness;
    @Column(name = "aldrete_oxygen")
    public Integer aldreteOxygen;
    public String note;
    public String chartedBy;
    public Long amendsId;
    public String amendReason;
    public Long supersededById;
    public Instant supersededAt;
    public String supersededByUser;

    public AldreteItems items() {
        return scale == Scale.ALDRETE
                ? new AldreteItems(aldreteActivity, aldreteRespiration, aldreteCirculation, aldreteConsciousness, aldreteOxygen)
                : null;
    }

    /**
     * The newest current Aldrete score of the session taken at or after {@code since} (the end of the infusion): what a
     * discharge is judged by. Empty when none was recorded since.
     */
    public static java.util.Optional<Assessment> newestAldreteSince(long sessionId, Instant since) {
        return Assessment.<Assessment>find("sessionId = ?1 and scale = ?2 and supersededById is null and takenAt >= ?3"
                + " order by takenAt desc, id desc", sessionId, Scale.ALDRETE, since).firstResultOptional();
    }
}
