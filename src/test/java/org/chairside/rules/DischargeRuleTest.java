package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.chairside.problem.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The discharge rule's observation times, how a session's override merges into the clinic's, and their limits. */
class DischargeRuleTest {
    static final Instant DOSED = Instant.parse("2026-12-03T09:00:00Z");
    static final Instant ENDED = Instant.parse("2026-12-03T09:40:00Z");
    static final Discharge SHIPPED = new Discharge(9, 0, 120);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "null", value = {
            "esketamine, true",
            "Esketamine 56 mg, true",
            "SPRAVATO, true",
            "Spravato (esketamine nasal spray), true",
            "ketamine, false",
            "Ketamine 0.5 mg/kg IV, false",
            "racemic ketamine, false",
            "null, false",
    })
    void esketamineIsKnownByItsNameOrItsBrand(String drug, boolean esketamine) {
        assertEquals(esketamine, Discharge.isEsketamine(drug));
    }

    static Stream<Arguments> observations() {
        return Stream.of(
                // rule, drug, started, ended, the latest "until" (null: none owed), its reason
                Arguments.of(SHIPPED, "ketamine", DOSED, ENDED, null, null),
                Arguments.of(SHIPPED, "esketamine", DOSED, ENDED, "2026-12-03T11:00:00Z", "120 min of observation after an esketamine dose (Spravato REMS)"),
                Arguments.of(SHIPPED, "esketamine", null, null, null, null),
                Arguments.of(new Discharge(9, 30, 120), "ketamine", DOSED, ENDED, "2026-12-03T10:10:00Z", "30 min of observation after the infusion ended"),
                Arguments.of(new Discharge(9, 30, 120), "ketamine", DOSED, null, null, null),
                // both apply: the later end wins
                Arguments.of(new Discharge(9, 30, 120), "esketamine", DOSED, ENDED, "2026-12-03T11:00:00Z", "120 min of observation after an esketamine dose (Spravato REMS)"),
                Arguments.of(new Discharge(9, 90, 120), "esketamine", DOSED, ENDED, "2026-12-03T11:10:00Z", "90 min of observation after the infusion ended"),
                // a profile saved before the times existed
                Arguments.of(new Discharge(9), "esketamine", DOSED, ENDED, null, null));
    }

    @ParameterizedTest
    @MethodSource("observations")
    void theLongestObservationOwed(Discharge rule, String drug, Instant started, Instant ended, String until, String why) {
        Discharge.Observation o = rule.longestObservation(drug, started, ended);
        assertEquals(until, o == null ? null : o.until().toString());
        assertEquals(why, o == null ? null : o.why());
    }

    @ParameterizedTest
    @CsvSource({
            "2026-12-03T10:59:59Z, true",
            "2026-12-03T11:00:00Z, false",
            "2026-12-03T11:00:01Z, false",
    })
    void anObservationIsOwedUntilItsEndAndNoLonger(Instant now, boolean owed) {
        Discharge.Observation o = SHIPPED.longestObservation("esketamine", DOSED, ENDED);
        assertEquals(owed, o.isOwedAt(now));
    }

    static Stream<Arguments> overlays() {
        return Stream.of(
                Arguments.of(SHIPPED, null, SHIPPED),
                Arguments.of(SHIPPED, new Discharge(10, null, null), new Discharge(10, 0, 120)),
                Arguments.of(SHIPPED, new Discharge(null, 45, null), new Discharge(9, 45, 120)),
                Arguments.of(SHIPPED, new Discharge(0, 0, 180), new Discharge(0, 0, 180)),
                Arguments.of(new Discharge(8), SHIPPED, SHIPPED));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aFieldNotSetIsInheritedFromBeneath(Discharge beneath, Discharge over, Discharge expected) {
        assertEquals(expected, beneath.overlay(over));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            // aldrete, recovery, esketamine, partial, the fields refused (| between)
            "9, 0, 120, false, ''",
            "9, null, null, false, ''",
            "null, 30, null, true, ''",
            "null, 30, null, false, discharge.aldreteAtLeast",
            "11, 0, 120, false, discharge.aldreteAtLeast",
            "9, -1, 120, false, discharge.recoveryMinutesAtLeast",
            "9, 481, 120, false, discharge.recoveryMinutesAtLeast",
            "9, 480, 480, false, ''",
            "9, 0, 119, false, discharge.esketamineMinutesAtLeast",
            "9, 0, 0, true, discharge.esketamineMinutesAtLeast",
            "9, 0, 481, true, discharge.esketamineMinutesAtLeast",
    })
    void theLimitsOfEachField(Integer aldrete, Integer recovery, Integer esketamine, boolean partial, String refused) {
        ThresholdProfile d = ProfileValidatorTest.DEFAULTS;
        ThresholdProfile p = partial
                ? new ThresholdProfile(null, null, null, null, new Discharge(aldrete, recovery, esketamine))
                : new ThresholdProfile(d.rules(), d.prestart(), d.charting(), d.escalation(), new Discharge(aldrete, recovery, esketamine));
        List<String> fields = ProfileValidator.validate(p, partial).stream().map(Violation::field).toList();
        assertEquals(refused.isEmpty() ? List.of() : List.of(refused.split("\\|")), fields);
    }
}
