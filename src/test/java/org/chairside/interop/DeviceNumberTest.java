package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.Vital;

/** Numbers as devices send them: read, or refused before any arithmetic, without Quarkus. */
class DeviceNumberTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "120|120", " 72 |72", "+72|72", "36.8|36.8", ".5|0.5", "120.|120", "1.2E2|1.2E+2", "12e1|1.2E+2", "3680e-2|36.80",
            "0|0", "-5|-5", "36.799999999999997|36.799999999999997", "999999|999999", "0.00000000000000000001|1E-20",
            "000120|120"})
    void readsWhatDevicesWrite(String text, BigDecimal expected) throws Exception {
        assertEquals(expected, DeviceNumber.parse(text));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "seventy|NOT_A_NUMBER", "''|NOT_A_NUMBER", "-|NOT_A_NUMBER", ".|NOT_A_NUMBER", "1e|NOT_A_NUMBER", "12 0|NOT_A_NUMBER",
            "0x78|NOT_A_NUMBER", "NaN|NOT_A_NUMBER", "Infinity|NOT_A_NUMBER", "1,5|NOT_A_NUMBER", "١٢٠|NOT_A_NUMBER",
            // the size of these is judged from the text: building them costs minutes
            "1E30000000|IMPLAUSIBLE", "1e10000000|IMPLAUSIBLE", "-1E30000000|IMPLAUSIBLE", "1E99999999999999999999999|IMPLAUSIBLE",
            "1E-30000000|IMPLAUSIBLE", "1E-99999999999999999999999|IMPLAUSIBLE", "1000000|IMPLAUSIBLE", "1E6|IMPLAUSIBLE",
            // beyond an int: BigDecimal.intValue() kept the low 32 bits (heart rate 120)
            "4294967416|IMPLAUSIBLE", "-4294967176|IMPLAUSIBLE", "2147483648|IMPLAUSIBLE",
            "0.000000000000000000001|IMPLAUSIBLE", "1.00000000000000000000000000000000000000000|IMPLAUSIBLE"})
    void refusesWhatCannotBeAVitalSign(String text, DeviceNumber.Refusal expected) {
        assertEquals(expected, assertThrows(DeviceNumber.Refused.class, () -> DeviceNumber.parse(text)).refusal());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1E2147483647", "1E-2147483648", "9.9E999999999", "1e10000000"})
    void anEnormousExponentIsRefusedAtOnce(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThrows(DeviceNumber.Refused.class, () -> DeviceNumber.parse(text)));
        assertTrue(!DeviceNumber.readable(text), "nor read anywhere in a request");
    }

    @ParameterizedTest(name = "''{0}'' readable: {1}")
    @CsvSource({"71, true", "1740819540, true", "1e39, true", "1e40, false", "1e-40, true", "1e-41, false", "not-a-number, true"})
    void anyNumberOfARequestIsReadableUnlessItsPlainFormIsHuge(String text, boolean readable) {
        assertEquals(readable, DeviceNumber.readable(text));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"HEART_RATE, 71.5, 72", "HEART_RATE, 999999, 999999", "SYSTOLIC, 120.4, 120", "TEMPERATURE, 36.85, 36.9",
            "TEMPERATURE, 36.84, 36.8", "TEMPERATURE, 36.81, 36.8", "TEMPERATURE, 36.849999, 36.8", "TEMPERATURE, 37, 37.0",
            "TEMPERATURE, 36.799999999999997, 36.8"})
    void chartedIsTheValueAsStoredWholeUnitsOrATenthOfADegree(Vital vital, String text, String expected) throws Exception {
        assertEquals(expected, DeviceNumber.charted(vital, DeviceNumber.parse(text)).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"HEART_RATE|is not a plausible Heart rate: the plausible range is 20-300 /min",
            "TEMPERATURE|is not a plausible Temperature: the plausible range is 30-45 °C"})
    void aRefusalNamesTheVitalAndItsRange(Vital vital, String expected) {
        assertEquals(expected, DeviceNumber.implausible(vital));
    }
}
