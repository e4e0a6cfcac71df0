package org.chairside.assessment;

import org.chairside.rules.Priority;

/** What a score in the chair says needs somebody at the chair: how urgently, and in the words the board shows. */
public record Concern(Priority priority, String message) {

    static Concern of(Priority priority, Scale scale, int score, String what) {
        String value = scale == Scale.RASS && score > 0 ? "+" + score : Integer.toString(score);
        return new Concern(priority, scale.label() + " " + value + ": " + what);
    }
}
