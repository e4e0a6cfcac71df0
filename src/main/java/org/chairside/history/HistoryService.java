package org.chairside.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.chairside.rules.Priority;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionState;
import org.chairside.session.SessionTransition;
import org.chairside.session.SessionView;

/** Builds session summaries in a few grouped queries per page, never one query per row. */
@ApplicationScoped
public class HistoryService {
    private final EntityManager em;

    public HistoryService(EntityManager em) {
        this.em = em;
    }

    public List<SessionSummary> summarize(List<InfusionSession> sessions) {
        if (sessions.isEmpty()) {
            return List.of();
        }
        List<Long> ids = sessions.stream().map(s -> s.id).toList();
        Map<Long, long[]> alerts = new HashMap<>();
        for (Object[] row : em.createQuery("select a.sessionId, a.priority, count(a) from Alert a where a.sessionId in :ids "
                + "group by a.sessionId, a.priority", Object[].class).setParameter("ids", ids).getResultList()) {
            long[] counts = alerts.computeIfAbsent((Long) row[0], k -> new long[2]);
            long n = ((Number) row[2]).longValue();
            counts[0] += n;
            if (row[1] == Priority.HIGH) {
                counts[1] += n;
            }
        }
        Map<Long, SessionSummary.PeakBp> peaks = new HashMap<>();
        for (Object[] row : em.createQuery("select r.sessionId, r.systolic, r.diastolic, r.takenAt from Reading r "
                + "where r.sessionId in :ids and r.supersededById is null and r.systolic is not null "
                + "order by r.takenAt, r.id", Object[].class).setParameter("ids", ids).getResultList()) {
            SessionSummary.PeakBp candidate = new SessionSummary.PeakBp((Integer) row[1], (Integer) row[2], (Instant) row[3]);
            peaks.merge((Long) row[0], candidate, (a, b) -> b.systolic() > a.systolic()
                    || (b.systolic() == a.systolic() && b.diastolic() > a.diastolic()) ? b : a);
        }
        Map<Long, String> stopReasons = new HashMap<>();
        for (SessionTransition t : SessionTransition.<SessionTransition>list("sessionId in ?1 and toState = ?2", ids, SessionState.STOPPED)) {
            stopReasons.put(t.sessionId, t.reason);
        }
        return sessions.stream().map(s -> {
            long[] counts = alerts.getOrDefault(s.id, new long[2]);
            return new SessionSummary(s.id,
                    new SessionView.PatientRef(s.patient.id, s.patient.mrn, s.patient.givenName, s.patient.familyName),
                    new SessionView.ReclinerRef(s.recliner.id, s.recliner.name), s.state, s.drug, s.plannedMinutes,
                    s.createdAt, s.startedAt, s.closedAt, stopReasons.get(s.id), peaks.get(s.id), counts[0], counts[1]);
        }).toList();
    }

}
