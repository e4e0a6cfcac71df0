package org.chairside.interop;

import java.util.Locale;

import org.chairside.rules.Vital;

/**
 * What a column of an imported file holds: one vital, the time it was taken, whether the patient is on oxygen, the
 * level of consciousness, or nothing Chairside charts.
 */
public enum ImportField {
    TIME(null), SYSTOLIC(Vital.SYSTOLIC), DIASTOLIC(Vital.DIASTOLIC), HEART_RATE(Vital.HEART_RATE), SPO2(Vital.SPO2),
    RESPIRATORY_RATE(Vital.RESPIRATORY_RATE), TEMPERATURE(Vital.TEMPERATURE), ON_OXYGEN(null), CONSCIOUSNESS(null), IGNORE(null);

    private final Vital vital;

    ImportField(Vital vital) {
        this.vital = vital;
    }

    public Vital vital() {
        return vital;
    }

    /** "HEART_RATE", "heartRate", "heart-rate" and "Heart rate" all name HEART_RATE; null when nothing matches. */
    public static ImportField parse(String name) {
        if (name == null) {
            return null;
        }
        String key = name.trim().replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
        if (key.equals("TEMPERATURE_C") || key.equals("TEMP")) {
            return TEMPERATURE;
        }
        if (key.equals("HR") || key.equals("PULSE")) {
            return HEART_RATE;
        }
        if (key.equals("RR")) {
            return RESPIRATORY_RATE;
        }
        // not "O2" or "OXYGEN": vendors use those for the saturation as well
        if (key.equals("ACVPU") || key.equals("AVPU")) {
            return CONSCIOUSNESS;
        }
        for (ImportField f : values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        return null;
    }
}
