package org.chairside.rules;

/**
 * One set of charted observations; any may be absent. {@code onOxygen} (supplemental oxygen, not room air) and
 * {@code consciousness} are observed rather than measured: with the five vitals they complete the set NEWS2 scores.
 */
public record VitalSigns(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                         Integer respiratoryRate, Double temperatureC, Boolean onOxygen, Consciousness consciousness) {

    /** The measured vitals alone, as monitors send them. */
    public VitalSigns(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2, Integer respiratoryRate, Double temperatureC) {
        this(systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, null, null);
    }

    /** The value a rule compares: a measured vital as charted, or the NEWS2 total of a complete set (null otherwise). */
    public Double value(Vital vital) {
        Number n = switch (vital) {
            case SYSTOLIC -> systolic;
            case DIASTOLIC -> diastolic;
            case HEART_RATE -> heartRate;
            case SPO2 -> spo2;
            case RESPIRATORY_RATE -> respiratoryRate;
            case TEMPERATURE -> temperatureC;
            case NEWS2 -> News2.scoreOf(this);
        };
        return n == null ? null : n.doubleValue();
    }

    public boolean hasBloodPressure() {
        return systolic != null && diastolic != null;
    }

    /** A baseline needs blood pressure, heart rate and SpO2: the values the infusion rules compare against. */
    public boolean isCompleteBaseline() {
        return hasBloodPressure() && heartRate != null && spo2 != null;
    }

    /** Nothing observed: no vital, no oxygen and no level of consciousness. */
    public boolean isEmpty() {
        for (Vital v : Vital.MEASURED) {
            if (value(v) != null) {
                return false;
            }
        }
        return onOxygen == null && consciousness == null;
    }
}
