package org.chairside.session;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.validation.StoredText;

/** Records the contraindication screening a start is judged on (see {@code SessionService.checkStart}). */
@ApplicationScoped
public class Screenings {
    private final SessionService sessions;
    private final AuditLog audit;

    public Screenings(SessionService sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional
    public ScreeningView record(long sessionId, ScreeningRequest request, String actor) {
        InfusionSession s = SessionService.lock(sessionId);
        if (s.state != SessionState.CHECKED_IN) {
            // after the start a screening would judge nothing; what is learnt then is a note or an assessment
            throw ProblemException.conflict("The session is " + s.state + ": the screening is recorded before the infusion starts");
        }
        ScreeningView view = persist(s.id, request, actor, audit);
        // the start's note on every open screen of the session follows the answers
        sessions.announce(s);
        return view;
    }

    /** Records a screening of a session known to be checked in and locked: here, or with the check-in itself. */
    static ScreeningView persist(long sessionId, ScreeningRequest request, String actor, AuditLog audit) {
        Screening screening = new Screening();
        screening.sessionId = sessionId;
        screening.unstableCardiovascular = request.unstableCardiovascular();
        screening.aneurysmalVascular = request.aneurysmalVascular();
        screening.uncontrolledHypertension = request.uncontrolledHypertension();
        screening.psychosisOrMania = request.psychosisOrMania();
        screening.note = StoredText.of(request.note());
        screening.at = RecordClock.now();
        screening.byUser = actor;
        screening.persist();
        ScreeningView view = ScreeningView.of(screening);
        audit.record(actor, "SCREEN", "session", sessionId, view.summary() + (screening.note == null ? "" : ": " + screening.note));
        return view;
    }

    @Transactional
    public List<ScreeningView> ofSession(long sessionId) {
        SessionService.find(sessionId);
        return Screening.ofSession(sessionId).stream().map(ScreeningView::of).toList();
    }
}
