package org.chairside.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxDecimalsTest {

    @ParameterizedTest
    @CsvSource({
            "70,      0",
            "70.0,    0",
            "70.10,   1",
            "70.05,   2",
            "7E+1,    0",
            "0.555555, 6",
            "0.5000,  1",
            "0.000,   0",
    })
    void decimalsAValueNeeds(String value, int decimals) {
        assertEquals(decimals, StoredDecimal.decimalsOf(new BigDecimal(value)));
    }

    @ParameterizedTest
    @CsvSource({
            "70,     1, 70.0",
            "70.10,  1, 70.1",
            "7E+1,   1, 70.0",
            "0.5,    3, 0.500",
    })
    void aValueIsKeptAtItsColumnsScale(String value, int decimals, String stored) {
        assertEquals(stored, StoredDecimal.of(new BigDecimal(value), decimals).toPlainString());
    }

    @ParameterizedTest
    @CsvSource({"70.05, 1", "0.5555, 3"})
    void aValueThatWouldNeedRoundingIsNeverStoredAltered(String value, int decimals) {
        assertThrows(ArithmeticException.class, () -> StoredDecimal.of(new BigDecimal(value), decimals));
    }

    /** A Double from JSON counts the decimals of its shortest text: 36.7 has one though its binary value has more. */
    @ParameterizedTest
    @CsvSource({"36.7, 1", "36.70, 1", "36.74, 2", "37, 0", "36.799999999999997, 1", "1e2, 0"})
    void decimalsADoubleFromJsonNeeds(double value, int decimals) {
        assertEquals(decimals, StoredDecimal.decimalsOf(java.math.BigDecimal.valueOf(value)));
    }

    @ParameterizedTest
    @CsvSource({"1, must have at most 1 decimal", "3, must have at most 3 decimals"})
    void theRuleSaysHowManyDecimals(int decimals, String rule) {
        assertEquals(rule, MaxDecimalsValidator.rule(decimals));
    }
}
