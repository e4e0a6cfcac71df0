package org.chairside.validation;

/**
 * What free text in the clinical record may hold. Control characters and bidirectional overrides are invisible on
 * the board yet change what a reader sees (a name whose letters display reversed, a reason that looks filled in but
 * is NUL characters); PostgreSQL refuses NUL outright, so such text would also fail on one database and not on the
 * other. Line breaks are allowed only where a field is meant to hold several lines (reasons and notes). Pure: no
 * framework.
 */
public final class TextCharacters {
    private TextCharacters() {
    }

    /** Why {@code text} may not be stored, or {@code null} when it may; positions count characters from 1. */
    public static String problem(CharSequence text, boolean multiline) {
        if (text == null) {
            return null;
        }
        int position = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            position++;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a well-formed pair is one character
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "must be well-formed Unicode (an unpaired surrogate at character " + position + ")";
            }
            if (isLineBreak(c)) {
                if (!multiline) {
                    return "must be a single line (a line break at character " + position + ")";
                }
            } else if (c == '\t') {
                if (!multiline) {
                    return "must not contain tabs (at character " + position + ")";
                }
            } else if (Character.isISOControl(c)) {
                return "must not contain control characters (" + codePoint(c) + " at character " + position + ")";
            } else if (isBidiControl(c)) {
                return "must not contain bidirectional formatting characters (" + codePoint(c) + " at character " + position + ")";
            }
        }
        return null;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    /** Embeddings, overrides and isolates; the plain marks (LRM, RLM) stay allowed for right-to-left names. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
