package org.chairside.rules;

import java.util.List;

/**
 * A named condition a session can be in, such as BP_HIGH. Its limits are levels of the same condition
 * (warning at 160, critical at 180), so the condition raises one alert whose priority follows the worst
 * level reached. {@code sustainedReadings} &gt; 1 fires only when that many consecutive readings cross.
 */
public record Rule(String condition, String label, RuleKind kind, Integer sustainedReadings, List<Limit> limits) {

    public int sustained() {
        return sustainedReadings == null ? 1 : sustainedReadings;
    }

    public boolean concerns(VitalSigns vitals) {
        return limits.stream().anyMatch(l -> vitals.value(l.vital()) != null);
    }
}
