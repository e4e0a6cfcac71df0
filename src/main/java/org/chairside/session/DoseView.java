package org.chairside.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The pump as the record has it: the protocol, the rate set now, the dose given so far (per kg and in mg for the
 * session's weight), when the planned dose is reached at this rate, and every rate change.
 */
public record DoseView(long sessionId, String drug, BigDecimal plannedMgPerKg, int plannedMinutes,
                       BigDecimal protocolRateMgPerKgPerHour, BigDecimal rateMgPerKgPerHour, boolean infusing,
                       BigDecimal deliveredMgPerKg, BigDecimal deliveredMg, Instant plannedDoseReachedAt, Instant asOf,
                       List<RateChange> changes) {

    static DoseView of(InfusionSession s, InfusionDose.Dose dose, List<RateChange> changes, Instant asOf) {
        return new DoseView(s.id, s.drug, s.doseMgPerKg, s.plannedMinutes, InfusionDose.protocolRate(s.doseMgPerKg, s.plannedMinutes),
                dose.rateMgPerKgPerHour(), dose.infusing(), dose.deliveredMgPerKg(),
                dose.deliveredMgPerKg().multiply(s.weightKg).setScale(1, RoundingMode.HALF_UP), dose.plannedDoseReachedAt(), asOf, changes);
    }
}
