package org.chairside.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of the planned dose the pump has given: the protocol's rate (its dose over its planned minutes) until a
 * nurse changes it, delivered only while the session is infusing (a pause stops the pump, recovery ends it).
 * Worked on the record's times, so a screen opened later shows what the pump gave then.
 */
public final class InfusionDose {
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);
    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private InfusionDose() {
    }

    /** A change of phase on the session's timeline. */
    public record PhaseChange(Instant at, SessionState to) {
    }

    /** A rate the pump was set to, from {@code at}. */
    public record RateStep(Instant at, BigDecimal mgPerKgPerHour) {
    }

    /**
     * @param rateMgPerKgPerHour the rate set now
     * @param deliveredMgPerKg given so far (3 decimals)
     * @param plannedDoseReachedAt when the planned dose was (or, infusing at this rate, will be) given; null while the
     *                             pump stands with the dose not reached
     * @param infusing whether the pump runs now
     */
    public record Dose(BigDecimal rateMgPerKgPerHour, BigDecimal deliveredMgPerKg, Instant plannedDoseReachedAt, boolean infusing) {
    }

    /** The protocol's own rate: its dose spread over its planned minutes, in mg/kg/h. */
    public static BigDecimal protocolRate(BigDecimal doseMgPerKg, int plannedMinutes) {
        return doseMgPerKg.multiply(MINUTES_PER_HOUR).divide(BigDecimal.valueOf(plannedMinutes), 3, RoundingMode.HALF_UP);
    }

    public static Dose at(Instant now, BigDecimal doseMgPerKg, int plannedMinutes, List<PhaseChange> phases, List<RateStep> rates) {
        List<Event> events = events(phases, rates);
        double planned = doseMgPerKg.doubleValue();
        BigDecimal rate = protocolRate(doseMgPerKg, plannedMinutes);
        boolean infusing = false;
        Instant since = null;
        double delivered = 0;
        Instant reached = null;
        for (Event e : events) {
            if (!e.at().isBefore(now)) {
                break;
            }
            if (infusing) {
                double before = delivered;
                delivered += give(rate, since, e.at());
                reached = reached != null ? reached : crossing(planned, before, rate, since, delivered);
            }
            since = e.at();
            if (e.rate() != null) {
                rate = e.rate();
            } else {
                infusing = e.phase() == SessionState.INFUSING;
            }
        }
        if (infusing) {
            double before = delivered;
            delivered += give(rate, since, now);
            reached = reached != null ? reached : crossing(planned, before, rate, since, delivered);
            if (reached == null) {
                reached = now.plusMillis(Math.round((planned - delivered) / rate.doubleValue() * MILLIS_PER_HOUR));
            }
        }
        return new Dose(rate, BigDecimal.valueOf(delivered).setScale(3, RoundingMode.HALF_UP), reached, infusing);
    }

    /**
     * A stretch the pump ran at one rate: from a start, a resume or a rate change to the next pause, end or change.
     *
     * @param mgPerKg given in the stretch (3 decimals)
     * @param running whether the pump still runs at this rate now (then {@code to} is now)
     */
    public record Stretch(Instant from, Instant to, BigDecimal mgPerKgPerHour, BigDecimal mgPerKg, boolean running) {
    }

    /**
     * The stretches the pump ran before {@code now}, oldest first, as a record of the infusion lists them (the FHIR
     * export's MedicationAdministrations). Walked as {@link #at} walks the events, so their doses add up to its
     * delivered dose (to their rounding).
     */
    public static List<Stretch> stretches(Instant now, BigDecimal doseMgPerKg, int plannedMinutes, List<PhaseChange> phases,
                                          List<RateStep> rates) {
        List<Event> events = events(phases, rates);
        BigDecimal rate = protocolRate(doseMgPerKg, plannedMinutes);
        boolean infusing = false;
        Instant since = null;
        List<Stretch> out = new ArrayList<>();
        for (Event e : events) {
            if (!e.at().isBefore(now)) {
                break;
            }
            if (infusing && e.at().isAfter(since)) {
                out.add(stretch(since, e.at(), rate, false));
            }
            since = e.at();
            if (e.rate() != null) {
                rate = e.rate();
            } else {
                infusing = e.phase() == SessionState.INFUSING;
            }
        }
        if (infusing && now.isAfter(since)) {
            out.add(stretch(since, now, rate, true));
        }
        return out;
    }

    private static Stretch stretch(Instant from, Instant to, BigDecimal rate, boolean running) {
        return new Stretch(from, to, rate, BigDecimal.valueOf(give(rate, from, to)).setScale(3, RoundingMode.HALF_UP), running);
    }

    private static double give(BigDecimal rate, Instant from, Instant to) {
        return rate.doubleValue() * Duration.between(from, to).toMillis() / MILLIS_PER_HOUR;
    }

    /** When, within a stretch at one rate that took the total from {@code before} to {@code after}, the planned dose was reached. */
    private static Instant crossing(double planned, double before, BigDecimal rate, Instant from, double after) {
        if (before >= planned || after < planned) {
            return null;
        }
        return from.plusMillis(Math.round((planned - before) / rate.doubleValue() * MILLIS_PER_HOUR));
    }

    private record Event(Instant at, SessionState phase, BigDecimal rate) {
    }

    /** The phase changes and rate changes in time order; a rate set in the same instant as a phase change applies to what follows it. */
    private static List<Event> events(List<PhaseChange> phases, List<RateStep> rates) {
        List<Event> events = new ArrayList<>();
        phases.forEach(p -> events.add(new Event(p.at(), p.to(), null)));
        rates.forEach(r -> events.add(new Event(r.at(), null, r.mgPerKgPerHour())));
        events.sort(Comparator.comparing(Event::at));
        return events;
    }
}
