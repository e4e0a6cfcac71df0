package org.chairside.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.Priority;

class SedationDepthTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "MOAA_S     | 5  |        | ",
            "MOAA_S     | 3  |        | ",
            "MOAA_S     | 2  | MEDIUM | MOAA/S sedation (0-5) 2: responds only to prodding or shaking",
            "MOAA_S     | 1  | HIGH   | MOAA/S sedation (0-5) 1: responds only to a painful stimulus",
            "MOAA_S     | 0  | HIGH   | MOAA/S sedation (0-5) 0: no response to a painful stimulus",
            "MOAA_S_1_6 | 6  |        | ",
            "MOAA_S_1_6 | 3  |        | ",
            "MOAA_S_1_6 | 2  | MEDIUM | MOAA/S sedation (1-6) 2: responds only to prodding or shaking",
            "MOAA_S_1_6 | 1  | HIGH   | MOAA/S sedation (1-6) 1: no response to prodding or shaking",
            "RASS       | 4  |        | ",
            "RASS       | 0  |        | ",
            "RASS       | -2 |        | ",
            "RASS       | -3 | MEDIUM | RASS -3: moves or opens eyes to voice, no eye contact",
            "RASS       | -4 | HIGH   | RASS -4: no response to voice, moves only when touched",
            "RASS       | -5 | HIGH   | RASS -5: unarousable",
            "CADSS_6    | 0  |        | ",
            "CADSS_23   | 92 |        | ",
            "ALDRETE    | 0  |        | ",
    })
    void aScoreDeeperThanIntendedIsAnAlertOfItsDepth(Scale scale, int score, Priority priority, String message) {
        Concern deep = SedationDepth.of(scale, score);
        if (priority == null) {
            assertNull(deep);
        } else {
            assertEquals(new Concern(priority, message), deep);
        }
    }

    @Test
    void onlyTheSedationScalesSpeakOfSedation() {
        assertTrue(SedationDepth.measures(Scale.MOAA_S));
        assertTrue(SedationDepth.measures(Scale.MOAA_S_1_6));
        assertTrue(SedationDepth.measures(Scale.RASS));
        assertFalse(SedationDepth.measures(Scale.CADSS_6));
        assertFalse(SedationDepth.measures(Scale.CADSS_23));
        assertFalse(SedationDepth.measures(Scale.ALDRETE));
    }
}
