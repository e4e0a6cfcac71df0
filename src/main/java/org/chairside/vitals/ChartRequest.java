package org.chairside.vitals;

import java.time.Instant;

import org.chairside.rules.Consciousness;
import org.chairside.validation.MaxDecimals;

/** A reading as a nurse charts it. Ranges are checked by {@link ReadingValidator}, the same for every source. */
public record ChartRequest(Instant takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                           Integer respiratoryRate, @MaxDecimals(Reading.TEMPERATURE_DECIMALS) Double temperatureC,
                           Boolean onOxygen, Consciousness consciousness) {

    ReadingInput input() {
        return new ReadingInput(takenAt, systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, onOxygen, consciousness, null);
    }
}
