package org.chairside.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.PlainText;

/**
 * The answers of a contraindication screening. Each is required: an unanswered question is not a "no", and a
 * screening with a gap would let a start through that nobody judged.
 */
public record ScreeningRequest(
        @NotNull(message = ANSWER) Boolean unstableCardiovascular,
        @NotNull(message = ANSWER) Boolean aneurysmalVascular,
        @NotNull(message = ANSWER) Boolean uncontrolledHypertension,
        @NotNull(message = ANSWER) Boolean psychosisOrMania,
        @Size(max = 500) @PlainText(multiline = true) String note) {

    static final String ANSWER = "is required: true if present, false if not";
}
