package org.chairside.patient;

import java.time.LocalDate;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PlausibleBirthDateValidator implements ConstraintValidator<PlausibleBirthDate, LocalDate> {
    static final String EARLIEST_TEXT = "1900-01-01";
    static final LocalDate EARLIEST = LocalDate.parse(EARLIEST_TEXT);

    @Override
    public boolean isValid(LocalDate birthDate, ConstraintValidatorContext context) {
        // the validator's clock, as @Past used it, so that "today" is the same for every rule
        return birthDate == null || plausible(birthDate, LocalDate.now(context.getClockProvider().getClock()));
    }

    static boolean plausible(LocalDate birthDate, LocalDate today) {
        return !birthDate.isBefore(EARLIEST) && birthDate.isBefore(today);
    }
}
