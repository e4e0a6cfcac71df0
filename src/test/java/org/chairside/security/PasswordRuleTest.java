package org.chairside.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordRuleTest {

    @ParameterizedTest(name = "{0} × ''{1}'' fits: {2}")
    @CsvSource({
            "9,   A, false",
            "10,  A, true",
            "72,  A, true",
            "73,  A, false",
            "128, A, false",
            "5,   é, false",
            "10,  é, true",
            "36,  é, true",
            "37,  é, false",
            "24,  水, true",
            "25,  水, false",
            "18,  😀, true",
            "19,  😀, false",
            "9,   😀, false",
    })
    void aPasswordIsTenCharactersToSeventyTwoBytes(int count, String character, boolean fits) {
        assertEquals(fits, PasswordRule.Check.fits(character.repeat(count)));
    }
}
