package org.chairside.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {
    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        String problem = TextCharacters.problem(value, multiline);
        if (problem == null) {
            return true;
        }
        // the rule names the character and where it is, so that a nurse can find what a paste brought in
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escaped(problem)).addConstraintViolation();
        return false;
    }

    /** Message templates treat braces and dollars as expressions; the rule's text has none but stays literal. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
