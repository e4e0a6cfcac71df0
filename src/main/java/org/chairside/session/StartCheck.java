package org.chairside.session;

import java.util.ArrayList;
import java.util.List;

import org.chairside.rules.PrestartLimit;
import org.chairside.rules.VitalSigns;

/**
 * What a checked-in session still needs before its infusion may start: a complete baseline and a contraindication
 * screening recorded, and a provider's clearance where the newest screening lists a contraindication or the pressure
 * before the start is at the pre-start limit. The start itself is refused on the same judgement
 * ({@code SessionService.checkStart}), and the board shows it on the chair's tile, so what the tile says is what the
 * start will answer.
 *
 * @param baselineCharted whether a complete baseline (blood pressure, heart rate, SpO2) is recorded
 * @param screened        whether a contraindication screening is recorded
 * @param clearance       why a provider must clear the start, in the words the start's refusal uses; empty if none
 */
public record StartCheck(boolean baselineCharted, boolean screened, List<String> clearance) {

    /**
     * @param baseline       the session's baseline, or null
     * @param newestPressure the newest blood pressure charted before the start (a recheck after the baseline counts), or null
     * @param present        the newest screening's contraindications, or null when none was recorded
     * @param limit          the session's pre-start limit
     */
    public static StartCheck of(VitalSigns baseline, VitalSigns newestPressure, List<Contraindication> present, PrestartLimit limit) {
        List<String> clearance = new ArrayList<>(2);
        if (present != null && !present.isEmpty()) {
            clearance.add("the screening lists " + Contraindication.describe(present));
        }
        VitalSigns pressure = newestPressure != null ? newestPressure : baseline;
        if (baseline != null && limit.needsClearance(pressure)) {
            clearance.add("blood pressure before the start " + pressure.systolic() + "/" + pressure.diastolic()
                    + " mmHg is at or above the pre-start limit " + limit.describe());
        }
        return new StartCheck(baseline != null, present != null, List.copyOf(clearance));
    }

    /** What is still to be recorded, in the words the start's refusal uses; empty when both are. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>(2);
        if (!baselineCharted) {
            missing.add("a complete baseline (blood pressure, heart rate and SpO2)");
        }
        if (!screened) {
            missing.add("the contraindication screening");
        }
        return missing;
    }
}
