package org.chairside.validation;

/**
 * An optional free text (a reason, a note) as the record keeps it: trimmed, and null where nothing but spaces was
 * typed, so that "no reason given" reads the same whether a form sent nothing, "" or "  ".
 */
public final class StoredText {
    private StoredText() {
    }

    public static String of(String typed) {
        return typed == null || typed.isBlank() ? null : typed.trim();
    }
}
