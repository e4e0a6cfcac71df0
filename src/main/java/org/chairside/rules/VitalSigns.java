package org.chairside.rules;

/** One set of charted values; any may be absent. */
public record VitalSigns(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                         Integer respiratoryRate, Double temperatureC) {

    public Double value(Vital vital) {
        Number n = switch (vital) {
            case SYSTOLIC -> systolic;
            case DIASTOLIC -> diastolic;
            case HEART_RATE -> heartRate;
            case SPO2 -> spo2;
            case RESPIRATORY_RATE -> respiratoryRate;
            case TEMPERATURE -> temperatureC;
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

    public boolean isEmpty() {
        for (Vital v : Vital.values()) {
            if (value(v) != null) {
                return false;
            }
        }
        return true;
    }
}
