package org.chairside.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The RCP NEWS2 chart (scale 1), edge by edge, and its response bands. */
class News2Test {

    /** A set scoring 0: respiration 16, SpO2 97 on air, systolic 120, pulse 70, alert, 37.0 °C. */
    static VitalSigns normal() {
        return new VitalSigns(120, 80, 70, 97, 16, 37.0, false, Consciousness.ALERT);
    }

    @ParameterizedTest(name = "respiration {0} /min scores {1}")
    @CsvSource({"2,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "80,3"})
    void respiration(int perMinute, int points) {
        VitalSigns n = normal();
        assertEquals(points, News2.of(new VitalSigns(n.systolic(), n.diastolic(), n.heartRate(), n.spo2(), perMinute,
                n.temperatureC(), false, Consciousness.ALERT)).score());
    }

    @ParameterizedTest(name = "SpO2 {0} % scores {1}")
    @CsvSource({"50,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
    void saturation(int percent, int points) {
        assertEquals(points, News2.of(new VitalSigns(120, 80, 70, percent, 16, 37.0, false, Consciousness.ALERT)).score());
    }

    @ParameterizedTest(name = "systolic {0} mmHg scores {1}")
    @CsvSource({"60,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "260,3"})
    void systolic(int mmHg, int points) {
        assertEquals(points, News2.of(new VitalSigns(mmHg, 50, 70, 97, 16, 37.0, false, Consciousness.ALERT)).score());
    }

    @ParameterizedTest(name = "pulse {0} /min scores {1}")
    @CsvSource({"30,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3"})
    void pulse(int perMinute, int points) {
        assertEquals(points, News2.of(new VitalSigns(120, 80, perMinute, 97, 16, 37.0, false, Consciousness.ALERT)).score());
    }

    @ParameterizedTest(name = "temperature {0} °C scores {1}")
    @CsvSource({"34.0,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2", "41.0,2"})
    void temperature(double celsius, int points) {
        assertEquals(points, News2.of(new VitalSigns(120, 80, 70, 97, 16, celsius, false, Consciousness.ALERT)).score());
    }

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource({"ALERT,0", "NEW_CONFUSION,3", "VOICE,3", "PAIN,3", "UNRESPONSIVE,3"})
    void consciousness(Consciousness level, int points) {
        assertEquals(points, News2.of(new VitalSigns(120, 80, 70, 97, 16, 37.0, false, level)).score());
    }

    @ParameterizedTest(name = "on oxygen {0} scores {1}")
    @CsvSource({"false,0", "true,2"})
    void oxygen(boolean onOxygen, int points) {
        assertEquals(points, News2.of(new VitalSigns(120, 80, 70, 97, 16, 37.0, onOxygen, Consciousness.ALERT)).score());
    }

    static Stream<Arguments> bands() {
        return Stream.of(
                Arguments.of("all normal", normal(), 0, News2.Band.LOW),
                Arguments.of("pulse 95 and SpO2 95: 2 points", new VitalSigns(120, 80, 95, 95, 16, 37.0, false, Consciousness.ALERT), 2, News2.Band.LOW),
                Arguments.of("responds to voice alone: 3 points in one parameter", new VitalSigns(120, 80, 70, 97, 16, 37.0, false, Consciousness.VOICE), 3, News2.Band.LOW_MEDIUM),
                Arguments.of("4 points, none of them a 3", new VitalSigns(105, 70, 95, 94, 16, 38.5, false, Consciousness.ALERT), 4, News2.Band.LOW),
                Arguments.of("5 points", new VitalSigns(105, 70, 95, 94, 22, 37.0, false, Consciousness.ALERT), 5, News2.Band.MEDIUM),
                Arguments.of("6 points with a 3", new VitalSigns(120, 80, 70, 90, 22, 38.5, false, Consciousness.ALERT), 6, News2.Band.MEDIUM),
                Arguments.of("7 points", new VitalSigns(100, 60, 115, 95, 16, 37.0, true, Consciousness.ALERT), 7, News2.Band.HIGH),
                Arguments.of("the worst of every parameter", new VitalSigns(85, 50, 140, 85, 30, 34.5, true, Consciousness.UNRESPONSIVE), 20, News2.Band.HIGH));
    }

    @ParameterizedTest(name = "{0}: {2}, {3}")
    @MethodSource("bands")
    void totalAndBand(String name, VitalSigns set, int score, News2.Band band) {
        News2 n = News2.of(set);
        assertEquals(score, n.score());
        assertEquals(band, n.band());
        assertEquals(List.of(), n.missing());
    }

    @ParameterizedTest(name = "7 points exactly is HIGH, 5 is MEDIUM: total {0}")
    @CsvSource({"0,false,LOW", "4,false,LOW", "3,true,LOW_MEDIUM", "4,true,LOW_MEDIUM", "5,false,MEDIUM", "5,true,MEDIUM", "6,true,MEDIUM",
            "7,false,HIGH", "7,true,HIGH", "20,true,HIGH"})
    void bandEdges(int total, boolean anyThree, News2.Band band) {
        assertEquals(band, News2.band(total, anyThree));
    }

    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of("a monitor's set: no oxygen, no consciousness", new VitalSigns(120, 80, 70, 97, 16, 37.0),
                        List.of("onOxygen", "consciousness")),
                Arguments.of("no temperature", new VitalSigns(120, 80, 70, 97, 16, null, false, Consciousness.ALERT), List.of("temperatureC")),
                Arguments.of("SpO2 alone", new VitalSigns(null, null, null, 85, null, null),
                        List.of("respiratoryRate", "onOxygen", "systolic", "heartRate", "consciousness", "temperatureC")),
                Arguments.of("consciousness alone", new VitalSigns(null, null, null, null, null, null, null, Consciousness.PAIN),
                        List.of("respiratoryRate", "spo2", "onOxygen", "systolic", "heartRate", "temperatureC")));
    }

    @ParameterizedTest(name = "{0}: no score")
    @MethodSource("incomplete")
    void anIncompleteSetHasNoScoreAndSaysWhatIsMissing(String name, VitalSigns set, List<String> missing) {
        News2 n = News2.of(set);
        assertNull(n.score());
        assertNull(n.band());
        assertEquals(missing, n.missing());
        assertNull(set.value(Vital.NEWS2), "a rule on NEWS2 sees no value in an incomplete set");
    }
}
