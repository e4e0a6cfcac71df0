package org.chairside.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.PlainText;

public record TransitionRequest(@NotNull(message = "is required: INFUSING, PAUSED, RECOVERY, DISCHARGED or STOPPED") SessionState to,
                                @Size(max = 500) @PlainText(multiline = true) String reason) {
}
