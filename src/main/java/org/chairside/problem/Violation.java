package org.chairside.problem;

/** One broken input rule: the field (a JSON path such as {@code rules[2].limits[0].value}) and the rule in words. */
public record Violation(String field, String rule) {
}
