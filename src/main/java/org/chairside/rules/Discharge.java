package org.chairside.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What must be true before a patient leaves recovery.
 * <ul>
 * <li>{@code aldreteAtLeast} (0-10): a modified Aldrete score at least this high, taken after the infusion ended; 0 asks
 * for no score (a clinic that discharges by another measure).</li>
 * <li>{@code recoveryMinutesAtLeast}: minutes of observation since the infusion ended; 0 sets no minimum.</li>
 * <li>{@code esketamineMinutesAtLeast}: minutes since an esketamine (Spravato) dose was given, for sessions of that drug;
 * its REMS asks for at least 120, so no clinic may set less.</li>
 * </ul>
 * A null field is one a profile did not set; {@link #overlay} fills it from the profile beneath. Where a criterion is
 * not met a provider may still discharge, with a reason.
 */
public record Discharge(Integer aldreteAtLeast, Integer recoveryMinutesAtLeast, Integer esketamineMinutesAtLeast) {

    /** Spravato's REMS: patients are observed for at least two hours after the dose. */
    public static final int ESKETAMINE_MINUTES_FLOOR = 120;

    /** The rule of a profile saved before the observation times existed: the score alone. */
    public Discharge(Integer aldreteAtLeast) {
        this(aldreteAtLeast, null, null);
    }

    /** This rule's fields where set, the other's where not (a session's override of one field keeps the clinic's others). */
    public Discharge overlay(Discharge over) {
        if (over == null) {
            return this;
        }
        return new Discharge(
                over.aldreteAtLeast != null ? over.aldreteAtLeast : aldreteAtLeast,
                over.recoveryMinutesAtLeast != null ? over.recoveryMinutesAtLeast : recoveryMinutesAtLeast,
                over.esketamineMinutesAtLeast != null ? over.esketamineMinutesAtLeast : esketamineMinutesAtLeast);
    }

    public boolean requiresAldrete() {
        return aldreteAtLeast != null && aldreteAtLeast > 0;
    }

    public boolean isMetBy(Integer aldrete) {
        return !requiresAldrete() || (aldrete != null && aldrete >= aldreteAtLeast);
    }

    /** Whether the session's drug, as written at check-in, is esketamine: by its name or its brand. */
    public static boolean isEsketamine(String drug) {
        if (drug == null) {
            return false;
        }
        String d = drug.toLowerCase(Locale.ROOT);
        return d.contains("esketamine") || d.contains("spravato");
    }

    /**
     * The observation a session still owes: the earliest time it may leave, and why. Empty when no minimum applies or
     * the dose or the infusion's end is not yet known (the clock starts with them).
     *
     * @param startedAt when the infusion started (an esketamine dose was given)
     * @param infusionEndedAt when it ended (recovery began)
     */
    public List<Observation> observations(String drug, Instant startedAt, Instant infusionEndedAt) {
        List<Observation> owed = new ArrayList<>(2);
        if (recoveryMinutesAtLeast != null && recoveryMinutesAtLeast > 0 && infusionEndedAt != null) {
            owed.add(new Observation(infusionEndedAt.plus(Duration.ofMinutes(recoveryMinutesAtLeast)),
                    recoveryMinutesAtLeast + " min of observation after the infusion ended"));
        }
        if (isEsketamine(drug) && esketamineMinutesAtLeast != null && esketamineMinutesAtLeast > 0 && startedAt != null) {
            owed.add(new Observation(startedAt.plus(Duration.ofMinutes(esketamineMinutesAtLeast)),
                    esketamineMinutesAtLeast + " min of observation after an esketamine dose (Spravato REMS)"));
        }
        return owed;
    }

    /** The observation that ends last, or null when none applies: what the page tells a nurse. */
    public Observation longestObservation(String drug, Instant startedAt, Instant infusionEndedAt) {
        return observations(drug, startedAt, infusionEndedAt).stream().max(Comparator.comparing(Observation::until)).orElse(null);
    }

    /** An observation time: the patient stays until {@code until}, because of {@code why}. */
    public record Observation(Instant until, String why) {
        public boolean isOwedAt(Instant now) {
            return now.isBefore(until);
        }
    }
}
