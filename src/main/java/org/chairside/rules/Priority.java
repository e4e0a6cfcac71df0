package org.chairside.rules;

/** Alarm priority after IEC 60601-1-8: HIGH needs immediate response, MEDIUM prompt response, LOW awareness. */
public enum Priority {
    LOW, MEDIUM, HIGH;

    public boolean above(Priority other) {
        return other == null || compareTo(other) > 0;
    }
}
