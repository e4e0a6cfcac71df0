package org.chairside.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
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

    public AlertTimers(AlertService alerts, Thresholds thresholds) {
        this.alerts = alerts;
        this.thresholds = thresholds;
    }

    @Scheduled(every = "${chairside.timers.every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = RecordClock.now();
        checkCharting(now);
        escalate(now);
    }

    /** @return how many overdue alerts were raised */
    public int checkCharting(Instant now) {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() ->
                InfusionSession.<InfusionSession>list("state in ?1", MONITORED).stream().map(s -> s.id).toList());
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

    private boolean raiseIfOverdue(long sessionId, Instant now) {
        InfusionSession s = SessionService.lock(sessionId);
        if (!MONITORED.contains(s.state) || AlertService.openAlerts(sessionId).containsKey(AlertService.CHARTING_OVERDUE)) {
            return false;
        }
        ChartingInterval interval = thresholds.effective(sessionId).charting();
        Instant due = ChartingSchedule.dueAt(s.state.chartingPhase(), s.phaseSince, s.lastReadingTakenAt, interval);
        if (!ChartingSchedule.isOverdue(due, interval, now)) {
            return false;
        }
        Instant since = s.lastReadingTakenAt != null && s.lastReadingTakenAt.isAfter(s.phaseSince) ? s.lastReadingTakenAt : s.phaseSince;
        long minutes = Duration.between(since, now).toMinutes();
        int every = s.state.chartingPhase() == ChartingSchedule.Phase.INFUSING ? interval.infusingMinutes() : interval.recoveryMinutes();
        String phase = s.state == SessionState.RECOVERY ? "in recovery" : "while infusing";
        String message = (s.lastReadingTakenAt == null || !s.lastReadingTakenAt.isAfter(s.phaseSince)
                ? "No vitals charted in " + minutes + " min since " + phase.replace("while ", "").replace("in ", "") + " began"
                : "No vitals charted for " + minutes + " min")
                + " (due every " + every + " min " + phase + ", " + interval.graceMinutes() + " min grace): Vitals charting overdue";
        alerts.raiseOverdue(sessionId, interval.priority() == null ? Priority.MEDIUM : interval.priority(), message, now);
        return true;
    }

    /** @return how many alerts were escalated */
    public int escalate(Instant now) {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() ->
                Alert.<Alert>list("state = ?1 and priority = ?2 and escalated = false", AlertState.ACTIVE, Priority.HIGH)
                        .stream().map(a -> a.id).toList());
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
        ThresholdProfile profile = thresholds.effective(a.sessionId);
        Duration after = Duration.ofSeconds(profile.escalation().unacknowledgedSeconds());
        if (a.state != AlertState.ACTIVE || a.escalated || now.isBefore(a.activeSince.plus(after))) {
            return false;
        }
        return alerts.escalate(a, now);
    }
}
