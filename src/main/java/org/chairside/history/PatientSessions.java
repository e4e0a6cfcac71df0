package org.chairside.history;

import java.util.List;

import org.chairside.patient.PatientView;

/** A patient's sessions in the order they happened, numbered as the series ("infusion 4 of 6"). */
public record PatientSessions(PatientView patient, int total, List<SeriesEntry> sessions) {

    public record SeriesEntry(int number, int of, SessionSummary session) {
    }
}
