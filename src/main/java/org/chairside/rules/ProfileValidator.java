package org.chairside.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.chairside.problem.Violation;
import org.chairside.validation.TextCharacters;

/**
 * Checks a threshold profile before it is stored. A clinic profile must be complete; session overrides
 * may leave sections out ({@code partial}).
 */
public final class ProfileValidator {
    private static final Pattern CONDITION = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private ProfileValidator() {
    }

    public static List<Violation> validate(ThresholdProfile p, boolean partial) {
        List<Violation> out = new ArrayList<>();
        if (p == null) {
            out.add(new Violation("body", "a threshold profile is required"));
            return out;
        }
        if (p.rules() == null) {
            if (!partial) {
                out.add(new Violation("rules", "is required"));
            }
        } else {
            validateRules(p.rules(), out);
            if (!partial) {
                watchesCoreVitals(p.rules(), out);
            }
        }
        if (p.prestart() == null) {
            if (!partial) {
                out.add(new Violation("prestart", "is required"));
            }
        } else {
            range(out, "prestart.systolic", p.prestart().systolic(), 80, 250);
            range(out, "prestart.diastolic", p.prestart().diastolic(), 40, 150);
        }
        if (p.charting() == null) {
            if (!partial) {
                out.add(new Violation("charting", "is required"));
            }
        } else {
            range(out, "charting.infusingMinutes", p.charting().infusingMinutes(), 1, 240);
            range(out, "charting.recoveryMinutes", p.charting().recoveryMinutes(), 1, 240);
            range(out, "charting.graceMinutes", p.charting().graceMinutes(), 0, 60);
            if (p.charting().priority() == null) {
                out.add(new Violation("charting.priority", "is required (LOW, MEDIUM or HIGH)"));
            }
        }
        if (p.escalation() == null) {
            if (!partial) {
                out.add(new Violation("escalation", "is required"));
            }
        } else {
            range(out, "escalation.unacknowledgedSeconds", p.escalation().unacknowledgedSeconds(), 10, 3600);
        }
        // Optional even in a clinic profile: one saved before the section existed, or sent by an older client, keeps the
        // shipped discharge rule (Thresholds.clinic fills it in).
        if (p.discharge() != null) {
            Discharge d = p.discharge();
            // A session's override may change one field and inherit the others; the clinic's states its score.
            if (!partial || d.aldreteAtLeast() != null) {
                range(out, "discharge.aldreteAtLeast", d.aldreteAtLeast(), 0, 10);
            }
            if (d.recoveryMinutesAtLeast() != null) {
                range(out, "discharge.recoveryMinutesAtLeast", d.recoveryMinutesAtLeast(), 0, 480);
            }
            if (d.esketamineMinutesAtLeast() != null) {
                range(out, "discharge.esketamineMinutesAtLeast", d.esketamineMinutesAtLeast(), Discharge.ESKETAMINE_MINUTES_FLOOR, 480);
            }
        }
        return out;
    }

    private static void validateRules(List<Rule> rules, List<Violation> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "]";
            if (r == null) {
                out.add(new Violation(at, "must not be null"));
                continue;
            }
            if (r.condition() == null || !CONDITION.matcher(r.condition()).matches()) {
                out.add(new Violation(at + ".condition", "must be 2-40 capital letters, digits or underscores, starting with a letter"));
            } else if (OwnConditions.ALL.contains(r.condition())) {
                out.add(new Violation(at + ".condition", "must not be " + r.condition() + ", a condition Chairside raises itself"));
            } else if (!seen.add(r.condition())) {
                out.add(new Violation(at + ".condition", "must be unique; " + r.condition() + " appears twice"));
            }
            if (r.label() == null || r.label().isBlank() || r.label().length() > 100) {
                out.add(new Violation(at + ".label", "is required, at most 100 characters"));
            } else if (TextCharacters.problem(r.label(), false) != null) {
                out.add(new Violation(at + ".label", TextCharacters.problem(r.label(), false)));
            }
            if (r.kind() == null) {
                out.add(new Violation(at + ".kind", "is required (LIMIT or CHANGE_FROM_BASELINE)"));
            }
            if (r.sustainedReadings() != null) {
                range(out, at + ".sustainedReadings", r.sustainedReadings(), 1, 20);
            }
            if (r.limits() == null || r.limits().isEmpty()) {
                out.add(new Violation(at + ".limits", "needs at least one limit"));
                continue;
            }
            int before = out.size();
            for (int j = 0; j < r.limits().size(); j++) {
                validateLimit(r.kind(), r.limits().get(j), at + ".limits[" + j + "]", out);
            }
            if (out.size() == before) {
                limitsTakeEffect(r.limits(), at, out);
            }
        }
    }

    /** Vitals every session is watched for: a clinic profile without a limit on one of them would never alarm on it. */
    private static final List<Vital> CORE = List.of(Vital.SYSTOLIC, Vital.HEART_RATE, Vital.SPO2);

    private static void watchesCoreVitals(List<Rule> rules, List<Violation> out) {
        List<String> missing = new ArrayList<>();
        for (Vital v : CORE) {
            boolean watched = rules.stream().anyMatch(r -> r != null && r.kind() == RuleKind.LIMIT && r.limits() != null
                    && r.limits().stream().anyMatch(l -> l != null && l.vital() == v));
            if (!watched) {
                missing.add(v.label());
            }
        }
        if (!missing.isEmpty()) {
            out.add(new Violation("rules", "must keep a limit on " + String.join(", ", missing)
                    + ": without one no session would ever alarm on it"));
        }
    }

    /**
     * Within a rule, a limit of lower priority that a higher one always reaches first never shows (a LOW above 130 beside
     * a HIGH above 110), and high limits that overlap low ones fire on every value (above 60 and below 80).
     */
    private static void limitsTakeEffect(List<Limit> limits, String at, List<Violation> out) {
        for (int i = 0; i < limits.size(); i++) {
            Limit a = limits.get(i);
            for (int j = 0; j < limits.size(); j++) {
                Limit b = limits.get(j);
                if (i == j || a.vital() != b.vital() || a.operator().upward() != b.operator().upward() || !b.priority().above(a.priority())) {
                    continue;
                }
                // b is the more urgent: it must be the further from normal
                boolean shadowed = a.operator().upward() ? b.value() <= a.value() : b.value() >= a.value();
                if (shadowed) {
                    out.add(new Violation(at + ".limits[" + i + "].value", "never takes effect: the " + b.priority() + " limit at "
                            + Numbers.plain(b.value()) + " is reached first; a " + a.priority() + " limit must be nearer to normal"));
                    break;
                }
            }
        }
        for (Limit up : limits) {
            for (Limit down : limits) {
                if (up.vital() == down.vital() && up.operator().upward() && !down.operator().upward() && up.value() <= down.value()) {
                    out.add(new Violation(at + ".limits", "its high and low limits on " + up.vital().label() + " overlap ("
                            + up.operator().symbol() + " " + Numbers.plain(up.value()) + " and " + down.operator().symbol() + " "
                            + Numbers.plain(down.value()) + "): every value would raise it"));
                    return;
                }
            }
        }
    }

    private static void validateLimit(RuleKind kind, Limit l, String at, List<Violation> out) {
        if (l == null) {
            out.add(new Violation(at, "must not be null"));
            return;
        }
        if (l.vital() == null) {
            out.add(new Violation(at + ".vital", "is required"));
        }
        if (l.operator() == null) {
            out.add(new Violation(at + ".operator", "is required (AT_OR_ABOVE, ABOVE, BELOW, AT_OR_BELOW)"));
        }
        if (l.priority() == null) {
            out.add(new Violation(at + ".priority", "is required (LOW, MEDIUM or HIGH)"));
        }
        if (l.value() == null || l.value().isNaN() || l.value().isInfinite()) {
            out.add(new Violation(at + ".value", "is required"));
        } else if (l.vital() != null) {
            if (kind == RuleKind.CHANGE_FROM_BASELINE) {
                double span = l.vital().plausibleMax() - l.vital().plausibleMin();
                if (Math.abs(l.value()) > span || l.value() == 0) {
                    out.add(new Violation(at + ".value", "a change from baseline must be non-zero and at most " + Numbers.plain(span) + " " + l.vital().unit()));
                }
            } else if (!l.vital().isPlausible(l.value())) {
                out.add(new Violation(at + ".value", "must lie within the plausible range of " + l.vital().label() + " ("
                        + Numbers.plain(l.vital().plausibleMin()) + "-" + Numbers.plain(l.vital().plausibleMax()) + " " + l.vital().unit() + ")"));
            }
        }
    }

    private static void range(List<Violation> out, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            out.add(new Violation(field, "must be a whole number from " + min + " to " + max));
        }
    }
}
