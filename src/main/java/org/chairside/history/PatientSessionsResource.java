package org.chairside.history;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.chairside.patient.Patient;
import org.chairside.patient.PatientView;
import org.chairside.problem.ProblemException;
import org.chairside.session.InfusionSession;

/** One patient's series. Its own root path: under PatientResource's /api/patients it would never be matched. */
@Path("/api/patients/{id}/sessions")
@Authenticated
public class PatientSessionsResource {
    private final HistoryService history;

    public PatientSessionsResource(HistoryService history) {
        this.history = history;
    }

    /** A patient's sessions, first to last, each numbered in the series with its peak BP and alert count. */
    @GET
    @Transactional
    public PatientSessions forPatient(@PathParam("id") long id) {
        Patient patient = Patient.findById(id);
        if (patient == null) {
            throw ProblemException.notFound("patient", id);
        }
        List<InfusionSession> sessions = InfusionSession.list("patient.id", Sort.by("createdAt").and("id"), id);
        List<SessionSummary> summaries = history.summarize(sessions);
        List<PatientSessions.SeriesEntry> entries = new ArrayList<>(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            entries.add(new PatientSessions.SeriesEntry(i + 1, summaries.size(), summaries.get(i)));
        }
        return new PatientSessions(PatientView.of(patient), summaries.size(), entries);
    }

}
