package org.chairside.alerts;

import static org.chairside.TestClinic.chart;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.chairside.TestClinic;
import org.chairside.session.InfusionSession;

/**
 * An infusing session opened two hours ago, with its normal baseline charted then: room for a late import, whose
 * readings taken an hour ago are inside the session yet older than chairside.alerts.historical-after (30 min).
 */
final class SessionOpenedTwoHoursAgo {
    private SessionOpenedTwoHoursAgo() {
    }

    /** @return the session's id; it is INFUSING */
    static long infusing() {
        long session = TestClinic.openSession();
        Instant opened = Instant.now().minus(Duration.ofHours(2));
        // The API cannot backdate a session, only the readings in it: move the opening instead.
        QuarkusTransaction.requiringNew().run(() ->
                InfusionSession.update("createdAt = ?1, phaseSince = ?1 where id = ?2", opened, session));
        chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98,
                "takenAt", opened.plus(Duration.ofMinutes(5)).toString()));
        TestClinic.transition(session, "INFUSING", null);
        return session;
    }
}
