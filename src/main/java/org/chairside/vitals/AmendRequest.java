package org.chairside.vitals;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.chairside.rules.Consciousness;
import org.chairside.validation.MaxDecimals;
import org.chairside.validation.PlainText;

/** The corrected values (the whole reading, as it should have been charted) and why. */
public record AmendRequest(Instant takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                           Integer respiratoryRate, @MaxDecimals(Reading.TEMPERATURE_DECIMALS) Double temperatureC,
                           Boolean onOxygen, Consciousness consciousness,
                           @NotBlank(message = "is required: say why the reading is corrected") @Size(max = 500) @PlainText(multiline = true) String reason) {

    ReadingInput input() {
        return new ReadingInput(takenAt, systolic, diastolic, heartRate, spo2, respiratoryRate, temperatureC, onOxygen, consciousness, null);
    }
}
