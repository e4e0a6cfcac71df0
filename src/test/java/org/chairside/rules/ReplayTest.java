package org.chairside.rules;

import static org.chairside.rules.RuleEngineTest.onlyHeartRate;
import static org.chairside.rules.RuleEngineTest.onlySpo2;
import static org.chairside.rules.RuleEngineTest.only;
import static org.chairside.rules.RuleEngineTest.spo2Low;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayTest {

    static Stream<Arguments> replays() {
        return Stream.of(
                Arguments.of("each reading judged alone", 1, List.of(onlySpo2(85), onlySpo2(90), onlySpo2(97)), 0,
                        List.of("BREACH HIGH 85", "BREACH MEDIUM 90", "CLEAR")),
                Arguments.of("a reading without SpO2 says nothing", 1, List.of(onlySpo2(85), onlyHeartRate(80)), 0,
                        List.of("BREACH HIGH 85", "-")),
                Arguments.of("from: the readings before only feed the look-back", 2, List.of(onlySpo2(85), onlySpo2(86), onlySpo2(97)), 1,
                        List.of("BREACH HIGH 86", "CLEAR")),
                Arguments.of("an amended 85 (now 97) breaks a sustained run", 2, List.of(onlySpo2(97), onlySpo2(84)), 1,
                        List.of("-")),
                Arguments.of("a first crossing of a sustained rule says nothing yet", 2, List.of(onlySpo2(91), onlySpo2(91)), 0,
                        List.of("-", "BREACH MEDIUM 91")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void aConditionIsReplayedOverTheReadingsInOrder(String name, int sustained, List<VitalSigns> readings, int from, List<String> expected) {
        List<Finding> found = Replay.of(only(spo2Low(sustained)), "SPO2_LOW", null, readings,
                Collections.nCopies(readings.size(), true), from);
        assertEquals(expected, found.stream().map(f -> f == null ? "-"
                : f.outcome() == Outcome.BREACH ? "BREACH " + f.priority() + " " + Math.round(f.observed()) : f.outcome().name()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void aConditionTheProfileDoesNotHaveReplaysToNothing(String name, int sustained, List<VitalSigns> readings, int from, List<String> expected) {
        assertEquals(List.of(), Replay.of(only(spo2Low(sustained)), "HR_HIGH", null, readings, Collections.nCopies(readings.size(), true), from));
    }
}
