package org.chairside.vitals;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.chairside.alerts.Alert;
import org.chairside.rules.ThresholdProfile;
import org.chairside.session.InfusionSession;

/**
 * A session locked for charting, with what the rules need of it. Loaded once per transaction however many readings
 * it charts for the session (a writer's group loads all its sessions in a handful of queries), and kept current as
 * readings are stored: the open alerts are updated in place, the baseline when a reading replaces it.
 */
final class LockedSession {
    final InfusionSession session;
    /** null for a closed session: nothing is charted there, so its thresholds are not read */
    final ThresholdProfile profile;
    /** the open alerts by condition */
    final Map<String, Alert> open;
    Optional<BaselineVitals> baseline;
    /** The importers' keys the session has, read before the first write and added to as readings are stored. */
    Set<String> storedKeys;
    /** Whether a reading stored in this transaction is the session's newest now (its time is recorded after the writes). */
    boolean lastReadingMoved;
    /**
     * Whether a reading stored in this transaction may change what the start of a checked-in session needs: one with a
     * blood pressure, a new baseline among them (see {@code StartCheck}). A monitor's heart rate and SpO2 every second do not.
     */
    boolean startCheckMoved;

    LockedSession(InfusionSession session, ThresholdProfile profile, Map<String, Alert> open, Optional<BaselineVitals> baseline) {
        this.session = session;
        this.profile = profile;
        this.open = open;
        this.baseline = baseline;
    }
}
