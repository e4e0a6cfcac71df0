package org.chairside.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.chairside.audit.RecordClock;
import org.chairside.patient.Patient;
import org.chairside.recliner.Recliner;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionState;

/**
 * Charts plausible vitals for every open demo session every few seconds, now and then crossing a
 * threshold, and moves sessions along so the board stays alive: infusions end into recovery, recoveries
 * are discharged, and a free chair soon gets a new patient.
 */
@ApplicationScoped
public class Simulator {
    private static final Logger LOG = Logger.getLogger(Simulator.class);

    private final boolean enabled;
    private final DemoClinic clinic;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Map<Long, int[]> drift = new ConcurrentHashMap<>();

    public Simulator(@ConfigProperty(name = "chairside.demo.enabled") boolean enabled, DemoClinic clinic) {
        this.enabled = enabled;
        this.clinic = clinic;
    }

    @Scheduled(every = "${chairside.demo.chart-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled || !clinic.seeded()) {
            return;
        }
        try {
            step(RecordClock.now());
        } catch (RuntimeException e) {
            LOG.warn("Demo simulator step failed", e);
        }
    }

    private record Chair(long sessionId, SessionState state, Instant phaseSince, int plannedMinutes) {
    }

    void step(Instant now) {
        List<Chair> open = QuarkusTransaction.requiringNew().call(() -> InfusionSession.<InfusionSession>list(InfusionSession.OPEN)
                .stream().map(s -> new Chair(s.id, s.state, s.phaseSince, s.plannedMinutes)).toList());
        for (Chair c : open) {
            Duration inPhase = Duration.between(c.phaseSince(), now);
            switch (c.state()) {
                case CHECKED_IN -> {
                    if (inPhase.toMinutes() >= 2) {
                        clinic.start(c.sessionId());
                        continue;
                    }
                }
                case INFUSING -> {
                    if (inPhase.toMinutes() >= c.plannedMinutes()) {
                        clinic.move(c.sessionId(), SessionState.RECOVERY, null);
                        continue;
                    }
                }
                case PAUSED -> {
                    if (inPhase.toMinutes() >= 3) {
                        clinic.move(c.sessionId(), SessionState.INFUSING, null);
                        continue;
                    }
                }
                case RECOVERY -> {
                    if (inPhase.toMinutes() >= 20) {
                        clinic.discharge(c.sessionId());
                        drift.remove(c.sessionId());
                        continue;
                    }
                }
                default -> {
                }
            }
            chartOne(c.sessionId(), c.state());
        }
        if (open.size() < 6 && random.nextInt(6) == 0) {
            seatSomeone();
        }
    }

    private void chartOne(long sessionId, SessionState state) {
        int[] base = drift.computeIfAbsent(sessionId, id -> new int[]{118 + random.nextInt(16), 74 + random.nextInt(10), 68 + random.nextInt(14), 97 + random.nextInt(3)});
        // a slow random walk, pulled back towards the patient's own baseline
        int systolic = clamp(base[0] + gauss(6) + (state == SessionState.INFUSING ? 8 : 0), 95, 175);
        int diastolic = clamp(Math.min(base[1] + gauss(4), systolic - 30), 55, 105);
        int heartRate = clamp(base[2] + gauss(5), 52, 108);
        int spo2 = clamp(base[3] + gauss(1), 93, 100);
        if (random.nextInt(20) == 0) {
            // now and then, something a nurse must look at
            switch (random.nextInt(4)) {
                case 0 -> systolic = 165 + random.nextInt(25);
                case 1 -> spo2 = 86 + random.nextInt(5);
                case 2 -> heartRate = 112 + random.nextInt(25);
                default -> systolic = 86 + random.nextInt(3);
            }
            diastolic = Math.min(diastolic, systolic - 25);
        }
        clinic.chart(sessionId, systolic, diastolic, heartRate, spo2);
    }

    private void seatSomeone() {
        Long[] pick = QuarkusTransaction.requiringNew().call(() -> {
            List<Long> busyChairs = InfusionSession.<InfusionSession>list(InfusionSession.OPEN).stream().map(s -> s.openReclinerId).toList();
            List<Long> busyPatients = InfusionSession.<InfusionSession>list(InfusionSession.OPEN).stream().map(s -> s.patient.id).toList();
            Long chair = Recliner.<Recliner>listAll().stream().map(r -> r.id).filter(id -> !busyChairs.contains(id)).findFirst().orElse(null);
            Long patient = Patient.<Patient>listAll().stream().map(p -> p.id).filter(id -> !busyPatients.contains(id))
                    .skip(random.nextInt(3)).findFirst().orElse(null);
            return new Long[]{chair, patient};
        });
        if (pick[0] != null && pick[1] != null) {
            clinic.seat(pick[1], pick[0], 115 + random.nextInt(20), 72 + random.nextInt(12));
        }
    }

    private int gauss(int spread) {
        return (int) Math.round(random.nextGaussian() * spread);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
