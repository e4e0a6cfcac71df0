package org.chairside.session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import org.chairside.alerts.AlertService;
import org.chairside.assessment.Assessment;
import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.live.EventLog;
import org.chairside.patient.Patient;
import org.chairside.patient.PatientCorrected;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.recliner.Recliner;
import org.chairside.rules.ChartingSchedule;
import org.chairside.rules.Discharge;
import org.chairside.rules.PrestartLimit;
import org.chairside.rules.ThresholdProfile;
import org.chairside.rules.Thresholds;
import org.chairside.rules.VitalSigns;
import org.chairside.security.Roles;
import org.chairside.validation.StoredDecimal;
import org.chairside.validation.StoredText;
import org.chairside.vitals.Baseline;

/** Opens sessions and moves them through their phases; each change is one event on the live stream. */
@ApplicationScoped
public class SessionService {
    public static final String SESSION_EVENT = "session";

    private final EventLog events;
    private final Thresholds thresholds;
    private final AlertService alerts;
    private final AuditLog audit;

    public SessionService(EventLog events, Thresholds thresholds, AlertService alerts, AuditLog audit) {
        this.events = events;
        this.thresholds = thresholds;
        this.alerts = alerts;
        this.audit = audit;
    }

    @Transactional
    public SessionView open(NewSession body, String actor) {
        Patient patient = Patient.findById(body.patientId());
        Recliner recliner = Recliner.findById(body.reclinerId());
        if (patient == null || recliner == null) {
            // Stream.of, not List.of: List.of rejects the null left by the id that does exist
            throw ProblemException.invalid(java.util.stream.Stream.of(
                    patient == null ? new Violation("patientId", "no patient with id " + body.patientId()) : null,
                    recliner == null ? new Violation("reclinerId", "no recliner with id " + body.reclinerId()) : null)
                    .filter(v -> v != null).toList());
        }
        // Lock the recliner so two nurses seating patients in one chair at once get a clean 409, not a race.
        Recliner.findById(recliner.id, LockModeType.PESSIMISTIC_WRITE);
        if (InfusionSession.count("openReclinerId", recliner.id) > 0) {
            throw ProblemException.conflict("Recliner " + recliner.name + " already holds an open session");
        }
        // A patient sits in one chair: a second open session split their vitals between two chairs, and every device
        // message for them was refused from then on ("has 2 open sessions"). The patient's row is locked (after the
        // chair's, as every opening takes them) so two nurses seating them at once get a clean 409.
        Patient.findById(patient.id, LockModeType.PESSIMISTIC_WRITE);
        List<InfusionSession> open = InfusionSession.list("patient.id = ?1 and " + InfusionSession.OPEN, patient.id);
        if (!open.isEmpty()) {
            InfusionSession there = open.get(0);
            throw ProblemException.conflict("The patient already has an open session (" + there.id + ") in recliner "
                    + there.recliner.name + ": discharge or stop it before seating them in another");
        }
        if (Recliner.outOfServiceNow(recliner.id)) {
            throw ProblemException.conflict("Recliner " + recliner.name + " is out of service: choose another, or an admin returns it to service");
        }
        Instant now = RecordClock.now();
        InfusionSession s = new InfusionSession();
        s.patient = patient;
        s.recliner = recliner;
        s.openReclinerId = recliner.id;
        s.state = SessionState.CHECKED_IN;
        s.weightKg = StoredDecimal.of(body.weightKg(), InfusionSession.WEIGHT_DECIMALS);
        s.drug = body.protocol().drug().trim();
        s.doseMgPerKg = StoredDecimal.of(body.protocol().doseMgPerKg(), InfusionSession.DOSE_DECIMALS);
        s.plannedMinutes = body.protocol().plannedMinutes();
        s.createdAt = now;
        s.createdBy = actor;
        s.phaseSince = now;
        s.persist();
        if (body.screening() != null) {
            Screenings.persist(s.id, body.screening(), actor, audit);
        }
        return announce(s);
    }

    @Transactional
    public SessionView transition(long id, TransitionRequest request, SecurityIdentity who) {
        InfusionSession s = lock(id);
        SessionState to = request.to();
        String reason = StoredText.of(request.reason());
        if (!s.state.next().contains(to)) {
            throw ProblemException.conflict("A session in " + s.state + " cannot move to " + to + "; allowed: "
                    + (s.state.next().isEmpty() ? "none (the session is closed)" : s.state.next()));
        }
        if (to == SessionState.STOPPED && reason == null) {
            throw ProblemException.invalid("reason", "is required to stop a session early");
        }
        boolean clearance = false;
        if (s.state == SessionState.CHECKED_IN && to == SessionState.INFUSING) {
            clearance = checkStart(s, reason, who);
        } else if (to == SessionState.DISCHARGED) {
            clearance = checkDischarge(s, reason, who);
        }
        Instant now = RecordClock.now();
        SessionTransition t = new SessionTransition();
        t.sessionId = s.id;
        t.fromState = s.state;
        t.toState = to;
        t.reason = reason;
        t.clearance = clearance;
        t.at = now;
        t.byUser = who.getPrincipal().getName();
        t.persist();
        if (clearance) {
            audit.record(t.byUser, to == SessionState.DISCHARGED ? "CLEAR_DISCHARGE" : "CLEAR_START", "session", s.id, reason);
        }
        s.state = to;
        s.phaseSince = now;
        if (to == SessionState.INFUSING && s.startedAt == null) {
            s.startedAt = now;
        }
        if (to == SessionState.RECOVERY) {
            s.infusionEndedAt = now;
        }
        if (!to.isOpen()) {
            s.closedAt = now;
            s.openReclinerId = null;
            alerts.publish(alerts.resolveAll(s.id, "session " + to.name().toLowerCase(), now));
        }
        return announce(s);
    }

    /**
     * The patient moves to another recliner and the session goes with them: its readings, assessments and alerts, and
     * the board shows them in the new chair. The target chair is locked as a new session's is, so two moves into it (or
     * a move and a check-in) get a clean 409; the unique open-recliner index holds it across instances.
     */
    @Transactional
    public SessionView move(long id, MoveRequest request, String actor) {
        InfusionSession s = lock(id);
        if (!s.state.isOpen()) {
            throw ProblemException.conflict("The session is closed (" + s.state + "): its patient is no longer in a recliner");
        }
        Recliner to = Recliner.findById(request.reclinerId(), LockModeType.PESSIMISTIC_WRITE);
        if (to == null) {
            throw ProblemException.invalid("reclinerId", "no recliner with id " + request.reclinerId());
        }
        Recliner from = s.recliner;
        if (to.id.equals(from.id)) {
            throw ProblemException.invalid("reclinerId", "is the recliner the patient is in already (" + from.name + ")");
        }
        if (InfusionSession.count("openReclinerId", to.id) > 0) {
            throw ProblemException.conflict("Recliner " + to.name + " already holds an open session");
        }
        if (Recliner.outOfServiceNow(to.id)) {
            throw ProblemException.conflict("Recliner " + to.name + " is out of service: choose another, or an admin returns it to service");
        }
        String reason = StoredText.of(request.reason());
        SessionMove m = new SessionMove();
        m.sessionId = s.id;
        m.fromReclinerId = from.id;
        m.fromReclinerName = from.name;
        m.toReclinerId = to.id;
        m.toReclinerName = to.name;
        m.reason = reason;
        m.at = RecordClock.now();
        m.byUser = actor;
        m.persist();
        s.recliner = to;
        s.openReclinerId = to.id;
        audit.record(actor, "MOVE_SESSION", "session", s.id, "from " + from.name + " to " + to.name + (reason == null ? "" : ": " + reason));
        return announce(s);
    }

    /**
     * A start needs a complete baseline and a contraindication screening, both recorded; where the newest screening lists
     * a contraindication, or the pressure before the start is at the pre-start limit, a provider starts with a reason
     * (recorded as a clearance, audited). A nurse is told every reason at once, as for a discharge.
     *
     * @return whether a provider cleared a start that needed it
     */
    private boolean checkStart(InfusionSession s, String reason, SecurityIdentity who) {
        StartCheck check = startCheck(s, thresholds.effective(s.id).prestart());
        List<String> missing = check.missing();
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("Record " + String.join(" and ", missing) + " before starting the infusion");
        }
        List<String> needs = check.clearance();
        if (needs.isEmpty()) {
            return false;
        }
        String why = String.join("; ", needs);
        if (!who.hasRole(Roles.PROVIDER)) {
            throw new ProblemException(409, "Provider clearance needed", capitalized(why)
                    + ": a provider must clear the start, with a reason", null);
        }
        if (reason == null) {
            throw ProblemException.invalid("reason", "is required: " + why);
        }
        return true;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A discharge needs the clinic's modified Aldrete score, taken since the infusion ended, and the observation time the
     * clinic (and, for esketamine, its REMS) asks for; where one is not met a provider discharges with a reason
     * (recorded as a clearance, audited). A nurse is told every criterion still open, not only the first.
     *
     * @return whether a provider cleared a discharge with a criterion unmet
     */
    private boolean checkDischarge(InfusionSession s, String reason, SecurityIdentity who) {
        Discharge rule = thresholds.effective(s.id).discharge();
        if (rule == null) {
            return false;
        }
        List<String> unmet = new ArrayList<>(3);
        if (rule.requiresAldrete()) {
            Integer aldrete = Assessment.newestAldreteSince(s.id, s.infusionEndedAt).map(a -> a.score).orElse(null);
            if (!rule.isMetBy(aldrete)) {
                unmet.add("a modified Aldrete score of at least " + rule.aldreteAtLeast() + ", and "
                        + (aldrete == null ? "no modified Aldrete score was recorded since the infusion ended"
                                : "the newest modified Aldrete score since the infusion ended is " + aldrete));
            }
        }
        Instant now = RecordClock.now();
        for (Discharge.Observation o : rule.observations(s.drug, s.startedAt, s.infusionEndedAt)) {
            if (o.isOwedAt(now)) {
                // rounded up: "0 min from now" while a patient must still stay would read as "go"
                long minutesLeft = (Duration.between(now, o.until()).getSeconds() + 59) / 60;
                unmet.add(o.why() + ", until " + o.until() + " (" + minutesLeft + " min from now)");
            }
        }
        if (unmet.isEmpty()) {
            return false;
        }
        String needs = String.join("; ", unmet);
        if (!who.hasRole(Roles.PROVIDER)) {
            throw new ProblemException(409, "Discharge criteria not met", "Discharge needs " + needs
                    + ": wait or record what is missing, or a provider discharges with a reason", null);
        }
        if (reason == null) {
            throw ProblemException.invalid("reason", "is required: discharge needs " + needs);
        }
        return true;
    }

    public static InfusionSession lock(long id) {
        InfusionSession s = InfusionSession.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw ProblemException.notFound("session", id);
        }
        return s;
    }

    /**
     * Locks those of these sessions that exist, in id order, with one statement, and returns their ids in that order.
     * One statement whatever the count: H2 parses a {@code FOR UPDATE} anew every time (it keeps no plan for one), so a
     * charting group that locked its sixty sessions one by one spent a fifteenth of its writer's time parsing. In id order,
     * as every locker takes them, so that two groups never hold each other's locks crosswise.
     */
    public static List<Long> lockAll(Collection<Long> ids) {
        List<Long> locked = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return locked;
        }
        InfusionSession.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select id from infusion_session where id = any(?) order by id for update")) {
                lock.setArray(1, connection.createArrayOf("BIGINT", ids.toArray(Long[]::new)));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        locked.add(rows.getLong(1));
                    }
                }
            }
        });
        return locked;
    }

    /**
     * Records when these sessions' newest readings were taken (see {@link InfusionSession#lastReadingTakenAt}), in one
     * batch, on the caller's connection; the callers hold the sessions' locks. A session's row there is made by its first
     * reading.
     */
    public static void recordLastReadings(Map<Long, Instant> takenAt) {
        if (takenAt.isEmpty()) {
            return;
        }
        InfusionSession.getEntityManager().unwrap(Session.class).doWork(connection -> {
            List<Map.Entry<Long, Instant>> missing = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "update session_last_reading set taken_at = ? where session_id = ?")) {
                List<Map.Entry<Long, Instant>> rows = new ArrayList<>(takenAt.entrySet());
                for (Map.Entry<Long, Instant> row : rows) {
                    update.setObject(1, OffsetDateTime.ofInstant(row.getValue(), ZoneOffset.UTC));
                    update.setLong(2, row.getKey());
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        missing.add(rows.get(i));
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into session_last_reading (session_id, taken_at) values (?, ?)")) {
                for (Map.Entry<Long, Instant> row : missing) {
                    insert.setLong(1, row.getKey());
                    insert.setObject(2, OffsetDateTime.ofInstant(row.getValue(), ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public static InfusionSession find(long id) {
        InfusionSession s = InfusionSession.findById(id);
        if (s == null) {
            throw ProblemException.notFound("session", id);
        }
        return s;
    }

    /**
     * A patient's details were corrected: the session they sit in now is announced again, so every board shows the
     * corrected name and MRN. Locked first, as a transition is, so the announcement cannot overtake a reading being
     * charted for the session with an older last-reading time.
     */
    void patientCorrected(@Observes PatientCorrected corrected) {
        // The id only: the session is read once it is locked, with what the last charting group committed.
        InfusionSession.getEntityManager()
                .createQuery("select s.id from InfusionSession s where s.patient.id = ?1 and s." + InfusionSession.OPEN, Long.class)
                .setParameter(1, corrected.patientId())
                .getResultStream().findFirst()
                .map(SessionService::lock)
                .filter(s -> s.state.isOpen())
                .ifPresent(this::announce);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SessionView announce(InfusionSession s) {
        SessionView view = view(s);
        events.append(List.of(new EventLog.Pending(SESSION_EVENT, s.id, view)));
        return view;
    }

    public SessionView view(InfusionSession s) {
        return view(s, thresholds::effective);
    }

    /** For a page of many sessions (the board, the recliners): the threshold settings' generation is read once. */
    public Function<InfusionSession, SessionView> views() {
        LongFunction<ThresholdProfile> profiles = thresholds.effectiveNow();
        return s -> view(s, profiles);
    }

    private static SessionView view(InfusionSession s, LongFunction<ThresholdProfile> profiles) {
        Instant due = null;
        if (s.state.chartingPhase() != ChartingSchedule.Phase.NONE) {
            ThresholdProfile profile = profiles.apply(s.id);
            due = s.chartingDue(profile.charting());
        }
        // a few checked-in sessions at a time, each three lookups by key: the board's infusing chairs need none
        StartCheck start = s.state == SessionState.CHECKED_IN ? startCheck(s, profiles.apply(s.id).prestart()) : null;
        return SessionView.of(s, due, start);
    }

    /** What the start of a checked-in session would be judged on (see {@link StartCheck}). */
    private static StartCheck startCheck(InfusionSession s, PrestartLimit limit) {
        VitalSigns baseline = Baseline.of(s).map(r -> r.vitals()).orElse(null);
        // the newest pressure before the start, which may be a recheck of the pressure alone after the complete baseline
        VitalSigns pressure = baseline == null ? null : Baseline.newestBloodPressure(s).map(r -> r.vitals()).orElse(null);
        List<Contraindication> present = Screening.newest(s.id).map(Screening::present).orElse(null);
        return StartCheck.of(baseline, pressure, present, limit);
    }

    /** The session's event for the live stream, as {@link #announce} appends it (for a caller that appends several at once). */
    public EventLog.Pending announcement(InfusionSession s) {
        return new EventLog.Pending(SESSION_EVENT, s.id, view(s));
    }
}
