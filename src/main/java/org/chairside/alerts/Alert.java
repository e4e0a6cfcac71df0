package org.chairside.alerts;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.chairside.rules.Operator;
import org.chairside.rules.Priority;
import org.chairside.rules.Vital;

/**
 * One condition of one session needing attention. A repeat breach updates the open alert (count, worst
 * and last value) instead of raising another; the database allows one open alert per session and condition.
 */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntity {
    public Long sessionId;
    public String conditionCode;
    public String conditionLabel;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public AlertState state;
    /** condition_code while open, null once resolved (see the unique constraint uq_alert_open). */
    public String openCondition;
    public String message;
    @Enumerated(EnumType.STRING)
    public Vital vital;
    @Enumerated(EnumType.STRING)
    public Operator operator;
    public Double limitValue;
    public Double triggerValue;
    public Double worstValue;
    public Double lastValue;
    public int breachCount;
    public Long firstReadingId;
    public Long lastReadingId;
    public boolean conditionCleared;
    public boolean historical;
    public boolean escalated;
    public Instant escalatedAt;
    public Instant raisedAt;
    public Instant activeSince;
    public Instant updatedAt;
    public Instant acknowledgedAt;
    public String acknowledgedBy;
    public String acknowledgeNote;
    public Instant resolvedAt;
    public String resolvedBy;
    @Version
    public long version;

    void resolve(Instant at, String by) {
        state = AlertState.RESOLVED;
        openCondition = null;
        resolvedAt = at;
        resolvedBy = by;
        updatedAt = at;
    }
}
