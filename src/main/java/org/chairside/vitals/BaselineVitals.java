package org.chairside.vitals;

import java.time.Instant;

import org.chairside.rules.VitalSigns;

/**
 * What charting needs of a session's baseline reading. A reading's values never change (an amendment is a new
 * reading), so this can be kept in memory by the reading's id.
 */
record BaselineVitals(long readingId, Instant takenAt, VitalSigns vitals) {
    static BaselineVitals of(Reading r) {
        return new BaselineVitals(r.id, r.takenAt, r.vitals());
    }
}
