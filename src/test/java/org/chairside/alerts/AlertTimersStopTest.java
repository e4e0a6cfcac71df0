package org.chairside.alerts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.runtime.ShutdownEvent;
import org.junit.jupiter.api.Test;

/**
 * A timer tick when the app stops: the connection pool closes under it, and a failure then is the stop, not a fault
 * for the log to report as an error. Nothing is wired here (no Quarkus, no database), so any work a tick tried
 * would fail.
 */
class AlertTimersStopTest {
    @Test
    void aTickAfterTheStopDoesNothing() {
        AlertTimers timers = new AlertTimers(null, null);
        timers.onStop(new ShutdownEvent());
        assertDoesNotThrow(timers::tick);
    }

    @Test
    void aFailureWhileTheAppRunsReachesTheScheduler() {
        // The scheduler logs what a tick throws; swallowing it here would hide a broken timer.
        AlertTimers timers = new AlertTimers(null, null);
        assertThrows(RuntimeException.class, timers::tick);
    }
}
