package org.chairside.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every number the rules use. The clinic's profile is complete; a session's overrides carry only what
 * the provider changed (nulls inherit), and {@link #overlay} merges them: a rule in the overrides
 * replaces the clinic's rule of the same condition as a whole; the discharge section is merged field by field.
 */
public record ThresholdProfile(List<Rule> rules, PrestartLimit prestart, ChartingInterval charting, Escalation escalation,
                               Discharge discharge) {

    /** A profile without a discharge section: it inherits the clinic's (and a clinic profile saved before it existed, the shipped one). */
    public ThresholdProfile(List<Rule> rules, PrestartLimit prestart, ChartingInterval charting, Escalation escalation) {
        this(rules, prestart, charting, escalation, null);
    }

    public ThresholdProfile overlay(ThresholdProfile overrides) {
        if (overrides == null) {
            return this;
        }
        Map<String, Rule> merged = new LinkedHashMap<>();
        rules.forEach(r -> merged.put(r.condition(), r));
        if (overrides.rules() != null) {
            overrides.rules().forEach(r -> merged.put(r.condition(), r));
        }
        return new ThresholdProfile(new ArrayList<>(merged.values()),
                overrides.prestart() != null ? overrides.prestart() : prestart,
                overrides.charting() != null ? overrides.charting() : charting,
                overrides.escalation() != null ? overrides.escalation() : escalation,
                discharge == null ? overrides.discharge() : discharge.overlay(overrides.discharge()));
    }

    public Optional<Rule> rule(String condition) {
        return rules.stream().filter(r -> r.condition().equals(condition)).findFirst();
    }

    public static ThresholdProfile empty() {
        return new ThresholdProfile(List.of(), null, null, null);
    }
}
