package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.chairside.problem.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileValidatorTest {

    /** Rule indices in clinic-defaults.json: 0 BP_HIGH, 1 BP_LOW, 2 HR_HIGH, 3 HR_LOW, 4 SPO2_LOW, 5 RR_LOW, 6 BP_RISE. */
    static final ThresholdProfile DEFAULTS = DefaultThresholdsTest.loadDefaults();

    static final boolean FULL = false;
    static final boolean PARTIAL = true;

    // ---- building bad profiles from the valid defaults ---------------------------------------------

    static ThresholdProfile withRules(List<Rule> rules) {
        return new ThresholdProfile(rules, DEFAULTS.prestart(), DEFAULTS.charting(), DEFAULTS.escalation());
    }

    static ThresholdProfile withRule(int index, Rule rule) {
        List<Rule> rules = new ArrayList<>(DEFAULTS.rules());
        rules.set(index, rule);
        return withRules(rules);
    }

    static Rule rule(int index) {
        return DEFAULTS.rules().get(index);
    }

    static ThresholdProfile ruleCondition(int index, String condition) {
        Rule r = rule(index);
        return withRule(index, new Rule(condition, r.label(), r.kind(), r.sustainedReadings(), r.limits()));
    }

    static ThresholdProfile ruleLabel(int index, String label) {
        Rule r = rule(index);
        return withRule(index, new Rule(r.condition(), label, r.kind(), r.sustainedReadings(), r.limits()));
    }

    static ThresholdProfile ruleKind(int index, RuleKind kind) {
        Rule r = rule(index);
        return withRule(index, new Rule(r.condition(), r.label(), kind, r.sustainedReadings(), r.limits()));
    }

    static ThresholdProfile ruleSustained(int index, Integer sustained) {
        Rule r = rule(index);
        return withRule(index, new Rule(r.condition(), r.label(), r.kind(), sustained, r.limits()));
    }

    static ThresholdProfile ruleLimits(int index, Limit... limits) {
        Rule r = rule(index);
        return withRule(index, new Rule(r.condition(), r.label(), r.kind(), r.sustainedReadings(), Arrays.asList(limits)));
    }

    static ThresholdProfile withLimit(int ruleIndex, int limitIndex, Limit limit) {
        Rule r = rule(ruleIndex);
        List<Limit> limits = new ArrayList<>(r.limits());
        limits.set(limitIndex, limit);
        return withRule(ruleIndex, new Rule(r.condition(), r.label(), r.kind(), r.sustainedReadings(), limits));
    }

    static ThresholdProfile limitValue(int ruleIndex, int limitIndex, Double value) {
        Limit l = rule(ruleIndex).limits().get(limitIndex);
        return withLimit(ruleIndex, limitIndex, new Limit(l.vital(), l.operator(), value, l.priority()));
    }

    static ThresholdProfile prestart(Integer systolic, Integer diastolic) {
        return new ThresholdProfile(DEFAULTS.rules(), new PrestartLimit(systolic, diastolic), DEFAULTS.charting(), DEFAULTS.escalation());
    }

    static ThresholdProfile charting(Integer infusing, Integer recovery, Integer grace, Priority priority) {
        return new ThresholdProfile(DEFAULTS.rules(), DEFAULTS.prestart(), new ChartingInterval(infusing, recovery, grace, priority),
                DEFAULTS.escalation());
    }

    static ThresholdProfile escalation(Integer seconds) {
        return new ThresholdProfile(DEFAULTS.rules(), DEFAULTS.prestart(), DEFAULTS.charting(), new Escalation(seconds));
    }

    static Arguments invalid(String name, ThresholdProfile profile, boolean partial, String... fields) {
        return Arguments.of(name, profile, partial, List.of(fields));
    }

    static Arguments valid(String name, ThresholdProfile profile, boolean partial) {
        return Arguments.of(name, profile, partial, List.of());
    }

    static Stream<Arguments> profiles() {
        return Stream.of(
                valid("the clinic defaults", DEFAULTS, FULL),
                valid("the clinic defaults as a session override", DEFAULTS, PARTIAL),
                invalid("no profile at all", null, FULL, "body"),

                // sections: required on a clinic profile, optional on a session override
                invalid("full profile without prestart", new ThresholdProfile(DEFAULTS.rules(), null, DEFAULTS.charting(), DEFAULTS.escalation()),
                        FULL, "prestart"),
                valid("partial profile without prestart", new ThresholdProfile(DEFAULTS.rules(), null, DEFAULTS.charting(), DEFAULTS.escalation()),
                        PARTIAL),
                invalid("full profile without rules", new ThresholdProfile(null, DEFAULTS.prestart(), DEFAULTS.charting(), DEFAULTS.escalation()),
                        FULL, "rules"),
                invalid("full profile with nothing but rules", new ThresholdProfile(DEFAULTS.rules(), null, null, null),
                        FULL, "prestart", "charting", "escalation"),
                valid("session override with only an escalation", new ThresholdProfile(null, null, null, new Escalation(60)), PARTIAL),
                invalid("session override still checks what it carries", new ThresholdProfile(null, null, null, new Escalation(5)),
                        PARTIAL, "escalation.unacknowledgedSeconds"),

                // limit values
                invalid("systolic limit 400 is implausible", limitValue(0, 0, 400.0), FULL, "rules[0].limits[0].value"),
                invalid("systolic limit 39 is implausible", limitValue(0, 0, 39.0), FULL, "rules[0].limits[0].value"),
                valid("systolic limit 40 is the plausible minimum", limitValue(0, 0, 40.0), FULL),
                valid("systolic limit 300 is the plausible maximum", limitValue(0, 2, 300.0), FULL),
                invalid("diastolic limit 201 is implausible", limitValue(0, 3, 201.0), FULL, "rules[0].limits[3].value"),
                invalid("SpO2 limit 101 % is implausible", limitValue(4, 0, 101.0), FULL, "rules[4].limits[0].value"),
                invalid("respiratory rate limit 1 is implausible", limitValue(5, 0, 1.0), FULL, "rules[5].limits[0].value"),
                valid("a NEWS2 limit of 20, the highest score there is", limitValue(7, 1, 20.0), FULL),
                invalid("a NEWS2 limit of 21 could never fire", limitValue(7, 1, 21.0), FULL, "rules[7].limits[1].value"),
                invalid("a NEWS2 HIGH limit below its MEDIUM one hides the MEDIUM", limitValue(7, 1, 4.0), FULL, "rules[7].limits[0].value"),
                invalid("limit value missing", limitValue(2, 1, null), FULL, "rules[2].limits[1].value"),
                invalid("limit value NaN", limitValue(2, 1, Double.NaN), FULL, "rules[2].limits[1].value"),
                invalid("limit value infinite", limitValue(2, 1, Double.POSITIVE_INFINITY), FULL, "rules[2].limits[1].value"),
                invalid("session override with an implausible SpO2 limit",
                        new ThresholdProfile(List.of(new Rule("SPO2_LOW", "Oxygen saturation low", RuleKind.LIMIT, 1,
                                List.of(new Limit(Vital.SPO2, Operator.BELOW, 40.0, Priority.HIGH)))), null, null, null),
                        PARTIAL, "rules[0].limits[0].value"),

                // change-from-baseline limits are changes, not values
                valid("a systolic rise of 10 is fine though 10 mmHg is no plausible systolic", limitValue(6, 0, 10.0), FULL),
                valid("a systolic fall of 30", limitValue(6, 0, -30.0), FULL),
                invalid("a change of zero", limitValue(6, 1, 0.0), FULL, "rules[6].limits[1].value"),
                valid("a systolic change of 260 spans the plausible range", limitValue(6, 0, 260.0), FULL),
                invalid("a systolic change of 261 exceeds the plausible range", limitValue(6, 0, 261.0), FULL, "rules[6].limits[0].value"),
                invalid("a systolic change of -261 exceeds the plausible range", limitValue(6, 0, -261.0), FULL, "rules[6].limits[0].value"),

                // other limit fields
                invalid("limit without vital", withLimit(1, 0, new Limit(null, Operator.BELOW, 90.0, Priority.MEDIUM)), FULL,
                        "rules[1].limits[0].vital"),
                invalid("limit without operator", withLimit(1, 0, new Limit(Vital.SYSTOLIC, null, 90.0, Priority.MEDIUM)), FULL,
                        "rules[1].limits[0].operator"),
                invalid("limit without priority", withLimit(1, 0, new Limit(Vital.SYSTOLIC, Operator.BELOW, 90.0, null)), FULL,
                        "rules[1].limits[0].priority"),
                invalid("an empty limit reports every field", withLimit(1, 0, new Limit(null, null, null, null)), FULL,
                        "rules[1].limits[0].vital", "rules[1].limits[0].operator", "rules[1].limits[0].priority", "rules[1].limits[0].value"),
                invalid("null limit", withLimit(3, 1, null), FULL, "rules[3].limits[1]"),
                invalid("no limits", ruleLimits(3), FULL, "rules[3].limits"),
                invalid("null limit list", withRule(3, new Rule("HR_LOW", "Heart rate low", RuleKind.LIMIT, 1, null)), FULL, "rules[3].limits"),

                // rule fields
                invalid("duplicate condition", ruleCondition(1, "BP_HIGH"), FULL, "rules[1].condition"),
                invalid("duplicate condition further down", ruleCondition(6, "HR_LOW"), FULL, "rules[6].condition"),
                invalid("condition in lower case", ruleCondition(0, "bp_high"), FULL, "rules[0].condition"),
                invalid("a condition Chairside raises itself", ruleCondition(0, "SEDATION_DEEP"), FULL, "rules[0].condition"),
                invalid("the overdue charting's condition", ruleCondition(2, "CHARTING_OVERDUE"), FULL, "rules[2].condition"),
                invalid("the agitation's condition", ruleCondition(3, "AGITATION"), FULL, "rules[3].condition"),
                invalid("condition of one letter", ruleCondition(0, "B"), FULL, "rules[0].condition"),
                invalid("condition starting with a digit", ruleCondition(0, "1BP"), FULL, "rules[0].condition"),
                invalid("condition of 41 characters", ruleCondition(0, "B".repeat(41)), FULL, "rules[0].condition"),
                valid("condition of 40 characters", ruleCondition(0, "B".repeat(40)), FULL),
                invalid("condition missing", ruleCondition(0, null), FULL, "rules[0].condition"),
                invalid("label blank", ruleLabel(2, "  "), FULL, "rules[2].label"),
                invalid("label of 101 characters", ruleLabel(2, "x".repeat(101)), FULL, "rules[2].label"),
                valid("label of 100 characters", ruleLabel(2, "x".repeat(100)), FULL),
                invalid("label with a right-to-left override", ruleLabel(2, "SpO2 \u202Ewol"), FULL, "rules[2].label"),
                invalid("label on two lines", ruleLabel(2, "SpO2\nlow"), FULL, "rules[2].label"),
                invalid("kind missing", ruleKind(2, null), FULL, "rules[2].kind"),
                invalid("sustained for 0 readings", ruleSustained(4, 0), FULL, "rules[4].sustainedReadings"),
                invalid("sustained for 21 readings", ruleSustained(4, 21), FULL, "rules[4].sustainedReadings"),
                valid("sustained for 20 readings", ruleSustained(4, 20), FULL),
                valid("sustained not given means 1", ruleSustained(4, null), FULL),
                invalid("null rule", withRule(5, null), FULL, "rules[5]"),

                // prestart
                invalid("prestart systolic 79", prestart(79, 90), FULL, "prestart.systolic"),
                invalid("prestart systolic 251", prestart(251, 90), FULL, "prestart.systolic"),
                invalid("prestart diastolic 39", prestart(140, 39), FULL, "prestart.diastolic"),
                invalid("prestart diastolic 151", prestart(140, 151), FULL, "prestart.diastolic"),
                invalid("prestart with neither number", prestart(null, null), FULL, "prestart.systolic", "prestart.diastolic"),
                valid("prestart at its extremes", prestart(250, 40), FULL),

                // charting
                invalid("charting.graceMinutes 61", charting(10, 15, 61, Priority.MEDIUM), FULL, "charting.graceMinutes"),
                valid("charting.graceMinutes 60", charting(10, 15, 60, Priority.MEDIUM), FULL),
                valid("charting.graceMinutes 0", charting(10, 15, 0, Priority.MEDIUM), FULL),
                invalid("charting.graceMinutes -1", charting(10, 15, -1, Priority.MEDIUM), FULL, "charting.graceMinutes"),
                invalid("charting.infusingMinutes 0", charting(0, 15, 5, Priority.MEDIUM), FULL, "charting.infusingMinutes"),
                invalid("charting.recoveryMinutes 241", charting(10, 241, 5, Priority.MEDIUM), FULL, "charting.recoveryMinutes"),
                invalid("charting without priority", charting(10, 15, 5, null), FULL, "charting.priority"),
                invalid("a session override cannot leave charting fields out", charting(10, null, null, Priority.MEDIUM), PARTIAL,
                        "charting.recoveryMinutes", "charting.graceMinutes"),

                // escalation
                invalid("escalation.unacknowledgedSeconds 5", escalation(5), FULL, "escalation.unacknowledgedSeconds"),
                valid("escalation.unacknowledgedSeconds 10", escalation(10), FULL),
                valid("escalation.unacknowledgedSeconds 3600", escalation(3600), FULL),
                invalid("escalation.unacknowledgedSeconds 3601", escalation(3601), FULL, "escalation.unacknowledgedSeconds"),
                invalid("escalation.unacknowledgedSeconds missing", escalation(null), FULL, "escalation.unacknowledgedSeconds"),

                // several problems are all reported, in profile order
                invalid("several problems at once",
                        new ThresholdProfile(List.of(
                                new Rule("BP_HIGH", "", RuleKind.LIMIT, 0, List.of(new Limit(Vital.SYSTOLIC, Operator.AT_OR_ABOVE, 999.0, Priority.HIGH))),
                                new Rule("BP_HIGH", "Blood pressure high", RuleKind.LIMIT, 1, List.of())),
                                new PrestartLimit(140, 90), new ChartingInterval(10, 15, 61, Priority.MEDIUM), new Escalation(5)),
                        FULL, "rules[0].label", "rules[0].sustainedReadings", "rules[0].limits[0].value",
                        "rules[1].condition", "rules[1].limits", "rules", "charting.graceMinutes", "escalation.unacknowledgedSeconds"),

                // every limit can take effect
                invalid("a MEDIUM high limit above the HIGH one never shows", limitValue(2, 0, 135.0), FULL, "rules[2].limits[0].value"),
                invalid("a MEDIUM high limit equal to the HIGH one never shows", limitValue(2, 0, 130.0), FULL, "rules[2].limits[0].value"),
                valid("a MEDIUM high limit just below the HIGH one", limitValue(2, 0, 129.0), FULL),
                invalid("a MEDIUM low limit below the HIGH one never shows", limitValue(4, 0, 85.0), FULL, "rules[4].limits[0].value"),
                valid("limits on other vitals of one rule do not shadow each other", limitValue(0, 0, 170.0), FULL),
                invalid("high and low limits that overlap fire on every value",
                        ruleLimits(2, new Limit(Vital.HEART_RATE, Operator.ABOVE, 60.0, Priority.MEDIUM),
                                new Limit(Vital.HEART_RATE, Operator.BELOW, 80.0, Priority.MEDIUM)), FULL, "rules[2].limits"),
                valid("high and low limits apart in one rule",
                        ruleLimits(2, new Limit(Vital.HEART_RATE, Operator.ABOVE, 120.0, Priority.MEDIUM),
                                new Limit(Vital.HEART_RATE, Operator.BELOW, 45.0, Priority.MEDIUM)), FULL),
                invalid("the same overlap in a session override", new ThresholdProfile(List.of(new Rule("HR_ODD", "Heart rate odd",
                        RuleKind.LIMIT, 1, List.of(new Limit(Vital.HEART_RATE, Operator.ABOVE, 60.0, Priority.LOW),
                                new Limit(Vital.HEART_RATE, Operator.BELOW, 80.0, Priority.LOW)))), null, null, null),
                        PARTIAL, "rules[0].limits"),

                // a clinic profile keeps watching blood pressure, heart rate and SpO2
                invalid("a clinic profile without rules alarms on nothing", withRules(List.of()), FULL, "rules"),
                invalid("a clinic profile without an SpO2 limit", withRules(List.of(rule(0), rule(1), rule(2), rule(3), rule(5), rule(6))),
                        FULL, "rules"),
                valid("a session override need not repeat them", new ThresholdProfile(List.of(), null, null, null), PARTIAL));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("profiles")
    void violationsNameTheOffendingFields(String name, ThresholdProfile profile, boolean partial, List<String> fields) {
        List<Violation> violations = ProfileValidator.validate(profile, partial);

        assertEquals(fields, violations.stream().map(Violation::field).toList(), () -> "violations: " + violations);
    }

    @ParameterizedTest(name = "partial={0}")
    @ValueSource(booleans = {false, true})
    void everyViolationExplainsTheRuleInWords(boolean partial) {
        List<Violation> violations = ProfileValidator.validate(
                new ThresholdProfile(List.of(new Rule("x", null, null, 99, List.of(new Limit(null, null, null, null)))),
                        new PrestartLimit(0, 0), new ChartingInterval(0, 0, 99, null), new Escalation(0)), partial);

        // and a clinic profile without its core limits
        assertEquals(partial ? 15 : 16, violations.size(), () -> "violations: " + violations);
        for (Violation v : violations) {
            assertFalse(v.rule() == null || v.rule().isBlank(), () -> v.field() + " has a rule in words");
        }
    }
}
