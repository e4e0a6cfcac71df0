package org.chairside.problem;

import java.util.List;

/**
 * A number in a query string, read by hand: a JAX-RS numeric {@code @QueryParam} that does not parse is a 404, where
 * the client deserves a 422 naming the parameter.
 */
public final class QueryNumber {
    private QueryNumber() {
    }

    /** Null when absent; otherwise the value, or null with a violation added when it is not a whole number. */
    public static Long parse(String field, String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            violations.add(new Violation(field, "must be a whole number"));
            return null;
        }
    }
}
