package org.chairside.assessment;

import org.chairside.rules.Priority;

/**
 * What a RASS score says of agitation. Ketamine's emergence reactions can turn a calm patient into one who pulls at the
 * IV line or strikes out; the board must show that as it shows deep sedation, not leave it in the assessment list. A
 * combative patient (+4) is a danger to staff and to the line: HIGH. A very agitated one, pulling at tubes or
 * aggressive (+3), needs prompt attention: MEDIUM. Restless or agitated without aggression (+1, +2) is common in a
 * dissociative infusion and is the nurse's to watch, not an alarm. The MOAA/S scales do not measure agitation, so
 * only a RASS score raises or clears it.
 */
public final class Agitation {
    private Agitation() {
    }

    public static boolean measures(Scale scale) {
        return scale == Scale.RASS;
    }

    /** @return the concern, or null for a score calm enough (or a scale that does not measure agitation) */
    public static Concern of(Scale scale, int score) {
        if (!measures(scale)) {
            return null;
        }
        return score >= 4 ? Concern.of(Priority.HIGH, scale, score, "combative, a danger to staff and to the line")
                : score == 3 ? Concern.of(Priority.MEDIUM, scale, score, "pulls at tubes or the catheter, or is aggressive") : null;
    }
}
