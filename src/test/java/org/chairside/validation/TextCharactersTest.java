package org.chairside.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCharactersTest {

    /** Escapes in the table: \n, \t, \r and \\u with four hex digits, so that invisible characters are visible here. */
    private static String unescaped(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                char e = text.charAt(++i);
                out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "[{index}] {0} (multi-line {1})")
    @CsvSource(delimiter = '|', value = {
            "Robin                       | false",
            "O'Brien-Núñez               | false",
            "محمد \\u200Fعلي              | false",   // right-to-left mark: a plain mark, kept
            "李小龍                        | false",
            "Ana \\uD83D\\uDE00          | false",   // a surrogate pair is one character
            "Ketamine 0.5 mg/kg          | false",
            "vomited;\\nmoved to bay 2   | true",
            "line one\\r\\nline two      | true",
            "col 1\\tcol 2               | true",
    })
    void plainTextIsAllowed(String text, boolean multiline) {
        assertNull(TextCharacters.problem(unescaped(text.strip()), multiline));
    }

    @ParameterizedTest(name = "[{index}] {0} (multi-line {1})")
    @CsvSource(delimiter = '|', value = {
            "\\u0000\\u0000           | true  | must not contain control characters (U+0000 at character 1)",
            "Rob\\u0007in             | false | must not contain control characters (U+0007 at character 4)",
            "Robin\\u007F             | false | must not contain control characters (U+007F at character 6)",
            "Robin\\u0085             | true  | must not contain control characters (U+0085 at character 6)",
            "Rob\\nin                 | false | must be a single line (a line break at character 4)",
            "Robin\\u2028             | false | must be a single line (a line break at character 6)",
            "Rob\\tin                 | false | must not contain tabs (at character 4)",
            "abc\\u202Efdp.exe        | false | must not contain bidirectional formatting characters (U+202E at character 4)",
            "\\u2066note\\u2069        | true  | must not contain bidirectional formatting characters (U+2066 at character 1)",
            "\\uD83D\\uDE00\\u202A     | true  | must not contain bidirectional formatting characters (U+202A at character 2)",
            "a\\uD800b                | false | must be well-formed Unicode (an unpaired surrogate at character 2)",
            "ab\\uDC00                | true  | must be well-formed Unicode (an unpaired surrogate at character 3)",
    })
    void invisibleOrDisruptiveCharactersAreRefusedByNameAndPlace(String text, boolean multiline, String rule) {
        assertEquals(rule, TextCharacters.problem(unescaped(text.strip()), multiline));
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void nothingIsNotAProblemOfCharacters(boolean multiline) {
        assertNull(TextCharacters.problem(null, multiline));
    }
}
