package org.chairside.session;

import static org.chairside.session.SessionState.INFUSING;
import static org.chairside.session.SessionState.PAUSED;
import static org.chairside.session.SessionState.RECOVERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The dose a pump gave: the protocol's rate, a nurse's changes, only while infusing. 0.5 mg/kg over 40 min = 0.75 mg/kg/h. */
class InfusionDoseTest {
    static final BigDecimal HALF = new BigDecimal("0.500");

    static Instant t(int minute) {
        return Instant.parse("2026-12-03T09:00:00Z").plusSeconds(minute * 60L);
    }

    static InfusionDose.PhaseChange phase(int minute, SessionState to) {
        return new InfusionDose.PhaseChange(t(minute), to);
    }

    static InfusionDose.RateStep rate(int minute, String mgPerKgPerHour) {
        return new InfusionDose.RateStep(t(minute), new BigDecimal(mgPerKgPerHour));
    }

    @ParameterizedTest(name = "{0} mg/kg over {1} min: {2} mg/kg/h")
    @CsvSource({
            "0.5, 40, 0.750",
            "0.5, 60, 0.500",
            "1.0, 240, 0.250",
            "0.75, 45, 1.000",
            "0.5, 7, 4.286",
    })
    void theProtocolsRateIsItsDoseOverItsMinutes(BigDecimal dose, int minutes, BigDecimal rate) {
        assertEquals(rate, InfusionDose.protocolRate(dose, minutes));
    }

    static Stream<Arguments> doses() {
        return Stream.of(
                // name, now (minute), phases, rate changes, rate now, delivered mg/kg, planned dose reached at (minute; null: not while the pump stands), infusing
                Arguments.of("checked in: nothing given", 5, List.of(), List.of(), "0.750", "0.000", null, false),
                Arguments.of("20 of 40 min at the protocol's rate", 20, List.of(phase(0, INFUSING)), List.of(), "0.750", "0.250", 40, true),
                Arguments.of("the whole infusion, ended on time", 60,
                        List.of(phase(0, INFUSING), phase(40, RECOVERY)), List.of(), "0.750", "0.500", 40, false),
                Arguments.of("a 10-min pause moves the end by 10 min", 30,
                        List.of(phase(0, INFUSING), phase(10, PAUSED), phase(20, INFUSING)), List.of(), "0.750", "0.250", 50, true),
                Arguments.of("paused: no end while the pump stands", 15,
                        List.of(phase(0, INFUSING), phase(10, PAUSED)), List.of(), "0.750", "0.125", null, false),
                Arguments.of("slowed to half at 20 min", 30,
                        List.of(phase(0, INFUSING)), List.of(rate(20, "0.375")), "0.375", "0.313", 60, true),
                Arguments.of("slowed while paused, resumed at the new rate", 40,
                        List.of(phase(0, INFUSING), phase(20, PAUSED), phase(30, INFUSING)), List.of(rate(25, "0.375")), "0.375", "0.313", 70, true),
                Arguments.of("run on past the planned dose: when it was reached", 50,
                        List.of(phase(0, INFUSING)), List.of(), "0.750", "0.625", 40, true),
                Arguments.of("a change in the future of `now` is not applied", 10,
                        List.of(phase(0, INFUSING)), List.of(rate(30, "1.500")), "0.750", "0.125", 40, true),
                Arguments.of("sped up, then ended early", 90,
                        List.of(phase(0, INFUSING), phase(30, RECOVERY)), List.of(rate(10, "1.500")), "1.500", "0.625", 25, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doses")
    void theDoseGiven(String name, int now, List<InfusionDose.PhaseChange> phases, List<InfusionDose.RateStep> rates,
                      String rateNow, String delivered, Integer reachedAt, boolean infusing) {
        InfusionDose.Dose d = InfusionDose.at(t(now), HALF, 40, phases, rates);
        assertEquals(new BigDecimal(rateNow), d.rateMgPerKgPerHour(), "rate");
        assertEquals(new BigDecimal(delivered), d.deliveredMgPerKg(), "delivered");
        assertEquals(reachedAt == null ? null : t(reachedAt), d.plannedDoseReachedAt(), "planned dose reached at");
        assertEquals(infusing, d.infusing(), "infusing");
    }

    static Stream<Arguments> stretches() {
        return Stream.of(
                // name, now (minute), phases, rate changes, the stretches as "from-to@rate=mg/kg" ("~" ending one still running)
                Arguments.of("checked in: none", 5, List.of(), List.of(), List.of()),
                Arguments.of("running at the protocol's rate", 20, List.of(phase(0, INFUSING)), List.of(), List.of("0-20~@0.750=0.250")),
                Arguments.of("the whole infusion, ended on time", 60, List.of(phase(0, INFUSING), phase(40, RECOVERY)), List.of(),
                        List.of("0-40@0.750=0.500")),
                Arguments.of("a pause splits it; the pause itself gives nothing", 30,
                        List.of(phase(0, INFUSING), phase(10, PAUSED), phase(20, INFUSING)), List.of(),
                        List.of("0-10@0.750=0.125", "20-30~@0.750=0.125")),
                Arguments.of("slowed at 20 min", 30, List.of(phase(0, INFUSING)), List.of(rate(20, "0.375")),
                        List.of("0-20@0.750=0.250", "20-30~@0.375=0.063")),
                Arguments.of("slowed while paused: the new rate from the resume", 40,
                        List.of(phase(0, INFUSING), phase(20, PAUSED), phase(30, INFUSING)), List.of(rate(25, "0.375")),
                        List.of("0-20@0.750=0.250", "30-40~@0.375=0.063")),
                Arguments.of("a rate set as it starts: no empty stretch before it", 10, List.of(phase(0, INFUSING)), List.of(rate(0, "1.500")),
                        List.of("0-10~@1.500=0.250")),
                Arguments.of("a change after `now` is not applied", 10, List.of(phase(0, INFUSING)), List.of(rate(30, "1.500")),
                        List.of("0-10~@0.750=0.125")),
                Arguments.of("sped up, then ended early", 90, List.of(phase(0, INFUSING), phase(30, RECOVERY)), List.of(rate(10, "1.500")),
                        List.of("0-10@0.750=0.125", "10-30@1.500=0.500")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stretches")
    void theStretchesThePumpRanAddUpToTheDose(String name, int now, List<InfusionDose.PhaseChange> phases,
                                              List<InfusionDose.RateStep> rates, List<String> expected) {
        List<InfusionDose.Stretch> stretches = InfusionDose.stretches(t(now), HALF, 40, phases, rates);
        List<String> written = stretches.stream().map(x -> minute(x.from()) + "-" + minute(x.to()) + (x.running() ? "~" : "")
                + "@" + x.mgPerKgPerHour().toPlainString() + "=" + x.mgPerKg().toPlainString()).toList();
        assertEquals(expected, written);
        BigDecimal sum = stretches.stream().map(InfusionDose.Stretch::mgPerKg).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal delivered = InfusionDose.at(t(now), HALF, 40, phases, rates).deliveredMgPerKg();
        // each stretch is rounded to three decimals, the total once
        BigDecimal rounding = new BigDecimal("0.001").multiply(BigDecimal.valueOf(stretches.size()));
        assertTrue(sum.subtract(delivered).abs().compareTo(rounding) <= 0, "the stretches add up to the dose given: " + sum + " against " + delivered);
    }

    private static long minute(Instant at) {
        return java.time.Duration.between(t(0), at).toMinutes();
    }
}
