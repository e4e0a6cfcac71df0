package org.chairside.history;

import java.time.Instant;

import org.chairside.session.SessionState;
import org.chairside.session.SessionView;

/**
 * One past (or current) session as history lists it: who, where, when, how it ended, its peak blood
 * pressure (the reading with the highest systolic, amended originals left out) and how many alerts it raised.
 */
public record SessionSummary(Long id, SessionView.PatientRef patient, SessionView.ReclinerRef recliner, SessionState state,
                             String drug, Integer plannedMinutes, Instant createdAt, Instant startedAt, Instant closedAt,
                             String stopReason, PeakBp peakBp, long alertCount, long highAlertCount) {

    /** Systolic and diastolic of one reading, and when it was taken. */
    public record PeakBp(int systolic, int diastolic, Instant takenAt) {
    }
}
