package org.chairside.rules;

/** Formats vital values the way a nurse writes them: 120, 36.8, never 120.0. */
final class Numbers {
    private Numbers() {
    }

    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(Math.round(value * 10) / 10.0);
    }
}
