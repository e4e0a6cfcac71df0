package org.chairside.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import org.chairside.audit.RecordClock;
import org.chairside.rules.ChartingInterval;
import org.chairside.rules.ChartingSchedule;
import org.chairside.rules.Priority;
import org.chairside.rules.ThresholdProfile;
import org.chairside.rules.Thresholds;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.session.SessionState;

/**
 * The timed rules: charting overdue and escalation of unacknowledged HIGH alerts. Every instance runs them;
 * each session is handled in its own transaction under the session's row lock, and the unique open alert
 * per session and condition lets the database, not the JVM, keep them from firing twice.
 */
@ApplicationScoped
public class AlertTimers {
    private static final Logger LOG = Logger.getLogger(AlertTimers.class);
    private static final List<SessionState> MONITORED = List.of(SessionState.INFUSING, SessionState.PAUSED, SessionState.RECOVERY);

    private final AlertService alerts;
    private final Thresholds thresholds;
    private volatile boolean stopping;

    public AlertTimers(AlertService alerts, Thresholds thresholds) {
        this.alerts = alerts;
        this.thresholds = thresholds;
    }

    void onStop(@Observes ShutdownEvent event) {
        // The scheduler can still fire, or be mid-tick, while the connection pool closes.
        stopping = true;
    }

    @Scheduled(every = "${chairside.timers.every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        Instant now = RecordClock.now();
        try {
            checkCharting(now);
            escalate(now);
        } catch (RuntimeException e) {
            if (!stopping) {
                // The scheduler logs it as an error; the next tick starts over.
                throw e;
            }
            // Each session's check is its own transaction, so what was cut short rolled back whole; the next start's
            // first tick does it.
            LOG.debugf("Timer tick ended by the shutdown: %s", e.getMessage());
        }
    }

    /** @return how many overdue alerts were raised */
    public int checkCharting(Instant now) {
        // One read finds the sessions that look overdue; only those are locked and checked again. Locking every
        // monitored session at every tick queued the timer behind the charting writer, and the writer behind it.
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> overdueCandidates(now));
        int raised = 0;
        for (Long id : ids) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> raiseIfOverdue(id, now))) {
                    raised++;
                }
            } catch (RuntimeException e) {
                // Another instance raised it a moment earlier: the unique open alert rejected ours.
                LOG.debugf("Overdue check of session %d skipped: %s", id, e.getMessage());
            }
        }
        return raised;
    }

    private List<Long> overdueCandidates(Instant now) {
        // From the monitored sessions to their open overdue alert, both through indexes: the open condition alone is no
        // index's first column, and asked that way the databases read every alert the clinic ever had, at every tick.
        Set<Long> alreadyRaised = new HashSet<>(Alert.getEntityManager()
                .createQuery("select a.sessionId from Alert a, InfusionSession s"
                        + " where s.state in ?2 and a.sessionId = s.id and a.openCondition = ?1", Long.class)
                .setParameter(1, AlertService.CHARTING_OVERDUE).setParameter(2, MONITORED).getResultList());
        LongFunction<ThresholdProfile> profiles = thresholds.effectiveNow();
        List<Long> candidates = new ArrayList<>();
        for (InfusionSession s : InfusionSession.<InfusionSession>list("state in ?1", MONITORED)) {
            if (!alreadyRaised.contains(s.id) && s.chartingOverdue(profiles.apply(s.id).charting(), now)) {
                candidates.add(s.id);
            }
        }
        return candidates;
    }

    private boolean raiseIfOverdue(long sessionId, Instant now) {
        InfusionSession s = SessionService.lock(sessionId);
        if (!MONITORED.contains(s.state) || AlertService.openAlerts(sessionId).containsKey(AlertService.CHARTING_OVERDUE)) {
            return false;
        }
        ChartingInterval interval = thresholds.effective(sessionId).charting();
        if (!s.chartingOverdue(interval, now)) {
            return false;
        }
        Instant phaseStart = s.chartingSince();
        Instant since = s.lastReadingTakenAt != null && s.lastReadingTakenAt.isAfter(phaseStart) ? s.lastReadingTakenAt : phaseStart;
        long minutes = Duration.between(since, now).toMinutes();
        int every = s.state.chartingPhase() == ChartingSchedule.Phase.INFUSING ? interval.infusingMinutes() : interval.recoveryMinutes();
        String phase = s.state == SessionState.RECOVERY ? "in recovery" : "while infusing";
        String message = (s.lastReadingTakenAt == null || !s.lastReadingTakenAt.isAfter(phaseStart)
                ? "No vitals charted in " + minutes + " min since " + phase.replace("while ", "").replace("in ", "") + " began"
                : "No vitals charted for " + minutes + " min")
                + " (due every " + every + " min " + phase + ", " + interval.graceMinutes() + " min grace): Vitals charting overdue";
        alerts.raiseOverdue(sessionId, interval.priority() == null ? Priority.MEDIUM : interval.priority(), message, now);
        return true;
    }

    /** @return how many alerts were escalated */
    public int escalate(Instant now) {
        // As for charting: only the alerts already due are locked and checked again.
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> {
            LongFunction<ThresholdProfile> profiles = thresholds.effectiveNow();
            return Alert.<Alert>list("state = ?1 and priority = ?2 and escalated = false and historical = false", AlertState.ACTIVE, Priority.HIGH)
                    .stream().filter(a -> escalationDue(a, profiles.apply(a.sessionId), now)).map(a -> a.id).toList();
        });
        int escalated = 0;
        for (Long id : ids) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> escalateIfDue(id, now))) {
                    escalated++;
                }
            } catch (RuntimeException e) {
                LOG.debugf("Escalation of alert %d skipped: %s", id, e.getMessage());
            }
        }
        return escalated;
    }

    private boolean escalateIfDue(long alertId, Instant now) {
        Alert a = Alert.findById(alertId);
        SessionService.lock(a.sessionId);
        Alert.getEntityManager().refresh(a);
        if (a.state != AlertState.ACTIVE || a.escalated || !escalationDue(a, thresholds.effective(a.sessionId), now)) {
            return false;
        }
        // Stamped now, under the lock, not when the tick began: a repeat breach charted meanwhile stamped the alert later,
        // and a board keeps the newer of two versions, so an escalation stamped earlier never showed.
        Instant locked = RecordClock.now();
        return alerts.escalate(a, locked.isAfter(now) ? locked : now);
    }

    /** A historical alert (late import) was never sounded, so nobody has failed to answer it yet. */
    private static boolean escalationDue(Alert a, ThresholdProfile profile, Instant now) {
        return !a.historical && !now.isBefore(a.activeSince.plus(Duration.ofSeconds(profile.escalation().unacknowledgedSeconds())));
    }
}
