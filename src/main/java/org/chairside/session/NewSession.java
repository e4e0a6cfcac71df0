package org.chairside.session;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.MaxDecimals;
import org.chairside.validation.PlainText;

public record NewSession(
        @NotNull Long patientId,
        @NotNull Long reclinerId,
        @NotNull @DecimalMin(value = "2", message = "must be within the plausible range 2-400 kg") @DecimalMax(value = "400", message = "must be within the plausible range 2-400 kg")
        @MaxDecimals(InfusionSession.WEIGHT_DECIMALS) BigDecimal weightKg,
        @NotNull @Valid Protocol protocol,
        // optional: asked at the check-in desk, or later from the session view; given, it is recorded with the session
        @Valid ScreeningRequest screening) {

    public record Protocol(
            @NotBlank @Size(max = 60) @PlainText String drug,
            @NotNull @DecimalMin(value = "0.01", message = "must be from 0.01 to 10 mg/kg") @DecimalMax(value = "10", message = "must be from 0.01 to 10 mg/kg")
            @MaxDecimals(InfusionSession.DOSE_DECIMALS) BigDecimal doseMgPerKg,
            @NotNull @Min(value = 5, message = "must be from 5 to 720 minutes") @Max(value = 720, message = "must be from 5 to 720 minutes") Integer plannedMinutes) {
    }
}
