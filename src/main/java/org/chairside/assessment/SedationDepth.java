package org.chairside.assessment;

import org.chairside.rules.Priority;

/**
 * What a sedation score says about the patient in the chair. Ketamine for depression, PTSD or pain is dosed to leave
 * the patient rousable by voice; over-sedation is rare, and when a nurse scores it the board must say so at once,
 * like a low SpO2, rather than leave it in the assessment list. Deep sedation (no response to voice, only to being
 * shaken or to pain, or none) is HIGH; a patient who answers only to prodding or whose eyes open to voice without
 * contact is MEDIUM. The limits are the same on both MOAA/S variants: they differ at their lighter end.
 */
public final class SedationDepth {
    private SedationDepth() {
    }

    /** Whether the scale measures sedation at all (a dissociation or discharge score neither raises nor clears). */
    public static boolean measures(Scale scale) {
        return scale == Scale.MOAA_S || scale == Scale.MOAA_S_1_6 || scale == Scale.RASS;
    }

    /** @return how deep, or null for a score within what the infusion intends (or a scale that is not of sedation) */
    public static Concern of(Scale scale, int score) {
        return switch (scale) {
            case MOAA_S -> score <= 1 ? Concern.of(Priority.HIGH, scale, score, score == 0 ? "no response to a painful stimulus"
                    : "responds only to a painful stimulus")
                    : score == 2 ? Concern.of(Priority.MEDIUM, scale, score, "responds only to prodding or shaking") : null;
            case MOAA_S_1_6 -> score <= 1 ? Concern.of(Priority.HIGH, scale, score, "no response to prodding or shaking")
                    : score == 2 ? Concern.of(Priority.MEDIUM, scale, score, "responds only to prodding or shaking") : null;
            case RASS -> score <= -4 ? Concern.of(Priority.HIGH, scale, score, score == -5 ? "unarousable"
                    : "no response to voice, moves only when touched")
                    : score == -3 ? Concern.of(Priority.MEDIUM, scale, score, "moves or opens eyes to voice, no eye contact") : null;
            case CADSS_6, CADSS_23, ALDRETE -> null;
        };
    }
}
