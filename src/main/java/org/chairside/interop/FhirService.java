package org.chairside.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hl7.fhir.r4.model.Bundle;

import org.chairside.alerts.Alert;
import org.chairside.patient.Patient;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.vitals.ChartingQueue;
import org.chairside.vitals.ChartingService;
import org.chairside.vitals.Reading;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.ReadingSourceRef;
import org.chairside.vitals.Source;

/** Charts FHIR Observations through the one write path, all or nothing; exports a session as a Bundle. */
@ApplicationScoped
public class FhirService {
    private final ChartingService charting;
    private final ChartingQueue queue;
    private final FhirExporter exporter = new FhirExporter();

    public FhirService(ChartingService charting, ChartingQueue queue) {
        this.charting = charting;
        this.queue = queue;
    }

    /** What was charted, per patient and session. */
    public record Stored(String mrn, long sessionId, List<Reading> readings, int duplicates) {
    }

    /** Thrown when FHIR content cannot be charted; each issue names where in the request. */
    public static final class FhirRejected extends RuntimeException {
        private final int status;
        private final List<FhirVitals.Issue> issues;

        public FhirRejected(int status, List<FhirVitals.Issue> issues) {
            super(issues.isEmpty() ? "rejected" : issues.get(0).message());
            this.status = status;
            this.issues = List.copyOf(issues);
        }

        public int status() {
            return status;
        }

        public List<FhirVitals.Issue> issues() {
            return issues;
        }
    }

    /**
     * Charts every patient's readings, all or nothing. One patient's readings (what a monitor or a gateway posts) wait
     * for the charting writer's next group and share its commit, as HL7 messages do; a bundle for several patients is
     * a transaction of its own.
     */
    public List<Stored> chart(FhirVitals.Result result, String actor) {
        if (!result.issues().isEmpty()) {
            throw new FhirRejected(422, result.issues());
        }
        if (result.patients().size() != 1) {
            return QuarkusTransaction.requiringNew().call(() -> chartPatients(result, actor));
        }
        FhirVitals.PatientReadings pr = result.patients().get(0);
        long sessionId = QuarkusTransaction.requiringNew().call(() -> {
            long id = openSession(pr);
            refuseChangesOfStored(id, pr);
            return id;
        });
        try {
            ChartingService.Charted c = queue.chartAndWait(new ChartingService.Entry(sessionId, pr.readings(), Source.FHIR, actor, "readings"));
            return List.of(new Stored(pr.mrn(), sessionId, c.readings(), c.duplicates()));
        } catch (ProblemException e) {
            throw rejected(e, pr);
        }
    }

    private List<Stored> chartPatients(FhirVitals.Result result, String actor) {
        List<Long> sessions = new ArrayList<>();
        for (FhirVitals.PatientReadings pr : result.patients()) {
            long id = openSession(pr);
            refuseChangesOfStored(id, pr);
            sessions.add(id);
        }
        // Every session locked first, in id order, before the first charting takes the event counter: a bundle
        // for several patients then never waits crosswise on another writer holding one of its sessions.
        sessions.stream().distinct().sorted().forEach(SessionService::lock);
        List<Stored> out = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            FhirVitals.PatientReadings pr = result.patients().get(i);
            long sessionId = sessions.get(i);
            try {
                ChartingService.Charted c = charting.chart(sessionId, pr.readings(), Source.FHIR, actor, "readings");
                out.add(new Stored(pr.mrn(), sessionId, c.readings(), c.duplicates()));
            } catch (ProblemException e) {
                throw rejected(e, pr);
            }
        }
        return out;
    }

    /** A charting refusal as FHIR issues, each naming the Observation element it is about. */
    private static FhirRejected rejected(ProblemException e, FhirVitals.PatientReadings pr) {
        List<FhirVitals.Issue> issues = new ArrayList<>();
        List<Violation> vs = e.toProblem().violations();
        if (vs == null) {
            issues.add(new FhirVitals.Issue("Observation", e.getMessage()));
        } else {
            for (Violation v : vs) {
                issues.add(new FhirVitals.Issue(where(v.field(), pr), v.field().replaceFirst("^readings\\[\\d+]\\.", "") + " " + v.rule()));
            }
        }
        return new FhirRejected(e.status() == 409 ? 409 : 422, issues);
    }

    /**
     * An Observation whose key (its identifiers, time and patient) is already stored with other values is refused,
     * whatever its status: charting it would answer "already stored" and the integrator would believe the changed
     * values went through. Chairside's amendments keep the original and a reason, which a FHIR status does not give:
     * the nurse amends the reading. The same values again are the reading already stored, and say so.
     */
    private static void refuseChangesOfStored(long sessionId, FhirVitals.PatientReadings pr) {
        List<String> refs = pr.readings().stream().map(ReadingInput::sourceRef).toList();
        Map<String, Long> storedByRef = new HashMap<>();
        ReadingSourceRef.<ReadingSourceRef>list("sessionId = ?1 and sourceRef in ?2", sessionId, refs)
                .forEach(r -> storedByRef.put(r.sourceRef, r.readingId));
        if (storedByRef.isEmpty()) {
            return;
        }
        Map<Long, Reading> stored = new HashMap<>();
        Reading.<Reading>list("id in ?1", storedByRef.values()).forEach(r -> stored.put(r.id, r));
        List<FhirVitals.Issue> issues = new ArrayList<>();
        for (int i = 0; i < pr.readings().size(); i++) {
            ReadingInput in = pr.readings().get(i);
            Reading original = stored.get(storedByRef.get(in.sourceRef()));
            if (original == null || original.vitals().equals(in.chartedVitals())) {
                continue;
            }
            Reading current = original;
            while (current.supersededById != null) {
                current = Reading.findById(current.supersededById);
            }
            String what = pr.corrections().get(i)
                    ? "corrections of an imported reading are not applied from FHIR: this Observation"
                    : "an Observation with these identifiers and this time";
            issues.add(new FhirVitals.Issue(pr.where().get(i), what + " was stored as reading " + original.id
                    + " with other values; amend reading " + current.id + " in Chairside (POST /api/readings/" + current.id
                    + "/amendments, with the reason)"));
        }
        if (!issues.isEmpty()) {
            throw new FhirRejected(422, issues);
        }
    }

    /** The one open session of the bundle's patient, or a FHIR rejection naming the subject. */
    private static long openSession(FhirVitals.PatientReadings pr) {
        Patient p = Patient.findByMrn(pr.mrn());
        if (p == null) {
            throw new FhirRejected(422, List.of(new FhirVitals.Issue("Observation.subject", "no patient with MRN " + pr.mrn())));
        }
        List<InfusionSession> open = InfusionSession.list("patient.id = ?1 and " + InfusionSession.OPEN, p.id);
        if (open.size() != 1) {
            throw new FhirRejected(409, List.of(new FhirVitals.Issue("Observation.subject", open.isEmpty()
                    ? "the patient with MRN " + pr.mrn() + " has no open session"
                    : "the patient with MRN " + pr.mrn() + " has " + open.size() + " open sessions")));
        }
        return open.get(0).id;
    }

    private static String where(String field, FhirVitals.PatientReadings pr) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("readings\\[(\\d+)]\\..*").matcher(field);
        if (m.matches() && Integer.parseInt(m.group(1)) < pr.where().size()) {
            return pr.where().get(Integer.parseInt(m.group(1)));
        }
        return "Observation";
    }

    @Transactional
    public Bundle export(long sessionId) {
        InfusionSession s = SessionService.find(sessionId);
        List<Reading> readings = Reading.list("sessionId", Sort.by("takenAt").and("id"), sessionId);
        readings.sort(java.util.Comparator.comparing((Reading r) -> r.amendsId != null ? 1 : 0).thenComparing(r -> r.takenAt)
                .thenComparing(r -> r.id));
        List<Alert> alerts = Alert.list("sessionId", Sort.by("raisedAt").and("id"), sessionId);
        return exporter.export(s, readings, alerts);
    }
}
