package org.chairside.assessment;

import java.util.ArrayList;
import java.util.List;

import org.chairside.problem.Violation;

/**
 * The five items of the modified Aldrete score, each 0, 1 or 2: activity (moves four limbs = 2), respiration (breathes
 * deeply and coughs = 2), circulation (blood pressure within 20 % of the pre-infusion level = 2), consciousness (fully
 * awake = 2) and oxygen saturation (above 92 % on room air = 2).
 */
public record AldreteItems(Integer activity, Integer respiration, Integer circulation, Integer consciousness,
                           Integer oxygenSaturation) {

    private static final String[] NAMES = {"activity", "respiration", "circulation", "consciousness", "oxygenSaturation"};

    private Integer[] values() {
        return new Integer[] {activity, respiration, circulation, consciousness, oxygenSaturation};
    }

    /** Each item missing or outside 0-2, named under {@code prefix}. */
    public List<Violation> violations(String prefix) {
        List<Violation> out = new ArrayList<>();
        Integer[] v = values();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                out.add(new Violation(prefix + NAMES[i], "is required: 0, 1 or 2"));
            } else if (v[i] < 0 || v[i] > 2) {
                out.add(new Violation(prefix + NAMES[i], "must be 0, 1 or 2"));
            }
        }
        return out;
    }

    /** The sum of the items; only for items without {@link #violations}. */
    public int total() {
        int sum = 0;
        for (Integer i : values()) {
            sum += i;
        }
        return sum;
    }
}
