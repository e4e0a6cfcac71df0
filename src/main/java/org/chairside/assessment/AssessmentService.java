package org.chairside.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.vitals.ReadingValidator;

/** Records scores and their corrections, under the same time rules as readings. */
@ApplicationScoped
public class AssessmentService {
    private final SessionService sessions;

    public AssessmentService(SessionService sessions) {
        this.sessions = sessions;
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
        sessions.announce(session);
        return AssessmentView.of(a);
    }

    public List<AssessmentView> list(long sessionId) {
        SessionService.find(sessionId);
        return Assessment.<Assessment>list("sessionId = ?1 order by takenAt, id", sessionId).stream().map(AssessmentView::of).toList();
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
        a.note = body.note() == null || body.note().isBlank() ? null : body.note().trim();
        a.chartedBy = actor;
        a.phase = session.state;
        a.persist();
        return a;
    }
}
