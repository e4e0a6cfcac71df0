package org.chairside.patient;

import java.util.Locale;

/**
 * What a search box's text becomes in a LIKE: found anywhere, case-insensitively, and taken literally. An MRN such as
 * {@code A_12} or a note's {@code 100%} must find what it says, not any character or every row; stripping the two
 * wildcards, as before, made {@code A_12} look for {@code A12}.
 */
public final class Contains {
    /** The clause each {@code like} with such a pattern ends with ('!' because HQL and SQL quote a backslash differently). */
    public static final String ESCAPE = " escape '!'";

    private Contains() {
    }

    /** The pattern for lower-cased columns. */
    public static String pattern(String typed) {
        String text = typed.trim().toLowerCase(Locale.ROOT);
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
