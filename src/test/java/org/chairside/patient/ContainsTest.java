package org.chairside.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainsTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Lovelace      | %lovelace%",
            "'  Ada  '     | %ada%",
            "A_12          | %a!_12%",
            "100%          | %100!%%",
            "wow!          | %wow!!%",
            "'!%_'         | %!!!%!_%",
            "ÉMILE         | %émile%",
    })
    void typedTextIsFoundAnywhereAndTakenLiterally(String typed, String pattern) {
        assertEquals(pattern, Contains.pattern(typed));
    }
}
