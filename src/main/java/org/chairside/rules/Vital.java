package org.chairside.rules;

/** The vitals Chairside charts, with the plausible range outside which a value is rejected as a typo or artefact. */
public enum Vital {
    SYSTOLIC("Systolic", "mmHg", 40, 300),
    DIASTOLIC("Diastolic", "mmHg", 20, 200),
    HEART_RATE("Heart rate", "/min", 20, 300),
    SPO2("SpO2", "%", 50, 100),
    RESPIRATORY_RATE("Respiratory rate", "/min", 2, 80),
    TEMPERATURE("Temperature", "°C", 30, 45);

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
