package org.chairside.validation;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class MaxDecimalsValidator implements ConstraintValidator<MaxDecimals, BigDecimal> {
    private int decimals;

    @Override
    public void initialize(MaxDecimals annotation) {
        decimals = annotation.value();
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        if (value == null || StoredDecimal.decimalsOf(value) <= decimals) {
            return true;
        }
        // built here, not in the annotation's message, so that one decimal reads "1 decimal", not "1 decimals"
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(rule(decimals)).addConstraintViolation();
        return false;
    }

    static String rule(int decimals) {
        return "must have at most " + decimals + (decimals == 1 ? " decimal" : " decimals");
    }
}
