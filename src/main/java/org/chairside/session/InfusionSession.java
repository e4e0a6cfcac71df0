package org.chairside.session;

import java.math.BigDecimal;
import java.time.Instant;

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
}
