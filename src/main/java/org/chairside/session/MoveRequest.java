package org.chairside.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.chairside.validation.PlainText;

/** Move the session's patient to another recliner, free and in service. */
public record MoveRequest(@NotNull(message = "is required: the recliner the patient moves to") Long reclinerId,
                          @Size(max = 500) @PlainText(multiline = true) String reason) {
}
