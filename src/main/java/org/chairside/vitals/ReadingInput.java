package org.chairside.vitals;

import java.time.Instant;

import org.chairside.rules.Consciousness;
import org.chairside.rules.VitalSigns;

/**
 * Values to chart, from any source. Manual entry leaves {@code takenAt} empty (now); importers pass the
 * monitor's time and a {@code sourceRef} that makes a second import of the same data a no-op.
 */
public record ReadingInput(Instant takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                           Integer respiratoryRate, Double temperatureC, Boolean onOxygen, Consciousness consciousness,
                           String sourceRef) {
    /** The longest {@code sourceRef} the database keeps (reading_source_ref.source_ref). */
    public static final int MAX_SOURCE_REF = 200;

    /** The measured vitals alone: what monitors and imports send (they carry no oxygen or consciousness). */
    public ReadingInput(Instant takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                        Integer respiratoryRate, Double temperatureC, String sourceRef) {
        this(takenAt, systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, null, null, sourceRef);
    }

    public VitalSigns vitals() {
        return new VitalSigns(systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, onOxygen, consciousness);
    }

    /** The values as a reading stores them: the temperature to one decimal (a Fahrenheit device's 98.6 is 37.0 °C). */
    public VitalSigns chartedVitals() {
        return new VitalSigns(systolic, diastolic, heartRate, spo2, respiratoryRate, chartedTemperature(temperatureC), onOxygen,
                consciousness);
    }

    static Double chartedTemperature(Double celsius) {
        return celsius == null ? null : Math.round(celsius * 10) / 10.0;
    }
}
