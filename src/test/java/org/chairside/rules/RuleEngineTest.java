package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleEngineTest {

    static final ThresholdProfile DEFAULTS = DefaultThresholdsTest.loadDefaults();
    static final VitalSigns BASELINE = new VitalSigns(100, 60, 75, 98, 14, null);

    static VitalSigns bp(int systolic, int diastolic) {
        return new VitalSigns(systolic, diastolic, 75, 98, 14, null);
    }

    static VitalSigns onlySpo2(int spo2) {
        return new VitalSigns(null, null, null, spo2, null, null);
    }

    static VitalSigns onlyHeartRate(int heartRate) {
        return new VitalSigns(null, null, heartRate, null, null, null);
    }

    static String summary(Finding f) {
        return DefaultThresholdsTest.summary(f);
    }

    static Finding single(List<Finding> findings, String condition) {
        List<Finding> matching = findings.stream().filter(f -> f.rule().condition().equals(condition)).toList();
        assertEquals(1, matching.size(), () -> "exactly one " + condition + " finding in " + findings);
        return matching.get(0);
    }

    // ---- the worst limit of a rule wins -------------------------------------------------------------

    static Stream<Arguments> worstLimit() {
        return Stream.of(
                Arguments.of("185/105: HIGH systolic beats MEDIUM diastolic", bp(185, 105), "BP_HIGH", Priority.HIGH, "Systolic ≥ 180 mmHg"),
                Arguments.of("165/112: HIGH diastolic beats MEDIUM systolic", bp(165, 112), "BP_HIGH", Priority.HIGH, "Diastolic ≥ 110 mmHg"),
                Arguments.of("185/118: both HIGH, diastolic further beyond its limit", bp(185, 118), "BP_HIGH", Priority.HIGH, "Diastolic ≥ 110 mmHg"),
                Arguments.of("190/111: both HIGH, systolic further beyond its limit", bp(190, 111), "BP_HIGH", Priority.HIGH, "Systolic ≥ 180 mmHg"),
                Arguments.of("170/102: both MEDIUM, systolic further beyond its limit", bp(170, 102), "BP_HIGH", Priority.MEDIUM, "Systolic ≥ 160 mmHg"),
                Arguments.of("162/108: both MEDIUM, diastolic further beyond its limit", bp(162, 108), "BP_HIGH", Priority.MEDIUM, "Diastolic ≥ 100 mmHg"),
                Arguments.of("SpO2 85 crosses both SpO2 limits", onlySpo2(85), "SPO2_LOW", Priority.HIGH, "SpO2 < 88 %"),
                Arguments.of("heart rate 140 crosses both heart rate limits", onlyHeartRate(140), "HR_HIGH", Priority.HIGH, "Heart rate > 130 /min"),
                Arguments.of("heart rate 35 crosses both heart rate limits", onlyHeartRate(35), "HR_LOW", Priority.HIGH, "Heart rate < 40 /min"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worstLimit")
    void theWorstLimitCrossedDecidesThePriority(String name, VitalSigns reading, String condition,
                                                Priority priority, String limit) {
        Finding f = single(RuleEngine.evaluate(DEFAULTS, null, List.of(), reading, false), condition);

        assertAll(
                () -> assertEquals(Outcome.BREACH, f.outcome()),
                () -> assertEquals(priority, f.priority()),
                () -> assertEquals(limit, f.limit().describe()));
    }

    // ---- messages -----------------------------------------------------------------------------------

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("systolic 185", bp(185, 80), null, "BP_HIGH",
                        List.of("Systolic 185 mmHg", "≥ 180", "HIGH", "Blood pressure high")),
                Arguments.of("diastolic 104", bp(120, 104), null, "BP_HIGH",
                        List.of("Diastolic 104 mmHg", "≥ 100", "MEDIUM", "Blood pressure high")),
                Arguments.of("SpO2 91", onlySpo2(91), null, "SPO2_LOW",
                        List.of("SpO2 91 %", "< 92", "Oxygen saturation low")),
                Arguments.of("heart rate 111", onlyHeartRate(111), null, "HR_HIGH",
                        List.of("Heart rate 111 /min", "> 110", "Heart rate high")),
                Arguments.of("systolic rise of 45 over baseline 100", bp(145, 60), BASELINE, "BP_RISE",
                        List.of("Systolic rose 45 mmHg", "baseline 100", "now 145", "≥ 40", "Blood pressure rise over baseline")),
                Arguments.of("diastolic rise of 30 over baseline 60", bp(100, 90), BASELINE, "BP_RISE",
                        List.of("Diastolic rose 30 mmHg", "baseline 60", "now 90", "≥ 25")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void breachMessagesNameTheValueAndTheLimit(String name, VitalSigns reading, VitalSigns baseline, String condition,
                                               List<String> fragments) {
        Finding f = single(RuleEngine.evaluate(DEFAULTS, baseline, List.of(), reading, baseline != null), condition);

        assertEquals(Outcome.BREACH, f.outcome());
        for (String fragment : fragments) {
            assertTrue(f.message().contains(fragment), () -> "'" + f.message() + "' mentions '" + fragment + "'");
        }
    }

    static Stream<Arguments> observedValues() {
        return Stream.of(
                Arguments.of("plain limit: observed is the value", bp(185, 80), null, "BP_HIGH", 185.0, 185.0),
                Arguments.of("baseline rule: observed is the change", bp(145, 60), BASELINE, "BP_RISE", 45.0, 145.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observedValues")
    void aBreachRecordsTheComparedValueAndTheReading(String name, VitalSigns reading, VitalSigns baseline, String condition,
                                                     Double observed, Double value) {
        Finding f = single(RuleEngine.evaluate(DEFAULTS, baseline, List.of(), reading, baseline != null), condition);

        assertEquals(observed, f.observed());
        assertEquals(value, f.reading());
    }

    // ---- change from baseline applies only after the baseline -------------------------------------

    static Stream<Arguments> baselineRuleApplicability() {
        return Stream.of(
                Arguments.of("after baseline, with baseline", BASELINE, true, List.of("BP_RISE=BREACH MEDIUM SYSTOLIC")),
                Arguments.of("before the infusion started", BASELINE, false, List.of()),
                Arguments.of("no baseline charted yet", null, true, List.of()),
                Arguments.of("no baseline and before the start", null, false, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineRuleApplicability")
    void changeFromBaselineRulesNeedABaselineAndApplyOnlyAfterIt(String name, VitalSigns baseline, boolean afterBaseline,
                                                                 List<String> expectedRiseFindings) {
        // 150/90 is +50/+30 over the 100/60 baseline, under every plain limit
        List<Finding> findings = RuleEngine.evaluate(DEFAULTS, baseline, List.of(), bp(150, 90), afterBaseline);

        assertEquals(expectedRiseFindings, findings.stream()
                .filter(f -> f.rule().kind() == RuleKind.CHANGE_FROM_BASELINE).map(RuleEngineTest::summary).toList());
        assertEquals(6, findings.stream().filter(f -> f.rule().kind() == RuleKind.LIMIT).count(),
                "the plain limit rules are evaluated either way");
    }

    // ---- partial readings ---------------------------------------------------------------------------

    static Stream<Arguments> partialReadings() {
        return Stream.of(
                Arguments.of("only SpO2 91", onlySpo2(91), null, List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                Arguments.of("only SpO2 98", onlySpo2(98), null, List.of("SPO2_LOW=CLEAR")),
                Arguments.of("only SpO2 91, after baseline", onlySpo2(91), BASELINE, List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                Arguments.of("only heart rate 75", onlyHeartRate(75), null, List.of("HR_HIGH=CLEAR", "HR_LOW=CLEAR")),
                Arguments.of("only heart rate 45", onlyHeartRate(45), null, List.of("HR_HIGH=CLEAR", "HR_LOW=BREACH MEDIUM HEART_RATE")),
                Arguments.of("only diastolic 105: BP_LOW concerns systolic only",
                        new VitalSigns(null, 105, null, null, null, null), null, List.of("BP_HIGH=BREACH MEDIUM DIASTOLIC")),
                Arguments.of("only systolic 120, after baseline",
                        new VitalSigns(120, null, null, null, null, null), BASELINE, List.of("BP_HIGH=CLEAR", "BP_LOW=CLEAR", "BP_RISE=CLEAR")),
                Arguments.of("only respiratory rate 8",
                        new VitalSigns(null, null, null, null, 8, null), null, List.of("RR_LOW=BREACH HIGH RESPIRATORY_RATE")),
                Arguments.of("only a temperature: no rule concerns it",
                        new VitalSigns(null, null, null, null, null, 39.5), BASELINE, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partialReadings")
    void rulesWhoseVitalsTheReadingLacksGiveNoFinding(String name, VitalSigns reading, VitalSigns baseline, List<String> expected) {
        List<Finding> findings = RuleEngine.evaluate(DEFAULTS, baseline, List.of(), reading, baseline != null);

        assertEquals(expected, findings.stream().map(RuleEngineTest::summary).toList());
    }

    // ---- sustained-for rules ------------------------------------------------------------------------

    static Rule spo2Low(int sustained) {
        return new Rule("SPO2_LOW", "Oxygen saturation low", RuleKind.LIMIT, sustained, List.of(
                new Limit(Vital.SPO2, Operator.BELOW, 92.0, Priority.MEDIUM),
                new Limit(Vital.SPO2, Operator.BELOW, 88.0, Priority.HIGH)));
    }

    static Rule bpHigh(int sustained) {
        return new Rule("BP_HIGH", "Blood pressure high", RuleKind.LIMIT, sustained, List.of(
                new Limit(Vital.SYSTOLIC, Operator.AT_OR_ABOVE, 160.0, Priority.MEDIUM),
                new Limit(Vital.DIASTOLIC, Operator.AT_OR_ABOVE, 100.0, Priority.MEDIUM),
                new Limit(Vital.SYSTOLIC, Operator.AT_OR_ABOVE, 180.0, Priority.HIGH),
                new Limit(Vital.DIASTOLIC, Operator.AT_OR_ABOVE, 110.0, Priority.HIGH)));
    }

    static ThresholdProfile only(Rule rule) {
        return new ThresholdProfile(List.of(rule), null, null, null);
    }

    static Arguments sustained(String name, Rule rule, List<VitalSigns> recent, VitalSigns reading, List<String> expected) {
        return Arguments.of(name, rule, recent, reading, expected);
    }

    static Stream<Arguments> sustainedCases() {
        List<String> none = List.of();
        return Stream.of(
                sustained("first crossing: neither raised nor cleared", spo2Low(2), List.of(), onlySpo2(91), none),
                sustained("second consecutive crossing: BREACH", spo2Low(2), List.of(onlySpo2(91)), onlySpo2(91),
                        List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("normal reading: CLEAR at once", spo2Low(2), List.of(onlySpo2(91)), onlySpo2(98), List.of("SPO2_LOW=CLEAR")),
                sustained("normal reading without history: CLEAR", spo2Low(2), List.of(), onlySpo2(98), List.of("SPO2_LOW=CLEAR")),
                sustained("crossing after a normal reading is a first crossing", spo2Low(2), List.of(onlySpo2(91), onlySpo2(97)),
                        onlySpo2(91), none),
                sustained("only the latest readings count", spo2Low(2), List.of(onlySpo2(97), onlySpo2(91)), onlySpo2(91),
                        List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("a reading without SpO2 in between is skipped", spo2Low(2), List.of(onlySpo2(91), onlyHeartRate(80)),
                        onlySpo2(90), List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("readings without SpO2 do not count as crossings", spo2Low(2), List.of(onlyHeartRate(80), onlyHeartRate(80)),
                        onlySpo2(90), none),
                sustained("MEDIUM then HIGH: MEDIUM", spo2Low(2), List.of(onlySpo2(90)), onlySpo2(85),
                        List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("HIGH then MEDIUM: MEDIUM", spo2Low(2), List.of(onlySpo2(85)), onlySpo2(90),
                        List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("HIGH then HIGH: HIGH", spo2Low(2), List.of(onlySpo2(86)), onlySpo2(85),
                        List.of("SPO2_LOW=BREACH HIGH SPO2")),
                sustained("an older HIGH outside the window does not count", spo2Low(2), List.of(onlySpo2(85), onlySpo2(90)),
                        onlySpo2(85), List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("blood pressure MEDIUM then HIGH: MEDIUM", bpHigh(2), List.of(bp(165, 80)), bp(185, 80),
                        List.of("BP_HIGH=BREACH MEDIUM SYSTOLIC")),
                sustained("sustained 3, two earlier crossings: BREACH", spo2Low(3), List.of(onlySpo2(91), onlySpo2(90)), onlySpo2(89),
                        List.of("SPO2_LOW=BREACH MEDIUM SPO2")),
                sustained("sustained 3, only one earlier crossing: nothing", spo2Low(3), List.of(onlySpo2(97), onlySpo2(90)),
                        onlySpo2(89), none),
                sustained("sustained 3, not enough history: nothing", spo2Low(3), List.of(onlySpo2(90)), onlySpo2(89), none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sustainedCases")
    void sustainedRulesFireOnlyAfterEnoughConsecutiveCrossings(String name, Rule rule, List<VitalSigns> recent,
                                                                VitalSigns reading, List<String> expected) {
        List<Finding> findings = RuleEngine.evaluate(only(rule), null, recent, reading, false);

        assertEquals(expected, findings.stream().map(RuleEngineTest::summary).toList());
    }

    @ParameterizedTest(name = "SpO2 {0} after SpO2 {1}: message about {0} against limit {2}")
    @MethodSource("sustainedMessages")
    void aSustainedBreachReportsTheCurrentValueAgainstTheSustainedLimit(int now, int before, String limit) {
        Finding f = RuleEngine.evaluate(only(spo2Low(2)), null, List.of(onlySpo2(before)), onlySpo2(now), false).get(0);

        assertEquals(limit, f.limit().describe());
        assertTrue(f.message().contains("SpO2 " + now + " %"), f.message());
        assertEquals(Double.valueOf(now), f.reading());
    }

    static Stream<Arguments> sustainedMessages() {
        return Stream.of(
                Arguments.of(85, 90, "SpO2 < 92 %"),
                Arguments.of(85, 86, "SpO2 < 88 %"));
    }

    @org.junit.jupiter.api.Test
    void aSustainedLevelOnAnotherVitalCapsTheCurrentCrossingInsteadOfLosingIt() {
        Rule bpHigh = new Rule("BP_HIGH", "Blood pressure high", RuleKind.LIMIT, 2, List.of(
                new Limit(Vital.DIASTOLIC, Operator.AT_OR_ABOVE, 100.0, Priority.MEDIUM),
                new Limit(Vital.SYSTOLIC, Operator.AT_OR_ABOVE, 180.0, Priority.HIGH)));
        ThresholdProfile p = new ThresholdProfile(List.of(bpHigh), new PrestartLimit(140, 90),
                new ChartingInterval(10, 15, 5, Priority.MEDIUM), new Escalation(120));
        // valid as a session's override (a clinic profile would also need heart rate and SpO2 limits)
        assertTrue(ProfileValidator.validate(p, true).isEmpty());
        List<Finding> findings = RuleEngine.evaluate(p, null,
                List.of(new VitalSigns(150, 105, 75, 98, 14, null)),
                new VitalSigns(185, 80, 75, 98, 14, null), false);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertAll(() -> assertEquals(Outcome.BREACH, f.outcome()),
                () -> assertEquals(Priority.MEDIUM, f.priority()),
                () -> assertEquals(Vital.SYSTOLIC, f.limit().vital()),
                () -> assertTrue(f.message().contains("Systolic 185"), f.message()));
    }
}
