package org.chairside.rules;

import java.util.List;

/**
 * The values a threshold can watch: the vitals Chairside charts, with the plausible range outside which a value is
 * rejected as a typo or artefact, and the NEWS2 total derived from a complete set (never charted itself).
 */
public enum Vital {
    SYSTOLIC("Systolic", "mmHg", 40, 300),
    DIASTOLIC("Diastolic", "mmHg", 20, 200),
    HEART_RATE("Heart rate", "/min", 20, 300),
    SPO2("SpO2", "%", 50, 100),
    RESPIRATORY_RATE("Respiratory rate", "/min", 2, 80),
    TEMPERATURE("Temperature", "°C", 30, 45),
    NEWS2("NEWS2", "points", 0, 20);

    /** The vitals a reading carries, as charted or sent by a device: every one but the derived score. */
    public static final List<Vital> MEASURED = List.of(SYSTOLIC, DIASTOLIC, HEART_RATE, SPO2, RESPIRATORY_RATE, TEMPERATURE);

    private final String label;
    private final String unit;
    private final double plausibleMin;
    private final double plausibleMax;

    Vital(String label, String unit, double plausibleMin, double plausibleMax) {
        this.label = label;
        this.unit = unit;
        this.plausibleMin = plausibleMin;
        this.plausibleMax = plausibleMax;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public double plausibleMin() {
        return plausibleMin;
    }

    public double plausibleMax() {
        return plausibleMax;
    }

    public boolean isPlausible(double value) {
        return value >= plausibleMin && value <= plausibleMax;
    }
}
