package org.chairside.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What one condition's rule finds over a session's readings charted one after the other, each judged with the
 * readings before it, as charting them in that order would have. Used when an amendment takes away a reading an
 * alert stands on: the alert is rebuilt from what is left. Pure: no clock, no database.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * @param readings      the session's current readings in taken-at order
     * @param afterBaseline for each reading, whether it was charted after the infusion started
     * @param from          the first reading to judge (those before it only serve the sustained rules' look-back)
     * @return for each reading from {@code from} on, the condition's finding, or null where its rule says nothing
     *         (the reading carries none of its vitals, or crosses without yet being sustained); empty when the
     *         profile has no such condition
     */
    public static List<Finding> of(ThresholdProfile profile, String condition, VitalSigns baseline, List<VitalSigns> readings,
                                   List<Boolean> afterBaseline, int from) {
        List<Finding> out = new ArrayList<>();
        if (profile.rules().stream().noneMatch(r -> r.condition().equals(condition))) {
            return out;
        }
        for (int i = from; i < readings.size(); i++) {
            Finding found = null;
            for (Finding f : RuleEngine.evaluate(profile, baseline, readings.subList(0, i), readings.get(i), afterBaseline.get(i))) {
                if (f.rule().condition().equals(condition)) {
                    found = f;
                }
            }
            out.add(found);
        }
        return out;
    }
}
