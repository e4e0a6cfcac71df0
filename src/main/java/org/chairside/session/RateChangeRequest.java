package org.chairside.session;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.MaxDecimals;
import org.chairside.validation.PlainText;

/** Set the pump to a new rate, in mg/kg/h (the protocol's own is its dose over its planned minutes). */
public record RateChangeRequest(
        @NotNull(message = "is required: the new rate in mg/kg/h")
        @DecimalMin(value = "0.01", message = "must be from 0.01 to 10 mg/kg/h") @DecimalMax(value = "10", message = "must be from 0.01 to 10 mg/kg/h")
        @MaxDecimals(RateChange.RATE_DECIMALS) BigDecimal mgPerKgPerHour,
        @Size(max = 500) @PlainText(multiline = true) String reason) {
}
