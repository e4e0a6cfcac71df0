package org.chairside.patient;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A living patient's birth date: from {@link PlausibleBirthDateValidator#EARLIEST} and before today. Without a lower
 * bound a mistyped year (0000, -9999, 1582 in the middle of the Gregorian reform) was stored and read back as another
 * date, since the database's calendar is not Java's for such dates.
 */
@Documented
@Constraint(validatedBy = PlausibleBirthDateValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleBirthDate {
    String message() default "must be from " + PlausibleBirthDateValidator.EARLIEST_TEXT + " and in the past";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
