package org.chairside.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.alerts.Alert;
import org.chairside.alerts.AlertService;
import org.chairside.alerts.ScoredCondition;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.validation.StoredText;
import org.chairside.vitals.ReadingValidator;

/**
 * Records scores and their corrections, under the same time rules as readings; a sedation score deeper than intended
 * ({@link SedationDepth}) and a very agitated or combative patient ({@link Agitation}) are alerts of the session's, like
 * a reading beyond a threshold.
 */
@ApplicationScoped
public class AssessmentService {
    private static final List<Watch> WATCHES = List.of(
            new Watch(ScoredCondition.SEDATION_DEEP, SedationDepth::measures, SedationDepth::of),
            new Watch(ScoredCondition.AGITATION, Agitation::measures, Agitation::of));

    /** A condition the scores show: the scales that measure it, and what a score of theirs says of it. */
    private record Watch(ScoredCondition condition, Predicate<Scale> measures, BiFunction<Scale, Integer, Concern> concern) {
        List<Scale> scales() {
            return Arrays.stream(Scale.values()).filter(measures).toList();
        }

        boolean concerns(Assessment a) {
            return concern.apply(a.scale, a.score) != null;
        }
    }

    private final SessionService sessions;
    private final AlertService alerts;
    private final Duration historicalAfter;

    public AssessmentService(SessionService sessions, AlertService alerts,
                             @ConfigProperty(name = "chairside.alerts.historical-after") Duration historicalAfter) {
        this.sessions = sessions;
        this.alerts = alerts;
        this.historicalAfter = historicalAfter;
    }
    @Transactional
    public AssessmentView record(long sessionId, NewAssessment body, String actor) {
        InfusionSession session = SessionService.lock(sessionId);
        if (!session.state.isOpen()) {
            throw ProblemException.conflict("The session is closed (" + session.state + "): no more assessments can be recorded");
        }
        Instant now = RecordClock.now();
        Instant takenAt = body.takenAt() != null ? RecordClock.of(body.takenAt()) : now;
        check(body, takenAt, session, now);
        Assessment a = store(session, body, takenAt, actor, now);
        judge(session, a, now);
        // Every open view of the session reloads on its session's events: announcing it shows the score on all of them.
        sessions.announce(session);
        return AssessmentView.of(a);
    }

    /** The original stays, marked as superseded with who, when and why; the corrected score is a new assessment. */
    @Transactional
    public AssessmentView amend(long assessmentId, NewAssessment corrected, String reason, String actor) {
        Assessment original = Assessment.findById(assessmentId);
        if (original == null) {
            throw ProblemException.notFound("assessment", assessmentId);
        }
        InfusionSession session = SessionService.lock(original.sessionId);
        Assessment.getEntityManager().refresh(original);
        if (original.supersededById != null) {
            throw ProblemException.conflict("Assessment " + assessmentId + " was already amended; amend its correction, assessment "
                    + original.supersededById);
        }
        Instant now = RecordClock.now();
        Instant takenAt = corrected.takenAt() != null ? RecordClock.of(corrected.takenAt()) : original.takenAt;
        check(corrected, takenAt, session, now);
        Assessment a = store(session, corrected, takenAt, actor, now);
        a.phase = original.phase;
        a.amendsId = original.id;
        a.amendReason = reason.trim();
        original.supersededById = a.id;
        original.supersededAt = now;
        original.supersededByUser = actor;
        if (session.state.isOpen()) {
            judgeAmendment(session, original, a, now);
        }
        sessions.announce(session);
        return AssessmentView.of(a);
    }

    public List<AssessmentView> list(long sessionId) {
        SessionService.find(sessionId);
        return Assessment.<Assessment>list("sessionId = ?1 order by takenAt, id", sessionId).stream().map(AssessmentView::of).toList();
    }

    private void judge(InfusionSession session, Assessment a, Instant now) {
        for (Watch w : WATCHES) {
            if (w.measures().test(a.scale)) {
                judge(w, session, a, now);
            }
        }
    }

    private void judge(Watch w, InfusionSession session, Assessment a, Instant now) {
        Concern concern = w.concern().apply(a.scale, a.score);
        // only the newest score of the kind may clear: a calmer one entered late, taken before a worse one, says nothing of now
        boolean newest = Assessment.count("sessionId = ?1 and supersededById is null and scale in ?2 and takenAt > ?3",
                session.id, w.scales(), a.takenAt) == 0;
        boolean historical = a.takenAt.isBefore(now.minus(historicalAfter));
        alerts.judgeScore(session.id, w.condition(), concern == null ? null : concern.priority(), concern == null ? null : concern.message(),
                a.score, newest, historical, "assessment " + a.id, now);
    }

    /**
     * A corrected score: an alert it raised is withdrawn when no concerning score entered since the alert was raised is
     * left (the concerning one was a typo), and otherwise the correction is judged as any new score.
     */
    private void judgeAmendment(InfusionSession session, Assessment original, Assessment corrected, Instant now) {
        Map<String, Alert> open = AlertService.openAlerts(session.id);
        for (Watch w : WATCHES) {
            Alert alert = open.get(w.condition().code());
            if (alert != null && w.measures().test(original.scale)) {
                boolean concernLeft = Assessment.<Assessment>list("sessionId = ?1 and supersededById is null and scale in ?2 and enteredAt >= ?3",
                        session.id, w.scales(), alert.raisedAt).stream().anyMatch(w::concerns);
                if (!concernLeft) {
                    alerts.withdraw(alert, "assessment " + original.id + " amended", now);
                    continue;
                }
            }
            if (w.measures().test(corrected.scale)) {
                judge(w, session, corrected, now);
            }
        }
    }

    private static void check(NewAssessment body, Instant takenAt, InfusionSession session, Instant now) {
        List<Violation> violations = new ArrayList<>(body.violations());
        ReadingValidator.takenAt("", takenAt, session.createdAt, now).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private static Assessment store(InfusionSession session, NewAssessment body, Instant takenAt, String actor, Instant now) {
        Assessment a = new Assessment();
        a.sessionId = session.id;
        a.takenAt = takenAt;
        a.enteredAt = now;
        a.scale = body.scale();
        a.score = body.scored();
        AldreteItems items = body.scale().scoredByItems() ? body.items() : null;
        if (items != null) {
            a.aldreteActivity = items.activity();
            a.aldreteRespiration = items.respiration();
            a.aldreteCirculation = items.circulation();
            a.aldreteConsciousness = items.consciousness();
            a.aldreteOxygen = items.oxygenSaturation();
        }
        a.note = StoredText.of(body.note());
        a.chartedBy = actor;
        a.phase = session.state;
        a.persist();
        return a;
    }
}
