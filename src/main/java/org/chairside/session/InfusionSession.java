package org.chairside.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.chairside.patient.Patient;
import org.chairside.recliner.Recliner;

/** One patient's infusion in one recliner, from check-in to discharge (or an early stop). */
@Entity
@Table(name = "infusion_session")
public class InfusionSession extends PanacheEntity {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "patient_id")
    public Patient patient;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recliner_id")
    public Recliner recliner;

    /** recliner id while open, null when closed; unique, so the database holds one open session per chair. */
    public Long openReclinerId;

    @Enumerated(EnumType.STRING)
    public SessionState state;

    public BigDecimal weightKg;
    public String drug;
    public BigDecimal doseMgPerKg;
    public Integer plannedMinutes;
    public Instant createdAt;
    public String createdBy;
    public Instant startedAt;
    public Instant infusionEndedAt;
    public Instant closedAt;
    public Instant phaseSince;
    public Instant lastReadingTakenAt;
    /** The current baseline reading (see Baseline); kept here so charting does not search the readings for it. */
    public Long baselineReadingId;

    @Version
    public long version;

    /** The sessions open now, by the recliner each is in, with their patient and recliner (one query). */
    public static Map<Long, InfusionSession> openByRecliner() {
        return InfusionSession.<InfusionSession>find("from InfusionSession s join fetch s.patient join fetch s.recliner"
                        + " where s.openReclinerId is not null").stream()
                .collect(Collectors.toMap(s -> s.openReclinerId, Function.identity()));
    }

    /**
     * An HQL condition (on this entity's unqualified attributes) for the sessions closed in {@code state}, for a query
     * that lists them newest first. {@code state = X} would be served by the state index, and H2 would then read every
     * such session and sort them all for one page (435-535 ms for the newest discharged page over 100,000 sessions);
     * given conditions no index serves, it reads the check-in index from its newest end and stops after the page
     * (README, sixteenth round). A closed session has a closing time and is in none of the other closed states.
     */
    public static String closedInStateNewestFirst(SessionState state) {
        if (state.isOpen()) {
            throw new IllegalArgumentException(state + " is not a closed state");
        }
        StringBuilder condition = new StringBuilder("closedAt is not null");
        for (SessionState other : SessionState.values()) {
            if (!other.isOpen() && other != state) {
                condition.append(" and state <> ").append(SessionState.class.getName()).append('.').append(other.name());
            }
        }
        return condition.toString();
    }
}
