package org.chairside.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A decimal stored in a column of fixed scale: more decimals than the column keeps are refused, because the database
 * would round them silently (a dose of 0.555555 mg/kg stored as 0.556). Trailing zeros do not count (70.10 is 70.1).
 * Unlike {@code @Digits} it says nothing about the integer part, which the field's range rule speaks for. On a
 * {@code Double} it counts the decimals of the shortest text that reads back as the value: what the JSON said.
 */
@Documented
@Constraint(validatedBy = {MaxDecimalsValidator.class, MaxDecimalsValidator.OfDouble.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxDecimals {
    int value();

    String message() default "has too many decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
