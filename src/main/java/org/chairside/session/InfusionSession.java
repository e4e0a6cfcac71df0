package org.chairside.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
import org.hibernate.annotations.Formula;

import org.chairside.patient.Patient;
import org.chairside.recliner.Recliner;
import org.chairside.rules.ChartingInterval;
import org.chairside.rules.ChartingSchedule;

/** One patient's infusion in one recliner, from check-in to discharge (or an early stop). */
@Entity
@Table(name = "infusion_session")
public class InfusionSession extends PanacheEntity {
    /** The scales of weight_kg numeric(5,1) and dose_mg_per_kg numeric(6,3): see {@link org.chairside.validation.StoredDecimal}. */
    public static final int WEIGHT_DECIMALS = 1;
    public static final int DOSE_DECIMALS = 3;

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
    /**
     * Moved by every charting, so kept in a table of its own (V9) that the charting writes itself
     * ({@link SessionService#recordLastReadings}): updating the session's row would rewrite its
     * entry in each of the session table's indexes on H2. Read-only here; not part of the session's version.
     */
    @Formula("(select l.taken_at from session_last_reading l where l.session_id = id)")
    public Instant lastReadingTakenAt;
    /** The current baseline reading (see Baseline); kept here so charting does not search the readings for it. */
    public Long baselineReadingId;

    @Version
    public long version;

    /**
     * The HQL condition (on this entity's unqualified attributes; prefix an alias as needed) for the sessions open now.
     * Not {@code openReclinerId is not null}: H2 serves that from the unique index on the column by reading all of it,
     * an entry for every session ever closed (scanCount 100,258 for 256 open sessions over 100,000 closed ones), where
     * a range starts past them (scanCount 257). Ids are positive.
     */
    public static final String OPEN = "openReclinerId > 0";

    /**
     * The sessions open now, by the recliner each is in, with their patient and recliner. Their ids first, from the
     * session table alone: joined to recliners and patients, H2 starts from the recliners and reads every session each
     * of them ever held (0.6-1.2 s over 100,000 past sessions, against under 10 ms for both queries).
     */
    public static Map<Long, InfusionSession> openByRecliner() {
        List<Long> ids = getEntityManager().createQuery("select s.id from InfusionSession s where s." + OPEN, Long.class).getResultList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return InfusionSession.<InfusionSession>find("from InfusionSession s join fetch s.patient join fetch s.recliner where s.id in ?1", ids)
                .stream().collect(Collectors.toMap(s -> s.openReclinerId, Function.identity()));
    }

    /**
     * An HQL condition (on this entity's unqualified attributes) for the sessions closed in {@code state}, for a query
     * that lists them newest first. {@code state = X} would be served by the state index, and H2 would then read every
     * such session and sort them all for one page (435-535 ms for the newest discharged page over 100,000 sessions);
     * given conditions no index serves, it reads the check-in index from its newest end and stops after the page
     * (src/bench/FINDINGS.md, sixteenth round). A closed session has a closing time and is in none of the other closed states.
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

    /**
     * When the current charting schedule began, counted from when no reading is newer: the first start while infusing or
     * paused, the end of the infusion in recovery. Not {@link #phaseSince}: a pause and a resume each start a phase, and
     * counting from them pushed the due time back at every press of the pump, so a session could infuse for an hour
     * without vitals and never be overdue.
     */
    public Instant chartingSince() {
        return switch (state.chartingPhase()) {
            case INFUSING -> startedAt != null ? startedAt : phaseSince;
            case RECOVERY -> infusionEndedAt != null ? infusionEndedAt : phaseSince;
            case NONE -> phaseSince;
        };
    }

    /** When the next reading is due under {@code interval}, or null when the phase has no schedule. */
    public Instant chartingDue(ChartingInterval interval) {
        return ChartingSchedule.dueAt(state.chartingPhase(), chartingSince(), lastReadingTakenAt, interval);
    }

    /** Whether the session's charting is overdue at {@code now}: past its due time and the grace. */
    public boolean chartingOverdue(ChartingInterval interval, Instant now) {
        return ChartingSchedule.isOverdue(chartingDue(interval), interval, now);
    }
}
