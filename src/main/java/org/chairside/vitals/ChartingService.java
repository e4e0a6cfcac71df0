package org.chairside.vitals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.alerts.Alert;
import org.chairside.alerts.AlertService;
import org.chairside.alerts.AlertView;
import org.chairside.audit.RecordClock;
import org.chairside.live.EventLog;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.rules.Finding;
import org.chairside.rules.News2;
import org.chairside.rules.Rule;
import org.chairside.rules.RuleEngine;
import org.chairside.rules.ThresholdProfile;
import org.chairside.rules.Thresholds;
import org.chairside.rules.Vital;
import org.chairside.rules.VitalSigns;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.session.SessionState;

/**
 * The one write path for vitals: manual charting, imports and device feeds all end here. In one
 * transaction it validates, stores, evaluates the rules, raises/updates/resolves alerts and appends the
 * events; the events go out to dashboards only after the commit.
 */
@ApplicationScoped
public class ChartingService {
    public static final String READING_EVENT = "reading";

    private static final int KEPT = 4096;

    /** Baselines by reading id, so the writers read each one once, not at every group (see {@link BaselineVitals}). */
    private final Map<Long, BaselineVitals> baselines = new ConcurrentHashMap<>();
    /**
     * Sessions last seen with no open alert, with their version then. Only a new alert opens one, and raising it moves
     * the session's version in the same transaction (AlertService), on whichever instance: while the version is still
     * the same, the session still has none, and its open alerts need not be read.
     */
    private final Map<Long, Long> quietAtVersion = new ConcurrentHashMap<>();

    private final Thresholds thresholds;
    private final AlertService alerts;
    private final EventLog events;
    private final TransactionSynchronizationRegistry transactions;
    private final SessionService sessions;
    private final AlertReassessment reassessment;
    private final Duration historicalAfter;

    public ChartingService(Thresholds thresholds, AlertService alerts, EventLog events, TransactionSynchronizationRegistry transactions,
                           SessionService sessions, AlertReassessment reassessment,
                           @ConfigProperty(name = "chairside.alerts.historical-after") Duration historicalAfter) {
        this.thresholds = thresholds;
        this.alerts = alerts;
        this.events = events;
        this.transactions = transactions;
        this.sessions = sessions;
        this.reassessment = reassessment;
        this.historicalAfter = historicalAfter;
    }

    /** What a charting stored and what it did to the alerts; readings already imported once are left out. */
    public record Charted(List<Reading> readings, Set<Alert> alerts, int duplicates) {
    }

    /**
     * Records readings for a session, all or nothing.
     *
     * @param fieldPrefix how violations name a reading: "" for a single reading, "readings" for a batch (readings[2].spo2)
     */
    @Transactional
    public Charted chart(long sessionId, List<ReadingInput> inputs, Source source, String actor, String fieldPrefix) {
        LockedSession target = lock(List.of(sessionId)).get(sessionId);
        if (target == null) {
            throw ProblemException.notFound("session", sessionId);
        }
        readStoredKeys(target, inputs.stream());
        List<EventLog.Pending> announcements = new ArrayList<>();
        Charted charted = chartInTransaction(target, inputs, source, actor, fieldPrefix, announcements);
        recordLastReadings(List.of(target));
        announceCheckedIn(List.of(target), announcements);
        events.append(announcements);
        rememberQuiet(List.of(target));
        return charted;
    }

    /**
     * What one sender charts at once, all or nothing: a nurse's reading, a monitor's HL7 message with one or more
     * readings of one patient.
     *
     * @param fieldPrefix how violations name a reading: "" for a single reading, "readings" for several
     */
    public record Entry(long sessionId, List<ReadingInput> inputs, Source source, String actor, String fieldPrefix) {
        public Entry(long sessionId, ReadingInput input, Source source, String actor) {
            this(sessionId, List.of(input), source, actor, "");
        }
    }

    /**
     * Charts several single readings in one transaction (see {@link ChartingQueue}). A reading refused for its
     * own reasons (unknown or closed session, invalid values) is refused before it writes anything, so the
     * others stand; any other failure rolls the whole group back.
     *
     * <p>Every session of the group is locked and its thresholds, open alerts and baseline read before the first write.
     * Nothing is queried between the writes then (unless a sustained rule or a device's reference asks), so the group's
     * rows go to the database in one flush, in JDBC batches, instead of a flush per reading.
     */
    @Transactional
    public List<GroupCommit.Outcome<Charted>> chartTogether(List<Entry> group) {
        // In session id order (arrival order within a session), as the locks are taken.
        Map<Long, List<Integer>> bySession = new TreeMap<>();
        for (int i = 0; i < group.size(); i++) {
            bySession.computeIfAbsent(group.get(i).sessionId(), id -> new ArrayList<>()).add(i);
        }
        Map<Long, LockedSession> locked = lock(bySession.keySet());
        List<GroupCommit.Outcome<Charted>> outcomes = new ArrayList<>(Collections.nCopies(group.size(), null));
        List<EventLog.Pending> announcements = new ArrayList<>();
        // every session's keys first: no query may come between the group's writes
        bySession.forEach((sessionId, arrivals) -> {
            LockedSession target = locked.get(sessionId);
            if (target != null) {
                readStoredKeys(target, arrivals.stream().flatMap(i -> group.get(i).inputs().stream()));
            }
        });
        bySession.forEach((sessionId, arrivals) -> {
            LockedSession target = locked.get(sessionId);
            for (int i : arrivals) {
                Entry one = group.get(i);
                try {
                    if (target == null) {
                        throw ProblemException.notFound("session", sessionId);
                    }
                    outcomes.set(i, GroupCommit.Outcome.answered(
                            chartInTransaction(target, one.inputs(), one.source(), one.actor(), one.fieldPrefix(), announcements)));
                } catch (ProblemException refused) {
                    outcomes.set(i, GroupCommit.Outcome.refused(refused));
                }
            }
        });
        recordLastReadings(locked.values());
        announceCheckedIn(locked.values(), announcements);
        // the group's events take their ids together: one turn of the event counter instead of one per reading
        events.append(announcements);
        rememberQuiet(locked.values());
        return outcomes;
    }

    /**
     * Which of the importers' keys about to be charted the session already has, read before the first write: a query
     * among a group's writes would flush its rows before it (Hibernate flushes pending inserts of a table it queries),
     * and a key repeated within the group is then found in memory. No query when nothing carries a key.
     */
    private static void readStoredKeys(LockedSession target, Stream<ReadingInput> inputs) {
        List<String> keys = inputs.map(ReadingInput::sourceRef).filter(Objects::nonNull).distinct().toList();
        target.storedKeys = keys.isEmpty() ? new HashSet<>() : ReadingSourceRef.stored(target.session.id, keys);
    }

    /**
     * Locks the sessions that exist (all in one statement, see {@link SessionService#lockAll}), then reads what charting
     * needs of the open ones. The reads go one session at a time: these lookups keep their cached plans, where an IN list
     * over the group is translated anew for every group.
     */
    private Map<Long, LockedSession> lock(Collection<Long> sessionIds) {
        Map<Long, LockedSession> locked = new HashMap<>();
        LongFunction<ThresholdProfile> effective = null;
        List<Long> ids = SessionService.lockAll(sessionIds);
        // one query for the group's sessions (a profile of the writer showed one per session, 4 % of the server's
        // samples); findById below then finds them in the persistence context
        if (ids.size() > 1) {
            InfusionSession.list("id in ?1", ids);
        }
        for (long id : ids) {
            InfusionSession s = InfusionSession.findById(id);
            if (s.state.isOpen() && effective == null) {
                effective = thresholds.effectiveNow();
            }
            locked.put(id, s.state.isOpen()
                    ? new LockedSession(s, effective.apply(id), openAlerts(s), baselineOf(s))
                    : new LockedSession(s, null, Map.of(), Optional.empty()));
        }
        return locked;
    }

    private Map<String, Alert> openAlerts(InfusionSession s) {
        Long quietAt = quietAtVersion.get(s.id);
        return quietAt != null && quietAt == s.version ? new HashMap<>() : AlertService.openAlerts(s.id);
    }

    /**
     * Notes which sessions end this transaction with no open alert, at their version as written (the writes are flushed
     * by now), once it commits. A raise in this transaction moves the version again at commit: such a session is then
     * noted at a version it no longer has, which only costs a query.
     */
    private void rememberQuiet(Collection<LockedSession> sessions) {
        Map<Long, Long> quiet = new HashMap<>();
        List<Long> all = new ArrayList<>();
        for (LockedSession t : sessions) {
            all.add(t.session.id);
            if (t.profile != null && t.open.isEmpty()) {
                quiet.put(t.session.id, t.session.version);
            }
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                all.forEach(quietAtVersion::remove);
                if (status == Status.STATUS_COMMITTED) {
                    if (quietAtVersion.size() + quiet.size() > KEPT) {
                        quietAtVersion.clear();
                    }
                    quietAtVersion.putAll(quiet);
                }
            }
        });
    }

    /** The sessions whose newest reading this transaction moved, in one statement after the group's writes. */
    private static void recordLastReadings(Collection<LockedSession> sessions) {
        Map<Long, Instant> moved = new HashMap<>();
        for (LockedSession t : sessions) {
            if (t.lastReadingMoved) {
                moved.put(t.session.id, t.session.lastReadingTakenAt);
            }
        }
        SessionService.recordLastReadings(moved);
    }

    /**
     * A reading before the start can change what the start needs (a complete baseline, a pressure at the pre-start
     * limit): the session is then announced after its readings, so a board's tile says what the start would answer.
     * After the group's writes, since building the session's view queries. Only such readings: every session event
     * makes an open session view load all its lists again, and a monitor may send a reading a second from check-in.
     */
    private void announceCheckedIn(Collection<LockedSession> sessions, List<EventLog.Pending> announcements) {
        for (LockedSession t : sessions) {
            if (t.startCheckMoved && t.session.state == SessionState.CHECKED_IN) {
                announcements.add(this.sessions.announcement(t.session));
            }
        }
    }

    private Optional<BaselineVitals> baselineOf(InfusionSession s) {
        Long readingId = s.baselineReadingId;
        if (readingId == null) {
            return Optional.empty();
        }
        BaselineVitals known = baselines.get(readingId);
        if (known == null) {
            known = Baseline.of(s).map(BaselineVitals::of).orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            if (baselines.size() >= KEPT) {
                baselines.clear();
            }
            baselines.put(readingId, known);
        }
        return Optional.of(known);
    }

    /** Refusals (ProblemException) come before the first write: a group relies on it. */
    private Charted chartInTransaction(LockedSession target, List<ReadingInput> inputs, Source source, String actor, String fieldPrefix,
                                       List<EventLog.Pending> announcements) {
        InfusionSession session = target.session;
        if (!session.state.isOpen()) {
            throw ProblemException.conflict("The session is closed (" + session.state + "): no more readings can be charted");
        }
        Instant now = RecordClock.now();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ReadingInput in = inputs.get(i);
            String prefix = fieldPrefix.isEmpty() ? "" : fieldPrefix + "[" + i + "].";
            violations.addAll(ReadingValidator.validate(prefix, in.vitals(), takenAt(in, now), session.createdAt, now));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Set<String> seen = target.storedKeys;
        // a key already stored, or met earlier in this call, is a duplicate
        List<ReadingInput> fresh = new ArrayList<>(inputs.stream().filter(in -> in.sourceRef() == null || seen.add(in.sourceRef())).toList());
        fresh.sort(Comparator.comparing(in -> takenAt(in, now)));

        ThresholdProfile profile = target.profile;
        Map<String, Alert> open = target.open;
        List<VitalSigns> recent = recent(session, null, profile);
        List<Reading> stored = new ArrayList<>();
        Set<Alert> changed = new LinkedHashSet<>();
        for (ReadingInput in : fresh) {
            Reading r = store(session, in, takenAt(in, now), source, actor, now);
            stored.add(r);
            changed.addAll(evaluate(session, r, profile, target.baseline.map(BaselineVitals::vitals).orElse(null), recent, open, now));
            recent.add(r.vitals());
            if (Baseline.replaces(r, target.baseline)) {
                target.baseline = Optional.of(BaselineVitals.of(r));
                session.baselineReadingId = r.id;
            }
            // a pressure can change what the start needs; a new baseline is complete, so it has one
            target.startCheckMoved |= r.systolic != null;
            if (isLatest(session, r)) {
                session.lastReadingTakenAt = r.takenAt;
                target.lastReadingMoved = true;
            }
        }
        // after the readings, so that an import's readings and its keys each go to the database in one batch
        stored.stream().filter(r -> r.sourceRef != null).map(ReadingSourceRef::of).forEach(ref -> ref.persist());
        // Only a charting that leaves the session no longer overdue answers it: a late entry of a reading taken before the
        // newest moves nothing, and resolving on it only made the next tick raise the same overdue again as a new alert.
        if (!stored.isEmpty() && !session.chartingOverdue(profile.charting(), now)) {
            Alert overdue = alerts.resolveOverdue(open, stored.get(stored.size() - 1).id, now);
            if (overdue != null) {
                changed.add(overdue);
            }
        }
        announcements.addAll(announcement(stored, changed));
        return new Charted(stored, changed, inputs.size() - fresh.size());
    }

    /**
     * Corrects a reading: the original stays, marked as superseded with who, when and why; the corrected
     * values are a new reading the rules evaluate (on an open session).
     */
    @Transactional
    public Charted amend(long readingId, ReadingInput corrected, String reason, String actor) {
        Reading original = Reading.findById(readingId);
        if (original == null) {
            throw ProblemException.notFound("reading", readingId);
        }
        InfusionSession session = SessionService.lock(original.sessionId);
        Reading.getEntityManager().refresh(original);
        if (!original.isCurrent()) {
            throw ProblemException.conflict("Reading " + readingId + " was already amended; amend its correction, reading " + original.supersededById);
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "is required: say why the reading is corrected");
        }
        Instant now = RecordClock.now();
        Instant takenAt = corrected.takenAt() != null ? RecordClock.of(corrected.takenAt()) : original.takenAt;
        List<Violation> violations = ReadingValidator.validate("", corrected.vitals(), takenAt, session.createdAt, now);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Reading r = store(session, corrected, takenAt, original.source, actor, now);
        r.phase = original.phase;
        r.amendsId = original.id;
        r.amendReason = reason.trim();
        original.supersededById = r.id;
        original.supersededAt = now;
        original.supersededByUser = actor;
        Set<Alert> changed = new LinkedHashSet<>();
        Reading.getEntityManager().flush();
        if (original.isBaseline()) {
            Baseline.recompute(session);
        }
        // before the rules: only the newest reading may clear a condition, and that is now judged without the original
        boolean lastReadingMoved = recomputeLastReading(session);
        if (session.state.isOpen()) {
            ThresholdProfile profile = thresholds.effective(session.id);
            List<VitalSigns> recent = recent(session, r, profile);
            VitalSigns baseline = Baseline.of(session).map(Reading::vitals).orElse(null);
            Map<String, Alert> open = AlertService.openAlerts(session.id);
            changed.addAll(evaluate(session, r, profile, baseline, recent, open, now));
            changed.addAll(reassessment.afterAmending(session, original, r, profile, baseline, open, now));
        }
        events.append(announcement(List.of(original, r), changed));
        // before the start a correction of a pressure (a complete baseline has one) can change what the start needs
        boolean startCheckMoved = session.state == SessionState.CHECKED_IN && (original.systolic != null || r.systolic != null);
        if (lastReadingMoved || startCheckMoved) {
            // after the readings, so that a board takes the session's own last-reading and charting-due times last
            sessions.announce(session);
        }
        return new Charted(List.of(r), changed, 0);
    }

    /**
     * An amendment can move the session's newest reading: its correction may be taken earlier or later than the
     * original, which no longer counts. Charting only ever moves it forward and knows so without a query; here the
     * newest current reading is read, once the amendment is flushed.
     *
     * @return whether the last-reading time changed
     */
    private static boolean recomputeLastReading(InfusionSession session) {
        Instant newest = latest(session.id, null, 1).get(0).takenAt;
        if (newest.equals(session.lastReadingTakenAt)) {
            return false;
        }
        session.lastReadingTakenAt = newest;
        SessionService.recordLastReadings(Map.of(session.id, newest));
        return true;
    }

    private Set<Alert> evaluate(InfusionSession session, Reading r, ThresholdProfile profile, VitalSigns baseline,
                                List<VitalSigns> recent, Map<String, Alert> open, Instant now) {
        boolean afterBaseline = !r.isBaseline();
        List<Finding> findings = RuleEngine.evaluate(profile, baseline, recent, r.vitals(), afterBaseline);
        boolean historical = r.takenAt.isBefore(now.minus(historicalAfter));
        return alerts.apply(session.id, r.id, findings, open, isLatest(session, r), historical, now);
    }

    private static boolean isLatest(InfusionSession s, Reading r) {
        return s.lastReadingTakenAt == null || !r.takenAt.isBefore(s.lastReadingTakenAt);
    }

    private Reading store(InfusionSession session, ReadingInput in, Instant takenAt, Source source, String actor, Instant now) {
        Reading r = new Reading();
        r.sessionId = session.id;
        r.takenAt = takenAt;
        r.enteredAt = now;
        r.phase = session.state;
        r.systolic = in.systolic();
        r.diastolic = in.diastolic();
        r.heartRate = in.heartRate();
        r.spo2 = in.spo2();
        r.respiratoryRate = in.respiratoryRate();
        r.temperatureC = ReadingInput.chartedTemperature(in.temperatureC());
        r.onOxygen = in.onOxygen();
        r.consciousness = in.consciousness();
        r.source = source;
        r.sourceRef = in.sourceRef();
        r.chartedBy = actor;
        r.persist();
        return r;
    }

    /**
     * The events of a charting: its readings, then the alerts it changed, as they are now (ids are assigned on persist,
     * so nothing needs flushing first; a later charting of the same group announces its own state of an alert).
     */
    private static List<EventLog.Pending> announcement(List<Reading> readings, Set<Alert> changed) {
        List<EventLog.Pending> pending = new ArrayList<>();
        readings.forEach(r -> pending.add(new EventLog.Pending(READING_EVENT, r.sessionId, ReadingView.of(r))));
        changed.forEach(a -> pending.add(new EventLog.Pending(AlertService.ALERT_EVENT, a.sessionId, AlertView.of(a))));
        return pending;
    }

    private static Instant takenAt(ReadingInput in, Instant now) {
        return in.takenAt() != null ? RecordClock.of(in.takenAt()) : now;
    }

    /**
     * The session's current readings, oldest first, that the sustained rules look back over (with {@code before}: those
     * taken no later than it, itself excluded). For each sustained rule, its last {@code sustained - 1} readings that
     * carry one of its vitals: the engine skips readings that do not, so the last few readings of any kind were not
     * enough. A blood pressure charted alone between two low SpO2 readings hid the run from a "two in a row" SpO2 rule,
     * and a cuff charting in between every time kept it from ever firing.
     */
    private static List<VitalSigns> recent(InfusionSession session, Reading before, ThresholdProfile profile) {
        Map<Long, Reading> window = new HashMap<>();
        for (Rule rule : profile.rules()) {
            if (rule.sustained() > 1) {
                latest(session.id, before, rule, rule.sustained() - 1).forEach(r -> window.putIfAbsent(r.id, r));
            }
        }
        List<Reading> oldestFirst = new ArrayList<>(window.values());
        oldestFirst.sort(Comparator.comparing((Reading r) -> r.takenAt).thenComparing(r -> r.id));
        return new ArrayList<>(oldestFirst.stream().map(Reading::vitals).toList());
    }

    /** The last {@code count} current readings carrying one of the rule's vitals (see {@link #recent}). */
    private static List<Reading> latest(long sessionId, Reading before, Rule rule, int count) {
        String carries = rule.limits().stream().map(l -> carries(l.vital())).distinct()
                .collect(Collectors.joining(" or ", " and (", ")"));
        return latest(sessionId, before, carries, count);
    }

    /** HQL: the reading carries the vital; for the NEWS2 score, every parameter of a complete set. */
    private static String carries(Vital vital) {
        if (vital == Vital.NEWS2) {
            return News2.PARAMETERS.stream().map(f -> f + " is not null").collect(Collectors.joining(" and ", "(", ")"));
        }
        return ReadingValidator.field(vital) + " is not null";
    }

    private static List<Reading> latest(long sessionId, Reading before, int count) {
        return latest(sessionId, before, "", count);
    }

    private static List<Reading> latest(long sessionId, Reading before, String condition, int count) {
        StringBuilder q = new StringBuilder("sessionId = :session and supersededById is null").append(condition);
        Map<String, Object> p = new HashMap<>(Map.of("session", sessionId));
        if (before != null) {
            q.append(" and id <> :before and takenAt <= :beforeTaken");
            p.put("before", before.id);
            p.put("beforeTaken", before.takenAt);
        }
        return Reading.<Reading>find(q.append(Reading.NEWEST_FIRST).toString(), p).page(0, count).list();
    }
}
