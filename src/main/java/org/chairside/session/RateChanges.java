package org.chairside.session;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.validation.StoredDecimal;
import org.chairside.validation.StoredText;

/** Records the pump's rate changes and works out the dose given from them. */
@ApplicationScoped
public class RateChanges {
    /** A rate is set while the line is in: running, or paused to be resumed at the new rate. */
    private static final Set<SessionState> PUMP_IN_USE = EnumSet.of(SessionState.INFUSING, SessionState.PAUSED);

    private final SessionService sessions;
    private final AuditLog audit;

    public RateChanges(SessionService sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional
    public DoseView change(long sessionId, RateChangeRequest request, String actor) {
        InfusionSession s = SessionService.lock(sessionId);
        if (!PUMP_IN_USE.contains(s.state)) {
            throw ProblemException.conflict("The session is " + s.state + ": a rate is set while infusing or paused");
        }
        RateChange c = new RateChange();
        c.sessionId = s.id;
        c.mgPerKgPerHour = StoredDecimal.of(request.mgPerKgPerHour(), RateChange.RATE_DECIMALS);
        c.reason = StoredText.of(request.reason());
        c.at = RecordClock.now();
        c.byUser = actor;
        c.persist();
        audit.record(actor, "CHANGE_RATE", "session", s.id, c.mgPerKgPerHour.toPlainString() + " mg/kg/h" + (c.reason == null ? "" : ": " + c.reason));
        // every screen on the session reloads on its event, and so shows the new rate
        sessions.announce(s);
        return dose(s, c.at);
    }

    @Transactional
    public DoseView dose(long sessionId) {
        return dose(SessionService.find(sessionId), RecordClock.now());
    }

    private DoseView dose(InfusionSession s, Instant now) {
        Instant asOf = asOf(s, now);
        List<RateChange> changes = RateChange.ofSession(s.id);
        // one microsecond on (the record's resolution): a change recorded at this very instant is the rate set now
        InfusionDose.Dose dose = InfusionDose.at(asOf.plusNanos(1000), s.doseMgPerKg, s.plannedMinutes, phases(s), steps(changes));
        return DoseView.of(s, dose, changes, asOf);
    }

    /** The stretches the session's pump ran up to now (its rate changes given, as read by the caller), as the dose counts them. */
    public static List<InfusionDose.Stretch> stretches(InfusionSession s, List<RateChange> changes, Instant now) {
        return InfusionDose.stretches(asOf(s, now).plusNanos(1000), s.doseMgPerKg, s.plannedMinutes, phases(s), steps(changes));
    }

    /** A closed session's dose is as it was when its infusion ended: the pump has not run since. */
    private static Instant asOf(InfusionSession s, Instant now) {
        return s.closedAt != null && s.closedAt.isBefore(now) ? s.closedAt : now;
    }

    private static List<InfusionDose.PhaseChange> phases(InfusionSession s) {
        return SessionTransition.<SessionTransition>list("sessionId", Sort.by("at").and("id"), s.id)
                .stream().map(t -> new InfusionDose.PhaseChange(t.at, t.toState)).toList();
    }

    private static List<InfusionDose.RateStep> steps(List<RateChange> changes) {
        return changes.stream().map(c -> new InfusionDose.RateStep(c.at, c.mgPerKgPerHour)).toList();
    }
}
