package org.chairside.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.chairside.audit.RecordClock;
import org.chairside.live.EventLog;
import org.chairside.problem.ProblemException;
import org.chairside.rules.Finding;
import org.chairside.rules.Outcome;
import org.chairside.rules.OwnConditions;
import org.chairside.rules.Priority;
import org.chairside.session.InfusionSession;

/**
 * Raises, updates and resolves alerts from rule findings, and records acknowledgements. Always inside the
 * caller's transaction, with the session row locked by the caller, so two writers for one session never race.
 */
@ApplicationScoped
public class AlertService {
    public static final String CHARTING_OVERDUE = OwnConditions.CHARTING_OVERDUE;
    public static final String ALERT_EVENT = "alert";

    /** The transaction's resource: the conditions it resolved that are not written yet (see {@link #writeResolutionFirst}). */
    private static final Object RESOLVED_UNWRITTEN = new Object();

    private final EventLog events;
    private final TransactionSynchronizationRegistry transactions;

    public AlertService(EventLog events, TransactionSynchronizationRegistry transactions) {
        this.events = events;
        this.transactions = transactions;
    }

    private record Condition(long sessionId, String code) {
    }

    public static Map<String, Alert> openAlerts(long sessionId) {
        // ">= ''" holds for exactly the strings that are not null, and unlike "is not null" it is a range the databases
        // read off the unique (session, open condition) index: the open alerts alone, not every alert the session ever had
        return Alert.<Alert>list("sessionId = ?1 and openCondition >= ''", sessionId).stream()
                .collect(Collectors.toMap(a -> a.conditionCode, Function.identity()));
    }

    /**
     * Applies one reading's findings.
     *
     * @param open       the session's open alerts by condition; updated in place
     * @param latest     whether the reading is the newest the session has: only the newest may clear a condition
     * @param historical whether the reading is old (late import): its new alerts are recorded but do not sound
     * @return the alerts that changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Alert> apply(long sessionId, long readingId, List<Finding> findings, Map<String, Alert> open,
                            boolean latest, boolean historical, Instant now) {
        Set<Alert> changed = new LinkedHashSet<>();
        for (Finding f : findings) {
            Alert alert = open.get(f.rule().condition());
            if (f.outcome() == Outcome.BREACH) {
                if (alert == null) {
                    writeResolutionFirst(sessionId, f.rule().condition());
                    alert = raise(sessionId, f.rule().condition(), f.rule().label(), f.priority(), f.message(), readingId, historical, now);
                    alert.vital = f.limit().vital();
                    alert.operator = f.limit().operator();
                    alert.limitValue = f.limit().value();
                    alert.triggerValue = f.observed();
                    alert.worstValue = f.observed();
                    alert.lastValue = f.observed();
                    open.put(alert.conditionCode, alert);
                } else {
                    repeat(alert, f, readingId, historical, now);
                }
                changed.add(alert);
            } else if (f.outcome() == Outcome.CLEAR && alert != null && latest) {
                clear(alert, "reading " + readingId, now);
                if (!alert.state.isOpen()) {
                    open.remove(alert.conditionCode);
                    resolvedUnwritten().add(new Condition(sessionId, alert.conditionCode));
                }
                changed.add(alert);
            }
        }
        return changed;
    }

    /**
     * A batch (an import, a writer's group) may breach a condition again after resolving it in the same transaction.
     * Hibernate writes inserts before updates, so the new alert would meet the resolved one, still open in the database,
     * in the unique open-alert index: the resolution is written first, then. Only then: a flush at every resolution
     * split a writer's group into several flushes.
     */
    private void writeResolutionFirst(long sessionId, String condition) {
        Set<Condition> resolved = resolvedUnwritten();
        if (resolved.remove(new Condition(sessionId, condition))) {
            Alert.getEntityManager().flush();
            // everything pending is written now
            resolved.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Condition> resolvedUnwritten() {
        Set<Condition> resolved = (Set<Condition>) transactions.getResource(RESOLVED_UNWRITTEN);
        if (resolved == null) {
            resolved = new HashSet<>();
            transactions.putResource(RESOLVED_UNWRITTEN, resolved);
        }
        return resolved;
    }

    /** Any new reading answers an overdue charting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Alert resolveOverdue(Map<String, Alert> open, long readingId, Instant now) {
        Alert overdue = open.remove(CHARTING_OVERDUE);
        if (overdue != null) {
            overdue.resolve(now, "reading " + readingId);
        }
        return overdue;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Alert raiseOverdue(long sessionId, Priority priority, String message, Instant now) {
        Alert a = raise(sessionId, CHARTING_OVERDUE, "Vitals charting overdue", priority, message, null, false, now);
        publish(List.of(a));
        return a;
    }

    /**
     * A score of the chair's, judged for one condition it shows: {@code concern} says how urgent, or is null when the
     * score shows nothing wrong. A concerning score raises the session's alert of that condition, or adds to it (a
     * higher priority breaks through an acknowledgement, as a higher reading does); one that shows nothing wrong and is
     * the newest score of its kind clears it, a HIGH one staying on the board until acknowledged. A score taken long
     * ago (entered late) raises it silently.
     *
     * @return the alert, when it changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Alert judgeScore(long sessionId, ScoredCondition condition, Priority priority, String message, int score, boolean newest,
                            boolean historical, String by, Instant now) {
        Alert a = openAlerts(sessionId).get(condition.code());
        if (priority != null && a == null) {
            a = raise(sessionId, condition.code(), condition.label(), priority, message, null, historical, now);
            a.triggerValue = (double) score;
            a.worstValue = (double) score;
            a.lastValue = (double) score;
        } else if (priority != null) {
            if (priority.above(a.priority) || (priority == a.priority && a.worstValue != null && condition.worse(score, a.worstValue))) {
                a.worstValue = (double) score;
                a.message = message;
            }
            breachAgain(a, priority, score, historical, now);
        } else if (a != null && newest) {
            a.lastValue = (double) score;
            clear(a, by, now);
        } else {
            return null;
        }
        publish(List.of(a));
        return a;
    }

    /** An alert whose every cause was amended away: resolved, even a latched HIGH one, since what raised it was never real. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(Alert a, String by, Instant now) {
        a.resolve(now, by);
        publish(List.of(a));
    }

    /** A closed session needs no more attention: its open alerts are resolved, acknowledgements kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Alert> resolveAll(long sessionId, String by, Instant now) {
        List<Alert> closed = new ArrayList<>(openAlerts(sessionId).values());
        closed.forEach(a -> a.resolve(now, by));
        return closed;
    }

    @Transactional
    public AlertView acknowledge(long alertId, String note, String actor) {
        Alert a = Alert.findById(alertId);
        if (a == null) {
            throw ProblemException.notFound("alert", alertId);
        }
        // Lock the session as the write path does, so an acknowledgement and a reading never interleave.
        InfusionSession.findById(a.sessionId, LockModeType.PESSIMISTIC_WRITE);
        Alert.getEntityManager().refresh(a);
        switch (a.state) {
            case ACKNOWLEDGED -> throw ProblemException.conflict("Already acknowledged by " + a.acknowledgedBy + " at " + a.acknowledgedAt);
            // A colleague's acknowledgement that also resolved a recovered alert: the second nurse must learn who owns it.
            case RESOLVED -> throw ProblemException.conflict(a.acknowledgedBy == null
                    ? "The alert is resolved (" + a.resolvedBy + ")"
                    : "Already acknowledged by " + a.acknowledgedBy + " at " + a.acknowledgedAt + " and resolved (" + a.resolvedBy + ")");
            default -> {
            }
        }
        Instant now = RecordClock.now();
        a.state = AlertState.ACKNOWLEDGED;
        a.acknowledgedAt = now;
        a.acknowledgedBy = actor;
        a.acknowledgeNote = note;
        a.updatedAt = now;
        if (a.conditionCleared) {
            a.resolve(now, "acknowledged after recovery");
        }
        publish(List.of(a));
        return AlertView.of(a);
    }

    /** Escalates a HIGH alert nobody acknowledged in time; false when another instance already did. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean escalate(Alert a, Instant now) {
        if (a.escalated || a.state != AlertState.ACTIVE) {
            return false;
        }
        a.escalated = true;
        a.escalatedAt = now;
        a.updatedAt = now;
        publish(List.of(a));
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Collection<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        Alert.getEntityManager().flush();
        events.append(alerts.stream().map(a -> new EventLog.Pending(ALERT_EVENT, a.sessionId, AlertView.of(a))).toList());
    }

    private Alert raise(long sessionId, String condition, String label, Priority priority, String message, Long readingId,
                        boolean historical, Instant now) {
        // A new open alert moves its session's version, in this transaction: the charting writers skip the open-alert
        // query for a session they saw with none for as long as its version stays where it was then (ChartingService).
        // The caller holds the session's lock, so it is in the persistence context and this reads nothing; a weaker
        // mode than the lock already held (OPTIMISTIC_FORCE_INCREMENT) would be ignored by Hibernate.
        InfusionSession session = InfusionSession.findById(sessionId);
        Alert.getEntityManager().lock(session, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        Alert a = new Alert();
        a.sessionId = sessionId;
        a.conditionCode = condition;
        a.openCondition = condition;
        a.conditionLabel = label;
        a.priority = priority;
        a.state = AlertState.ACTIVE;
        a.message = message;
        a.breachCount = 1;
        a.firstReadingId = readingId;
        a.lastReadingId = readingId;
        a.historical = historical;
        a.raisedAt = now;
        a.activeSince = now;
        a.updatedAt = now;
        a.persist();
        return a;
    }

    /** One reading's finding on an alert's condition; {@code finding} null: the reading says nothing of it. */
    public record Evidence(long readingId, Finding finding) {
    }

    /**
     * Rebuilds an open alert from what the session's current readings since it was raised still show, after an
     * amendment took one away. With no breach left it is withdrawn (resolved, even a latched HIGH one: the value that
     * raised it was never real); otherwise its priority, worst value, first and last breach and message are those the
     * remaining readings give, and it clears (or latches) if the newest reading that speaks of it does not cross.
     *
     * @return whether the alert changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reassess(Alert a, List<Evidence> since, String by, Instant now) {
        List<Evidence> breaches = since.stream().filter(e -> e.finding() != null && e.finding().outcome() == Outcome.BREACH).toList();
        if (breaches.isEmpty()) {
            a.resolve(now, by);
            return true;
        }
        Finding worst = null;
        for (Evidence e : breaches) {
            if (worst == null || worse(e.finding(), worst.priority(), worst.observed())) {
                worst = e.finding();
            }
        }
        Evidence first = breaches.get(0);
        Evidence last = breaches.get(breaches.size() - 1);
        Evidence newest = since.stream().filter(e -> e.finding() != null).reduce((x, y) -> y).orElseThrow();
        boolean same = a.priority == worst.priority() && Objects.equals(a.worstValue, worst.observed())
                && Objects.equals(a.firstReadingId, first.readingId()) && Objects.equals(a.lastReadingId, last.readingId())
                && a.breachCount == breaches.size() && a.conditionCleared == (newest.finding().outcome() == Outcome.CLEAR);
        if (same) {
            return false;
        }
        a.priority = worst.priority();
        if (a.priority != Priority.HIGH) {
            // Escalation is for a HIGH alert nobody answered; the readings left make it a lower one, with no page due.
            a.escalated = false;
            a.escalatedAt = null;
        }
        a.worstValue = worst.observed();
        a.message = worst.message();
        a.vital = worst.limit().vital();
        a.operator = worst.limit().operator();
        a.limitValue = worst.limit().value();
        a.firstReadingId = first.readingId();
        a.triggerValue = first.finding().observed();
        a.lastReadingId = last.readingId();
        a.lastValue = last.finding().observed();
        a.breachCount = breaches.size();
        a.conditionCleared = false;
        a.updatedAt = now;
        if (newest.finding().outcome() == Outcome.CLEAR) {
            clear(a, by, now);
        }
        return true;
    }

    private static boolean worse(Finding f, Priority than, Double worstValue) {
        return f.priority().above(than) || (f.priority() == than && worstValue != null
                && (f.limit().operator().upward() ? f.observed() > worstValue : f.observed() < worstValue));
    }

    private static void repeat(Alert a, Finding f, long readingId, boolean historical, Instant now) {
        a.lastReadingId = readingId;
        if (worse(f, a.priority, a.worstValue)) {
            a.worstValue = f.observed();
            a.message = f.message();
            a.vital = f.limit().vital();
            a.operator = f.limit().operator();
            a.limitValue = f.limit().value();
        }
        breachAgain(a, f.priority(), f.observed(), historical, now);
    }

    /** The open alert's condition holds again, at this priority and value. */
    private static void breachAgain(Alert a, Priority priority, double value, boolean historical, Instant now) {
        a.breachCount++;
        if (a.historical && !historical) {
            // The condition was first seen in old readings (a late import), so the alert was kept silent; it holds now,
            // on a reading taken now, and must sound like any live alert. Left historical, the board never sounded it.
            // Its escalation counts from now, when somebody is first prompted, not from the old reading.
            a.historical = false;
            a.activeSince = now;
        }
        a.lastValue = value;
        a.conditionCleared = false;
        a.updatedAt = now;
        if (priority.above(a.priority)) {
            // A higher alarm breaks through an acknowledgement: someone must look again.
            a.priority = priority;
            a.state = AlertState.ACTIVE;
            a.activeSince = now;
            a.escalated = false;
            a.escalatedAt = null;
        }
    }

    /** A HIGH alert latches until acknowledged; everything else resolves as soon as the value is back. */
    private static void clear(Alert a, String by, Instant now) {
        if (a.state == AlertState.ACTIVE && a.priority == Priority.HIGH) {
            a.conditionCleared = true;
            a.updatedAt = now;
        } else {
            a.resolve(now, by);
        }
    }
}
