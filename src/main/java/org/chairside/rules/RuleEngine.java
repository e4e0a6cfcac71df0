package org.chairside.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules as a pure function: thresholds + baseline + the session's recent readings -> findings.
 * No clock, no database: the same inputs always give the same findings, so stored history can be replayed.
 */
public final class RuleEngine {
    private RuleEngine() {
    }

    /**
     * @param profile   the effective thresholds of the session
     * @param baseline  the session's baseline, or null when none is charted yet
     * @param recent    the session's readings before {@code reading}, oldest first (only the last few matter)
     * @param reading   the reading to evaluate
     * @param afterBaseline whether the reading was charted after the infusion started (change-from-baseline applies)
     * @return one finding per rule that concerns the reading's vitals; rules it says nothing about are left out
     */
    public static List<Finding> evaluate(ThresholdProfile profile, VitalSigns baseline, List<VitalSigns> recent,
                                         VitalSigns reading, boolean afterBaseline) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : profile.rules()) {
            if (rule.kind() == RuleKind.CHANGE_FROM_BASELINE && (!afterBaseline || baseline == null)) {
                continue;
            }
            if (!rule.concerns(reading)) {
                continue;
            }
            Finding worst = worstBreach(rule, baseline, reading);
            if (worst == null) {
                findings.add(Finding.clear(rule));
                continue;
            }
            Priority sustained = sustainedPriority(rule, baseline, recent, worst.priority());
            if (sustained == null) {
                continue; // crossing, but not for long enough: neither raise nor clear
            }
            if (sustained != worst.priority()) {
                // Sustained only at a lower level: report the crossing at that level. When the reading crosses
                // none of the lower limits itself (they watch another vital), its worst crossing is capped.
                Finding atLevel = worstBreachAtMost(rule, baseline, reading, sustained);
                worst = atLevel != null ? atLevel : capped(rule, worst, sustained, baseline);
            }
            findings.add(worst);
        }
        return findings;
    }

    private static Finding capped(Rule rule, Finding worst, Priority level, VitalSigns baseline) {
        Limit l = worst.limit();
        Limit limit = new Limit(l.vital(), l.operator(), l.value(), level);
        return new Finding(rule, Outcome.BREACH, limit, worst.observed(), worst.reading(),
                message(rule, limit, worst.observed(), worst.reading(), baseline));
    }

    /** The worst limit of the rule the reading crosses, or null. */
    static Finding worstBreach(Rule rule, VitalSigns baseline, VitalSigns reading) {
        return worstBreachAtMost(rule, baseline, reading, Priority.HIGH);
    }

    private static Finding worstBreachAtMost(Rule rule, VitalSigns baseline, VitalSigns reading, Priority ceiling) {
        Finding worst = null;
        for (Limit limit : rule.limits()) {
            if (limit.priority().above(ceiling)) {
                continue;
            }
            Double value = reading.value(limit.vital());
            if (value == null) {
                continue;
            }
            double observed = value;
            if (rule.kind() == RuleKind.CHANGE_FROM_BASELINE) {
                Double base = baseline.value(limit.vital());
                if (base == null) {
                    continue;
                }
                observed = value - base;
            }
            if (!limit.crossedBy(observed)) {
                continue;
            }
            if (worst == null || limit.priority().above(worst.priority())
                    || (limit.priority() == worst.priority() && excess(limit, observed) > excess(worst.limit(), worst.observed()))) {
                worst = new Finding(rule, Outcome.BREACH, limit, observed, value, message(rule, limit, observed, value, baseline));
            }
        }
        return worst;
    }

    /**
     * The highest priority that the last {@code sustained} readings, this one included, all reach;
     * null when fewer readings cross.
     */
    private static Priority sustainedPriority(Rule rule, VitalSigns baseline, List<VitalSigns> recent, Priority current) {
        int needed = rule.sustained() - 1;
        Priority level = current;
        for (int i = recent.size() - 1; i >= 0 && needed > 0; i--) {
            VitalSigns earlier = recent.get(i);
            if (!rule.concerns(earlier)) {
                continue;
            }
            Finding f = worstBreach(rule, baseline, earlier);
            if (f == null) {
                return null;
            }
            if (level.above(f.priority())) {
                level = f.priority();
            }
            needed--;
        }
        return needed > 0 ? null : level;
    }

    /** How far beyond its limit a value lies, in the limit's own direction. */
    private static double excess(Limit limit, double observed) {
        return limit.operator().upward() ? observed - limit.value() : limit.value() - observed;
    }

    private static String message(Rule rule, Limit limit, double observed, double value, VitalSigns baseline) {
        String unit = limit.vital().unit();
        if (rule.kind() == RuleKind.CHANGE_FROM_BASELINE) {
            double base = baseline.value(limit.vital());
            String direction = observed >= 0 ? "rose " : "fell ";
            return limit.vital().label() + " " + direction + Numbers.plain(Math.abs(observed)) + " " + unit
                    + " over baseline " + Numbers.plain(base) + " (now " + Numbers.plain(value) + "; limit "
                    + limit.operator().symbol() + " " + Numbers.plain(limit.value()) + "): " + rule.label();
        }
        return limit.vital().label() + " " + Numbers.plain(value) + " " + unit + " " + limit.operator().symbol() + " "
                + Numbers.plain(limit.value()) + " (" + limit.priority() + " limit): " + rule.label();
    }
}
