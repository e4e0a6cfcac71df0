package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdProfileTest {

    static final ThresholdProfile CLINIC = DefaultThresholdsTest.loadDefaults();
    static final List<String> CLINIC_ORDER = List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW", "BP_RISE", "NEWS2");

    /** A provider's session override: SpO2 warning at 90 instead of 92, sustained for 2 readings. */
    static final Rule SESSION_SPO2 = new Rule("SPO2_LOW", "Oxygen saturation low (COPD patient)", RuleKind.LIMIT, 2,
            List.of(new Limit(Vital.SPO2, Operator.BELOW, 90.0, Priority.MEDIUM)));
    static final Rule SESSION_BP_HIGH = new Rule("BP_HIGH", "Blood pressure high", RuleKind.LIMIT, 1,
            List.of(new Limit(Vital.SYSTOLIC, Operator.AT_OR_ABOVE, 170.0, Priority.MEDIUM)));
    static final Rule TEMPERATURE_HIGH = new Rule("TEMP_HIGH", "Temperature high", RuleKind.LIMIT, 1,
            List.of(new Limit(Vital.TEMPERATURE, Operator.AT_OR_ABOVE, 38.5, Priority.MEDIUM)));

    static final PrestartLimit SESSION_PRESTART = new PrestartLimit(150, 95);
    static final ChartingInterval SESSION_CHARTING = new ChartingInterval(5, 10, 2, Priority.HIGH);
    static final Escalation SESSION_ESCALATION = new Escalation(60);

    static Stream<Arguments> sectionOverrides() {
        return Stream.of(
                Arguments.of("nothing overridden", ThresholdProfile.empty(),
                        CLINIC.prestart(), CLINIC.charting(), CLINIC.escalation()),
                Arguments.of("rules only (other sections null)", new ThresholdProfile(List.of(SESSION_SPO2), null, null, null),
                        CLINIC.prestart(), CLINIC.charting(), CLINIC.escalation()),
                Arguments.of("prestart only", new ThresholdProfile(null, SESSION_PRESTART, null, null),
                        SESSION_PRESTART, CLINIC.charting(), CLINIC.escalation()),
                Arguments.of("charting only", new ThresholdProfile(null, null, SESSION_CHARTING, null),
                        CLINIC.prestart(), SESSION_CHARTING, CLINIC.escalation()),
                Arguments.of("escalation only", new ThresholdProfile(null, null, null, SESSION_ESCALATION),
                        CLINIC.prestart(), CLINIC.charting(), SESSION_ESCALATION),
                Arguments.of("every section", new ThresholdProfile(List.of(), SESSION_PRESTART, SESSION_CHARTING, SESSION_ESCALATION),
                        SESSION_PRESTART, SESSION_CHARTING, SESSION_ESCALATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionOverrides")
    void nullSectionsInheritTheClinicSection(String name, ThresholdProfile overrides, PrestartLimit prestart,
                                             ChartingInterval charting, Escalation escalation) {
        ThresholdProfile effective = CLINIC.overlay(overrides);

        assertEquals(prestart, effective.prestart());
        assertEquals(charting, effective.charting());
        assertEquals(escalation, effective.escalation());
    }

    static Stream<Arguments> ruleOverrides() {
        return Stream.of(
                Arguments.of("no rules", null, CLINIC_ORDER),
                Arguments.of("empty rule list", List.of(), CLINIC_ORDER),
                Arguments.of("one rule replaced in place", List.of(SESSION_SPO2), CLINIC_ORDER),
                Arguments.of("two rules replaced, listed in another order", List.of(SESSION_SPO2, SESSION_BP_HIGH), CLINIC_ORDER),
                Arguments.of("a new condition goes last", List.of(TEMPERATURE_HIGH, SESSION_SPO2),
                        List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW", "BP_RISE", "NEWS2", "TEMP_HIGH")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleOverrides")
    void overlayReplacesRulesByConditionAndKeepsTheClinicOrder(String name, List<Rule> overrideRules, List<String> order) {
        ThresholdProfile effective = CLINIC.overlay(new ThresholdProfile(overrideRules, null, null, null));

        assertEquals(order, effective.rules().stream().map(Rule::condition).toList());
        for (Rule rule : effective.rules()) {
            Rule expected = overrideRules == null ? null
                    : overrideRules.stream().filter(r -> r.condition().equals(rule.condition())).findFirst().orElse(null);
            assertSame(expected != null ? expected : CLINIC.rule(rule.condition()).orElseThrow(), rule,
                    rule.condition() + " comes from the " + (expected != null ? "override" : "clinic profile"));
        }
    }

    @Test
    void anOverriddenRuleReplacesTheClinicRuleAsAWhole() {
        ThresholdProfile effective = CLINIC.overlay(new ThresholdProfile(List.of(SESSION_SPO2), null, null, null));

        Rule spo2 = effective.rule("SPO2_LOW").orElseThrow();
        assertEquals(1, spo2.limits().size(), "the clinic's HIGH limit at 88 is not merged in");
        assertEquals(2, spo2.sustained());
        // and the engine uses it: SpO2 91 no longer crosses the lowered warning limit
        assertEquals(List.of("SPO2_LOW=CLEAR"), RuleEngine.evaluate(effective, null, List.of(),
                RuleEngineTest.onlySpo2(91), false).stream().map(DefaultThresholdsTest::summary).toList());
    }

    @Test
    void overlayLeavesTheClinicProfileUntouched() {
        ThresholdProfile before = DefaultThresholdsTest.loadDefaults();

        CLINIC.overlay(new ThresholdProfile(List.of(SESSION_SPO2, TEMPERATURE_HIGH), SESSION_PRESTART, SESSION_CHARTING, SESSION_ESCALATION));

        assertEquals(before, CLINIC);
    }

    @Test
    void overlayWithNullOverridesIsTheClinicProfile() {
        assertSame(CLINIC, CLINIC.overlay(null));
    }
}
