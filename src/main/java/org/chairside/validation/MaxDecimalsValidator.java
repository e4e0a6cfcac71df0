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

    /** The same rule on a {@code Double} field, such as a temperature. */
    public static class OfDouble implements ConstraintValidator<MaxDecimals, Double> {
        private final MaxDecimalsValidator decimals = new MaxDecimalsValidator();

        @Override
        public void initialize(MaxDecimals annotation) {
            decimals.initialize(annotation);
        }

        @Override
        public boolean isValid(Double value, ConstraintValidatorContext context) {
            return value == null || value.isNaN() || value.isInfinite() || decimals.isValid(BigDecimal.valueOf(value), context);
        }
    }

    static String rule(int decimals) {
        return "must have at most " + decimals + (decimals == 1 ? " decimal" : " decimals");
    }
}
