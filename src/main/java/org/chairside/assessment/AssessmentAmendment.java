package org.chairside.assessment;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.PlainText;

/** The whole assessment as it should have been recorded, and why. */
public record AssessmentAmendment(@NotNull(message = "is required: MOAA_S, MOAA_S_1_6, RASS, CADSS_6, CADSS_23 or ALDRETE") Scale scale,
                                  Integer score, AldreteItems items, Instant takenAt,
                                  @Size(max = 500) @PlainText(multiline = true) String note,
                                  @NotBlank(message = "is required: say why the assessment is corrected") @Size(max = 500)
                                  @PlainText(multiline = true) String reason) {

    NewAssessment corrected() {
        return new NewAssessment(scale, score, items, takenAt, note);
    }
}
