package org.chairside.alerts;

import java.time.Instant;

import org.chairside.rules.Operator;
import org.chairside.rules.Priority;
import org.chairside.rules.Vital;

/** An alert as the API and the stream show it. {@code conditionCleared}: the value recovered, a HIGH alert waits for acknowledgement. */
public record AlertView(Long id, Long sessionId, String condition, String conditionLabel, Priority priority, AlertState state,
                        String message, Vital vital, Operator operator, Double limitValue, Double triggerValue,
                        Double worstValue, Double lastValue, int breachCount, Long firstReadingId, Long lastReadingId,
                        boolean conditionCleared, boolean historical, boolean escalated, Instant escalatedAt,
                        Instant raisedAt, Instant updatedAt, Instant acknowledgedAt, String acknowledgedBy,
                        String acknowledgeNote, Instant resolvedAt, String resolvedBy) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.sessionId, a.conditionCode, a.conditionLabel, a.priority, a.state, a.message, a.vital,
                a.operator, a.limitValue, a.triggerValue, a.worstValue, a.lastValue, a.breachCount, a.firstReadingId,
                a.lastReadingId, a.conditionCleared, a.historical, a.escalated, a.escalatedAt, a.raisedAt, a.updatedAt,
                a.acknowledgedAt, a.acknowledgedBy, a.acknowledgeNote, a.resolvedAt, a.resolvedBy);
    }
}
