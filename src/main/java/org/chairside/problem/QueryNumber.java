package org.chairside.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A number or a flag in a query string, read by hand: a JAX-RS numeric {@code @QueryParam} that does not parse is a
 * 404, and a boolean one reads anything but "true" as false, where the client deserves a 422 naming the parameter.
 */
public final class QueryNumber {
    private QueryNumber() {
    }

    /** Null when absent; otherwise the value, or a 422 naming the parameter when it is not a whole number. */
    public static Long parse(String field, String value) {
        List<Violation> violations = new ArrayList<>();
        Long n = parse(field, value, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return n;
    }

    /**
     * A yes-or-no parameter: {@code true} or {@code false} (any case), {@code absent} when not given, otherwise a 422. JAX-RS
     * would read anything but "true" as false, so {@code dryRun=yes} would store what the client meant to preview.
     */
    public static boolean flag(String field, String value, boolean absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(field, "must be true or false");
        };
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
