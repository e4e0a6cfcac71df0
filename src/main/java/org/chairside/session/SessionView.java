package org.chairside.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A session as the API and the live stream show it. {@code startCheck}, while the session is checked in, says what its
 * start still needs (null in every other state).
 */
public record SessionView(Long id, PatientRef patient, ReclinerRef recliner, SessionState state, BigDecimal weightKg,
                          Protocol protocol, Instant createdAt, String createdBy, Instant startedAt,
                          Instant infusionEndedAt, Instant closedAt, Instant phaseSince, Instant lastReadingTakenAt,
                          Instant nextChartingDue, List<SessionState> allowedTransitions, StartCheck startCheck) {

    public record PatientRef(Long id, String mrn, String givenName, String familyName) {
    }

    public record ReclinerRef(Long id, String name) {
    }

    public record Protocol(String drug, BigDecimal doseMgPerKg, Integer plannedMinutes, BigDecimal totalDoseMg) {
    }

    public static SessionView of(InfusionSession s, Instant nextChartingDue, StartCheck startCheck) {
        BigDecimal total = s.weightKg.multiply(s.doseMgPerKg).setScale(1, RoundingMode.HALF_UP);
        return new SessionView(s.id,
                new PatientRef(s.patient.id, s.patient.mrn, s.patient.givenName, s.patient.familyName),
                new ReclinerRef(s.recliner.id, s.recliner.name), s.state, s.weightKg,
                new Protocol(s.drug, s.doseMgPerKg, s.plannedMinutes, total), s.createdAt, s.createdBy, s.startedAt,
                s.infusionEndedAt, s.closedAt, s.phaseSince, s.lastReadingTakenAt, nextChartingDue,
                s.state.next().stream().sorted().toList(), startCheck);
    }
}
