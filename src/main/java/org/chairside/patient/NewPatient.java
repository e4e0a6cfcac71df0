package org.chairside.patient;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.chairside.validation.MaxDecimals;
import org.chairside.validation.PlainText;

public record NewPatient(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,32}", message = "must be 1-32 letters, digits or '-'") String mrn,
        @NotBlank @Size(max = 100) @PlainText String givenName,
        @NotBlank @Size(max = 100) @PlainText String familyName,
        @NotNull @PlausibleBirthDate LocalDate birthDate,
        @DecimalMin(value = "2", message = "must be within the plausible range 2-400 kg") @DecimalMax(value = "400", message = "must be within the plausible range 2-400 kg")
        @MaxDecimals(Patient.WEIGHT_DECIMALS) BigDecimal weightKg) {
}
