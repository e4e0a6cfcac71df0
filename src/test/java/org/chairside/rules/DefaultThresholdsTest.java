package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every clinic default threshold (src/main/resources/thresholds/clinic-defaults.json) at, just below and
 * just above its boundary. "At or above" and "below" are exact (shared/domain.md, "Threshold defaults"):
 * SpO2 92 is not below 92, and heart rate must be strictly above 110 / 130.
 */
class DefaultThresholdsTest {

    static final ThresholdProfile DEFAULTS = loadDefaults();

    /**
     * The default rules on measured vitals, in file order; BP_RISE is evaluated only after the baseline. NEWS2 says
     * nothing about a monitor's set (no oxygen, no consciousness), which is all the boundary rows chart.
     */
    static final List<String> LIMIT_RULES = List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW");
    static final List<String> MEASURED_RULES = List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW", "BP_RISE");
    static final List<String> ALL_RULES = List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW", "BP_RISE", "NEWS2");

    /** Baseline used for the rise-over-baseline rows: low enough that +40 systolic stays under 160. */
    static final VitalSigns LOW_BASELINE = new VitalSigns(100, 60, 75, 98, 14, null);

    static ThresholdProfile loadDefaults() {
        try (InputStream in = DefaultThresholdsTest.class.getResourceAsStream("/thresholds/clinic-defaults.json")) {
            assertNotNull(in, "clinic-defaults.json is on the classpath");
            return new ObjectMapper().readValue(in, ThresholdProfile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete reading, otherwise normal (120/80, HR 75, SpO2 98, RR 14). */
    static VitalSigns vitals(int systolic, int diastolic, int heartRate, int spo2, int respiratoryRate) {
        return new VitalSigns(systolic, diastolic, heartRate, spo2, respiratoryRate, 36.8);
    }

    static VitalSigns systolic(int v) {
        return vitals(v, 80, 75, 98, 14);
    }

    static VitalSigns diastolic(int v) {
        return vitals(120, v, 75, 98, 14);
    }

    static VitalSigns heartRate(int v) {
        return vitals(120, 80, v, 98, 14);
    }

    static VitalSigns spo2(int v) {
        return vitals(120, 80, 75, v, 14);
    }

    static VitalSigns respiratoryRate(int v) {
        return vitals(120, 80, 75, 98, v);
    }

    /** "BP_HIGH=BREACH HIGH SYSTOLIC" or "BP_LOW=CLEAR": what a finding says, in one comparable string. */
    static String summary(Finding f) {
        return f.outcome() == Outcome.BREACH
                ? f.rule().condition() + "=BREACH " + f.priority() + " " + f.limit().vital()
                : f.rule().condition() + "=" + f.outcome();
    }

    static Arguments breach(String name, VitalSigns reading, String condition, Priority priority, Vital vital) {
        return Arguments.of(name, reading, null, condition, "BREACH " + priority + " " + vital);
    }

    static Arguments clear(String name, VitalSigns reading, String condition) {
        return Arguments.of(name, reading, null, condition, "CLEAR");
    }

    static Arguments riseBreach(String name, VitalSigns reading, Vital vital) {
        return Arguments.of(name, reading, LOW_BASELINE, "BP_RISE", "BREACH MEDIUM " + vital);
    }

    static Arguments riseClear(String name, VitalSigns reading) {
        return Arguments.of(name, reading, LOW_BASELINE, "BP_RISE", "CLEAR");
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                // systolic >= 160 MEDIUM, >= 180 HIGH
                clear("systolic 159 is under 160", systolic(159), "BP_HIGH"),
                breach("systolic 160 is at 160", systolic(160), "BP_HIGH", Priority.MEDIUM, Vital.SYSTOLIC),
                breach("systolic 161", systolic(161), "BP_HIGH", Priority.MEDIUM, Vital.SYSTOLIC),
                breach("systolic 179 is still only MEDIUM", systolic(179), "BP_HIGH", Priority.MEDIUM, Vital.SYSTOLIC),
                breach("systolic 180 is at 180", systolic(180), "BP_HIGH", Priority.HIGH, Vital.SYSTOLIC),
                breach("systolic 181", systolic(181), "BP_HIGH", Priority.HIGH, Vital.SYSTOLIC),
                // diastolic >= 100 MEDIUM, >= 110 HIGH
                clear("diastolic 99 is under 100", diastolic(99), "BP_HIGH"),
                breach("diastolic 100 is at 100", diastolic(100), "BP_HIGH", Priority.MEDIUM, Vital.DIASTOLIC),
                breach("diastolic 101", diastolic(101), "BP_HIGH", Priority.MEDIUM, Vital.DIASTOLIC),
                breach("diastolic 109 is still only MEDIUM", diastolic(109), "BP_HIGH", Priority.MEDIUM, Vital.DIASTOLIC),
                breach("diastolic 110 is at 110", diastolic(110), "BP_HIGH", Priority.HIGH, Vital.DIASTOLIC),
                breach("diastolic 111", diastolic(111), "BP_HIGH", Priority.HIGH, Vital.DIASTOLIC),
                // systolic < 90 MEDIUM
                breach("systolic 89 is below 90", vitals(89, 60, 75, 98, 14), "BP_LOW", Priority.MEDIUM, Vital.SYSTOLIC),
                clear("systolic 90 is not below 90", vitals(90, 60, 75, 98, 14), "BP_LOW"),
                clear("systolic 91", vitals(91, 60, 75, 98, 14), "BP_LOW"),
                // heart rate > 110 MEDIUM, > 130 HIGH (strictly above)
                clear("heart rate 109", heartRate(109), "HR_HIGH"),
                clear("heart rate 110 is not above 110", heartRate(110), "HR_HIGH"),
                breach("heart rate 111 is above 110", heartRate(111), "HR_HIGH", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 129", heartRate(129), "HR_HIGH", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 130 is not above 130", heartRate(130), "HR_HIGH", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 131 is above 130", heartRate(131), "HR_HIGH", Priority.HIGH, Vital.HEART_RATE),
                // heart rate < 50 MEDIUM, < 40 HIGH
                clear("heart rate 51", heartRate(51), "HR_LOW"),
                clear("heart rate 50 is not below 50", heartRate(50), "HR_LOW"),
                breach("heart rate 49 is below 50", heartRate(49), "HR_LOW", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 41", heartRate(41), "HR_LOW", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 40 is not below 40", heartRate(40), "HR_LOW", Priority.MEDIUM, Vital.HEART_RATE),
                breach("heart rate 39 is below 40", heartRate(39), "HR_LOW", Priority.HIGH, Vital.HEART_RATE),
                // SpO2 < 92 MEDIUM, < 88 HIGH
                clear("SpO2 93", spo2(93), "SPO2_LOW"),
                clear("SpO2 92 is not below 92", spo2(92), "SPO2_LOW"),
                breach("SpO2 91 is below 92", spo2(91), "SPO2_LOW", Priority.MEDIUM, Vital.SPO2),
                breach("SpO2 89", spo2(89), "SPO2_LOW", Priority.MEDIUM, Vital.SPO2),
                breach("SpO2 88 is not below 88", spo2(88), "SPO2_LOW", Priority.MEDIUM, Vital.SPO2),
                breach("SpO2 87 is below 88", spo2(87), "SPO2_LOW", Priority.HIGH, Vital.SPO2),
                // respiratory rate < 10 HIGH
                clear("respiratory rate 11", respiratoryRate(11), "RR_LOW"),
                clear("respiratory rate 10 is not below 10", respiratoryRate(10), "RR_LOW"),
                breach("respiratory rate 9 is below 10", respiratoryRate(9), "RR_LOW", Priority.HIGH, Vital.RESPIRATORY_RATE),
                // rise over the session baseline 100/60: systolic >= +40, diastolic >= +25, MEDIUM
                riseClear("systolic +39 over baseline 100", vitals(139, 60, 75, 98, 14)),
                riseBreach("systolic +40 over baseline 100", vitals(140, 60, 75, 98, 14), Vital.SYSTOLIC),
                riseBreach("systolic +41 over baseline 100", vitals(141, 60, 75, 98, 14), Vital.SYSTOLIC),
                riseClear("diastolic +24 over baseline 60", vitals(100, 84, 75, 98, 14)),
                riseBreach("diastolic +25 over baseline 60", vitals(100, 85, 75, 98, 14), Vital.DIASTOLIC),
                riseBreach("diastolic +26 over baseline 60", vitals(100, 86, 75, 98, 14), Vital.DIASTOLIC));
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("boundaries")
    void onlyTheExpectedConditionBreachesAtTheDefaultBoundary(String name, VitalSigns reading, VitalSigns baseline,
                                                              String condition, String expectedOutcome) {
        boolean afterBaseline = baseline != null;
        List<String> expected = new ArrayList<>();
        for (String c : afterBaseline ? MEASURED_RULES : LIMIT_RULES) {
            expected.add(c + "=" + (c.equals(condition) ? expectedOutcome : "CLEAR"));
        }

        List<Finding> findings = RuleEngine.evaluate(DEFAULTS, baseline, List.of(), reading, afterBaseline);

        assertEquals(expected, findings.stream().map(DefaultThresholdsTest::summary).toList());
    }

    /** Complete sets, each vital inside its own limits, so that only the score can alert. */
    static Stream<Arguments> news2Boundaries() {
        return Stream.of(
                // pulse 95 (1), SpO2 94 (1), systolic 105 (1), respiration 16 (0), 37.0 (0), air, alert: 3
                Arguments.of("3 points", new VitalSigns(105, 70, 95, 94, 16, 37.0, false, Consciousness.ALERT), "NEWS2=CLEAR"),
                // as above with 38.5 °C (1): 4
                Arguments.of("4 points", new VitalSigns(105, 70, 95, 94, 16, 38.5, false, Consciousness.ALERT), "NEWS2=CLEAR"),
                // respiration 22 (2) instead of the fever: 5
                Arguments.of("5 points", new VitalSigns(105, 70, 95, 94, 22, 37.0, false, Consciousness.ALERT), "NEWS2=BREACH MEDIUM NEWS2"),
                // and the fever: 6
                Arguments.of("6 points", new VitalSigns(105, 70, 95, 94, 22, 38.5, false, Consciousness.ALERT), "NEWS2=BREACH MEDIUM NEWS2"),
                // responds to voice (3) with respiration 22 (2) and supplemental oxygen (2): 7 with every vital unremarkable
                Arguments.of("7 points", new VitalSigns(120, 80, 75, 96, 22, 37.0, true, Consciousness.VOICE), "NEWS2=BREACH HIGH NEWS2"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("news2Boundaries")
    void theScoreAlertsFromFivePointsAndIsHighFromSeven(String name, VitalSigns reading, String expected) {
        List<Finding> findings = RuleEngine.evaluate(DEFAULTS, null, List.of(), reading, false);

        assertEquals(List.of(expected), findings.stream().filter(f -> f.rule().condition().equals("NEWS2")).map(DefaultThresholdsTest::summary).toList());
        assertTrue(findings.stream().filter(f -> !f.rule().condition().equals("NEWS2")).allMatch(f -> f.outcome() == Outcome.CLEAR),
                () -> "only the score crosses: " + findings);
    }

    @Test
    void anIncompleteSetNeitherRaisesNorClearsTheScoreAlert() {
        VitalSigns noTemperature = new VitalSigns(120, 80, 75, 96, 22, null, true, Consciousness.VOICE);

        List<Finding> findings = RuleEngine.evaluate(DEFAULTS, null, List.of(), noTemperature, false);

        assertTrue(findings.stream().noneMatch(f -> f.rule().condition().equals("NEWS2")), () -> findings.toString());
    }

    static Stream<Arguments> prestartBaselines() {
        return Stream.of(
                Arguments.of(new VitalSigns(139, 89, 75, 98, 14, null), false),
                Arguments.of(new VitalSigns(140, 89, 75, 98, 14, null), true),
                Arguments.of(new VitalSigns(141, 70, 75, 98, 14, null), true),
                Arguments.of(new VitalSigns(130, 90, 75, 98, 14, null), true),
                Arguments.of(new VitalSigns(130, 91, 75, 98, 14, null), true),
                Arguments.of(new VitalSigns(120, 80, 75, 98, 14, null), false),
                Arguments.of(new VitalSigns(null, 95, 75, 98, 14, null), false), // no blood pressure, nothing to judge
                Arguments.of(null, false));
    }

    @ParameterizedTest(name = "baseline {0} needs clearance: {1}")
    @MethodSource("prestartBaselines")
    void prestartClearanceIsNeededFrom140Over90(VitalSigns baseline, boolean needsClearance) {
        assertEquals(needsClearance, DEFAULTS.prestart().needsClearance(baseline));
    }

    @Test
    void defaultChartingIsOverdueOnlyAfterTenMinutesPlusFiveMinutesGraceWhileInfusing() {
        Instant start = Instant.parse("2025-03-01T09:00:00Z");
        Instant lastReading = start.plus(Duration.ofMinutes(3));

        Instant due = ChartingSchedule.dueAt(ChartingSchedule.Phase.INFUSING, start, lastReading, DEFAULTS.charting());

        assertEquals(lastReading.plus(Duration.ofMinutes(10)), due);
        Instant fifteenMinutesLater = lastReading.plus(Duration.ofMinutes(15));
        assertFalse(ChartingSchedule.isOverdue(due, DEFAULTS.charting(), fifteenMinutesLater));
        assertTrue(ChartingSchedule.isOverdue(due, DEFAULTS.charting(), fifteenMinutesLater.plusSeconds(1)));
        assertEquals(Priority.MEDIUM, DEFAULTS.charting().priority());
    }

    @Test
    void defaultsHaveTheDocumentedSectionsAndRuleOrder() {
        assertEquals(ALL_RULES, DEFAULTS.rules().stream().map(Rule::condition).toList());
        assertEquals(new PrestartLimit(140, 90), DEFAULTS.prestart());
        assertEquals(new ChartingInterval(10, 15, 5, Priority.MEDIUM), DEFAULTS.charting());
        assertEquals(new Escalation(120), DEFAULTS.escalation());
        assertTrue(DEFAULTS.rules().stream().allMatch(r -> r.sustained() == 1), "every default fires on a single reading");
    }
}
