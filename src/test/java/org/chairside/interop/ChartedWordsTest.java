package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.Consciousness;

class ChartedWordsTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "yes|true", "Y|true", "TRUE|true", "1|true", "O2|true", "oxygen|true", "On O2|true", "on|true",
            "no|false", "N|false", "false|false", "0|false", "air|false", "Room air|false", "RA|false", "off|false",
            "2 L/min|null", "nasal cannula|null", "maybe|null", "97|null"})
    void onOxygen(String cell, Boolean expected) {
        assertEquals(expected, ChartedWords.onOxygen(cell));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "A|ALERT", "alert|ALERT", "Alert|ALERT",
            "C|NEW_CONFUSION", "confused|NEW_CONFUSION", "New confusion|NEW_CONFUSION", "confusion|NEW_CONFUSION",
            "V|VOICE", "voice|VOICE", "P|PAIN", "Pain|PAIN", "U|UNRESPONSIVE", "unresponsive|UNRESPONSIVE",
            "drowsy|null", "GCS 15|null", "5|null", "AV|null"})
    void consciousness(String cell, Consciousness expected) {
        assertEquals(expected, ChartedWords.consciousness(cell));
    }
}
