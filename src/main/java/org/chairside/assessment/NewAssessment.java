package org.chairside.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.problem.Violation;
import org.chairside.validation.PlainText;

/**
 * A score as a nurse records it: the scale, and either its score or, for the Aldrete score, its five items (the
 * score is their sum; a score sent with them must agree).
 */
public record NewAssessment(@NotNull(message = "is required: MOAA_S, MOAA_S_1_6, RASS, CADSS_6, CADSS_23 or ALDRETE") Scale scale,
                            Integer score, AldreteItems items, Instant takenAt,
                            @Size(max = 500) @PlainText(multiline = true) String note) {

    /** The rules between the fields (bean validation checks each field alone). */
    public List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        if (scale == null) {
            return out;
        }
        if (scale.scoredByItems()) {
            if (items == null) {
                out.add(new Violation("items", "are required for " + scale.label() + ": activity, respiration, circulation,"
                        + " consciousness and oxygenSaturation, each 0-2"));
                return out;
            }
            List<Violation> bad = items.violations("items.");
            if (!bad.isEmpty()) {
                return bad;
            }
            if (score != null && score != items.total()) {
                out.add(new Violation("score", "must be the sum of the items (" + items.total() + ") or left out"));
            }
            return out;
        }
        if (items != null) {
            out.add(new Violation("items", "are only for ALDRETE: " + scale.label() + " is one score"));
        }
        if (score == null) {
            out.add(new Violation("score", "is required: " + scale.range() + " on " + scale.label()));
        } else if (score < scale.min() || score > scale.max()) {
            out.add(new Violation("score", "must be " + scale.range() + " on " + scale.label()));
        }
        return out;
    }

    /** The score to store: the items' sum for the Aldrete score. */
    public int scored() {
        return scale.scoredByItems() ? items.total() : score;
    }
}
