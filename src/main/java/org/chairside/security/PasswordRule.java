package org.chairside.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password a user may be given: at least {@link #MIN_CHARACTERS} characters, at most {@link #MAX_BYTES} bytes in
 * UTF-8. The upper limit is bcrypt's: it hashes only the first 72 bytes, so a longer password was accepted and then any
 * password sharing those bytes logged in too (36 'é' are 72 bytes). Refused rather than cut, so that what a user
 * types is what is checked.
 */
@Documented
@Constraint(validatedBy = PasswordRule.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PasswordRule {
    int MIN_CHARACTERS = 10;
    int MAX_BYTES = 72;
    String RULE = "must be 10 characters to 72 bytes (UTF-8: a letter such as é takes 2 bytes, most other scripts 3)";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PasswordRule, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return password == null || fits(password);
        }

        static boolean fits(String password) {
            return password.codePointCount(0, password.length()) >= MIN_CHARACTERS
                    && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        }
    }
}
