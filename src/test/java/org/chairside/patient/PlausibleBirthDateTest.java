package org.chairside.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlausibleBirthDateTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    @ParameterizedTest
    @CsvSource({
            "-9999-01-01, false",
            "0000-01-01,  false",
            "1582-10-10,  false",
            "1899-12-31,  false",
            "1900-01-01,  true",
            "1985-12-10,  true",
            "2026-06-14,  true",
            "2026-06-15,  false",
            "2026-06-16,  false",
            "+10000-01-01, false",
    })
    void aBirthDateIsPlausibleFrom1900UntilYesterday(String birthDate, boolean plausible) {
        assertEquals(plausible, PlausibleBirthDateValidator.plausible(LocalDate.parse(birthDate), TODAY));
    }
}
