package org.chairside.vitals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.chairside.rules.Consciousness;
import org.chairside.session.SessionState;

/** A long session as a monitor fills it, stored directly: the reading lists do not care how readings arrived. */
final class DeviceReadings {
    private DeviceReadings() {
    }

    /** One reading a second from now on, every field present or null in turn, the first five baseline. */
    static void store(long session, int count) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                Reading r = new Reading();
                r.sessionId = session;
                r.takenAt = start.plusMillis(i * 1001L);
                r.enteredAt = r.takenAt.plusNanos(1000);
                r.phase = i < 5 ? SessionState.CHECKED_IN : SessionState.INFUSING;
                r.systolic = 100 + i % 50;
                r.diastolic = 70;
                r.heartRate = i % 7 == 0 ? null : 60 + i % 40;
                r.spo2 = 97;
                r.temperatureC = i % 3 == 0 ? 36.6 + i % 10 / 10.0 : null;
                r.respiratoryRate = i % 5 == 0 ? 12 + i % 14 : null;
                r.onOxygen = i % 4 == 0 ? null : i % 4 == 1;
                r.consciousness = i % 11 == 0 ? null : Consciousness.values()[i % 5];
                r.source = Source.DEVICE;
                r.sourceRef = "dev-" + i;
                r.chartedBy = "monitor";
                r.persist();
            }
        });
    }
}
