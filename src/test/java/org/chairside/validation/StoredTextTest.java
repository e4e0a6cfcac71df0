package org.chairside.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoredTextTest {

    @ParameterizedTest(name = "[{0}] is kept as [{1}]")
    @CsvSource(nullValues = "NULL", delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "NULL|NULL",
        "|NULL",
        "'   '|NULL",
        "'\t\n '|NULL",
        "patient asked for a break|patient asked for a break",
        "'  cleared by Dr. Ames \n'|cleared by Dr. Ames",
        "'line one\nline two'|'line one\nline two'",
    })
    void blankIsNothingAndTheRestIsTrimmed(String typed, String kept) {
        assertEquals(kept, StoredText.of(typed));
    }
}
