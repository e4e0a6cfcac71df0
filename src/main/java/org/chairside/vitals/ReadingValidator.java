package org.chairside.vitals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chairside.problem.Violation;
import org.chairside.rules.Vital;
import org.chairside.rules.VitalSigns;

/** The input rules every reading obeys, whatever its source. Pure: the caller passes the clock. */
public final class ReadingValidator {
    /** Clocks of monitors and tablets drift; a minute into the future is tolerated. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private ReadingValidator() {
    }

    /** Each measured vital's field, in {@link Vital#MEASURED} order: the same name in the JSON and on {@link Reading}. */
    private static final String[] FIELDS = {"systolic", "diastolic", "heartRate", "spo2", "respiratoryRate", "temperatureC"};

    /** The field of a measured vital (the NEWS2 score is no field: it is derived from several). */
    static String field(Vital vital) {
        return FIELDS[Vital.MEASURED.indexOf(vital)];
    }

    /**
     * @param prefix      prepended to field names ("" for a single reading, "readings[3]." in a batch)
     * @param takenAt     the effective taken-at time (already defaulted to now)
     * @param notBefore   the session's creation time
     */
    public static List<Violation> validate(String prefix, VitalSigns v, Instant takenAt, Instant notBefore, Instant now) {
        List<Violation> out = new ArrayList<>();
        if (v.isEmpty()) {
            out.add(new Violation(prefix + "vitals", "at least one vital, the oxygen or the level of consciousness is required"));
        }
        for (int i = 0; i < FIELDS.length; i++) {
            Vital vital = Vital.MEASURED.get(i);
            Double value = v.value(vital);
            if (value != null && !vital.isPlausible(value)) {
                out.add(new Violation(prefix + FIELDS[i], "must be within the plausible range "
                        + plain(vital.plausibleMin()) + "-" + plain(vital.plausibleMax()) + " " + vital.unit()));
            }
        }
        if ((v.systolic() == null) != (v.diastolic() == null)) {
            out.add(new Violation(prefix + (v.systolic() == null ? "systolic" : "diastolic"), "systolic and diastolic are charted together"));
        } else if (v.hasBloodPressure() && v.systolic() <= v.diastolic()) {
            out.add(new Violation(prefix + "systolic", "must be above diastolic"));
        }
        takenAt(prefix, takenAt, notBefore, now).ifPresent(out::add);
        return out;
    }

    /** The time rule of everything charted for a session (readings, assessments): not in the future, not before the session. */
    public static Optional<Violation> takenAt(String prefix, Instant takenAt, Instant notBefore, Instant now) {
        if (takenAt.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of(new Violation(prefix + "takenAt", "must not be in the future (1 minute of clock skew allowed)"));
        }
        if (takenAt.isBefore(notBefore)) {
            return Optional.of(new Violation(prefix + "takenAt", "must not be before the session was created (" + notBefore + ")"));
        }
        return Optional.empty();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
