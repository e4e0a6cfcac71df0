package org.chairside.interop;

import java.time.Instant;
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
import org.chairside.audit.RecordClock;
import org.chairside.patient.Patient;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.rules.Consciousness;
import org.chairside.rules.Vital;
import org.chairside.session.InfusionSession;
import org.chairside.session.RateChange;
import org.chairside.session.RateChanges;
import org.chairside.session.Screening;
import org.chairside.session.SessionMove;
import org.chairside.session.SessionService;
import org.chairside.vitals.ChartingService;
import org.chairside.vitals.Reading;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.ReadingSourceRef;
import org.chairside.vitals.Source;

/** Charts FHIR Observations through the one write path, all or nothing; exports a session as a Bundle. */
@ApplicationScoped
public class FhirService {
    private final ChartingService charting;
    private final FhirExporter exporter = new FhirExporter();

    public FhirService(ChartingService charting) {
        this.charting = charting;
    }

    /**
     * What was charted, per patient and session: readings of their own, readings joined to one of their time (the
     * amendment that adds the Observations' values), and how many Observations were already stored.
     */
    public record Stored(String mrn, long sessionId, List<Reading> readings, List<Reading> joined, int duplicates) {
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
     * Charts every patient's Observations, all or nothing, in one transaction that holds their sessions' locks from the
     * first look at what is stored to the last write: two gateways posting the same moment's vitals at once then
     * meet each other's readings (see {@link ObservationMatch}) instead of both charting them.
     */
    public List<Stored> chart(FhirVitals.Result result, String actor) {
        if (!result.issues().isEmpty()) {
            throw new FhirRejected(422, result.issues());
        }
        return QuarkusTransaction.requiringNew().call(() -> chartPatients(result, actor));
    }

    private List<Stored> chartPatients(FhirVitals.Result result, String actor) {
        List<Long> sessions = new ArrayList<>();
        for (FhirVitals.PatientReadings pr : result.patients()) {
            sessions.add(openSession(pr));
        }
        // Every session locked first, in id order, before the first charting takes the event counter: a bundle
        // for several patients then never waits crosswise on another writer holding one of its sessions.
        sessions.stream().distinct().sorted().forEach(SessionService::lock);
        List<List<ObservationMatch.Outcome>> outcomes = new ArrayList<>();
        List<FhirVitals.Issue> refused = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            List<ObservationMatch.Outcome> of = match(sessions.get(i), result.patients().get(i));
            of.forEach(o -> refused.addAll(o.refused()));
            outcomes.add(of);
        }
        if (!refused.isEmpty()) {
            throw new FhirRejected(422, refused);
        }
        List<Stored> out = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            out.add(write(sessions.get(i), result.patients().get(i), outcomes.get(i), actor));
        }
        return out;
    }

    /** What each of a patient's readings is, against what the session holds: one outcome per time. */
    private static List<ObservationMatch.Outcome> match(long sessionId, FhirVitals.PatientReadings pr) {
        List<String> keys = pr.observations().stream().flatMap(List::stream).map(ObservationMatch.Sent::key).toList();
        Map<String, Long> readingOfKey = new HashMap<>();
        ReadingSourceRef.<ReadingSourceRef>list("sessionId = ?1 and sourceRef in ?2", sessionId, keys)
                .forEach(r -> readingOfKey.put(r.sourceRef, r.readingId));
        Map<Long, Reading> byId = new HashMap<>();
        if (!readingOfKey.isEmpty()) {
            Reading.<Reading>list("id in ?1", readingOfKey.values()).forEach(r -> byId.put(r.id, r));
        }
        Map<String, ObservationMatch.Keyed> stored = new HashMap<>();
        readingOfKey.forEach((key, id) -> {
            Reading current = byId.get(id);
            while (current.supersededById != null) {
                current = Reading.findById(current.supersededById);
            }
            stored.put(key, new ObservationMatch.Keyed(id, current.id, byId.get(id).vitals()));
        });
        List<ObservationMatch.Outcome> out = new ArrayList<>();
        for (int g = 0; g < pr.readings().size(); g++) {
            List<ObservationMatch.Held> held = Reading.<Reading>list("sessionId = ?1 and takenAt = ?2 and source = ?3 and supersededById is null"
                            + " order by id", sessionId, RecordClock.of(pr.readings().get(g).takenAt()), Source.FHIR).stream()
                    .map(r -> new ObservationMatch.Held(r.id, r.vitals())).toList();
            out.add(ObservationMatch.match(pr.observations().get(g), stored, held));
        }
        return out;
    }

    /** Charts what is new, joins what completes a reading of its time, and records every Observation's key. */
    private Stored write(long sessionId, FhirVitals.PatientReadings pr, List<ObservationMatch.Outcome> outcomes, String actor) {
        List<ReadingInput> own = new ArrayList<>();
        List<String> ownWhere = new ArrayList<>();
        Map<String, ObservationMatch.Outcome> byRef = new HashMap<>();
        int duplicates = 0;
        List<Reading> joined = new ArrayList<>();
        Map<String, Long> keys = new HashMap<>();
        for (int g = 0; g < outcomes.size(); g++) {
            ObservationMatch.Outcome o = outcomes.get(g);
            duplicates += o.alreadyStored();
            keys.putAll(o.newKeys());
            if (o.fresh().isEmpty()) {
                continue;
            }
            ReadingInput in = input(pr.readings().get(g).takenAt(), o.freshValues(), o.fresh().get(0).key());
            String where = String.join(", ", o.fresh().stream().map(ObservationMatch.Sent::where).toList());
            if (o.joinTo() == null) {
                own.add(in);
                ownWhere.add(where);
                byRef.put(in.sourceRef(), o);
                continue;
            }
            try {
                Reading target = Reading.findById(o.joinTo());
                Map<Vital, Number> all = new java.util.EnumMap<>(Vital.class);
                for (Vital v : Vital.MEASURED) {
                    Double held = target.vitals().value(v);
                    if (held != null) {
                        all.put(v, v == Vital.TEMPERATURE ? (Number) held : (Number) held.intValue());
                    }
                }
                all.putAll(o.freshValues());
                // what a nurse added to the reading (oxygen, consciousness) stays: a device sends only measured vitals
                ReadingInput whole = input(target.takenAt, all, target.onOxygen, target.consciousness, in.sourceRef());
                Reading r = charting.amend(o.joinTo(), whole, joinReason(o), actor).readings().get(0);
                joined.add(r);
                o.fresh().forEach(sent -> keys.put(sent.key(), r.id));
            } catch (ProblemException e) {
                throw rejected(e, new FhirVitals.PatientReadings(pr.mrn(), List.of(in), List.of(where), List.of(o.fresh())), "");
            }
        }
        List<Reading> readings = List.of();
        if (!own.isEmpty()) {
            try {
                ChartingService.Charted c = charting.chart(sessionId, own, Source.FHIR, actor, "readings");
                readings = c.readings();
                duplicates += c.duplicates();
            } catch (ProblemException e) {
                throw rejected(e, new FhirVitals.PatientReadings(pr.mrn(), own, ownWhere, List.of()), "readings");
            }
            // the charting recorded each reading's first key; the others of its Observations name it too
            for (Reading r : readings) {
                byRef.get(r.sourceRef).fresh().stream().skip(1).forEach(sent -> keys.put(sent.key(), r.id));
            }
        }
        keys.forEach((key, readingId) -> {
            ReadingSourceRef ref = new ReadingSourceRef();
            ref.sessionId = sessionId;
            ref.sourceRef = key;
            ref.readingId = readingId;
            ref.persist();
        });
        return new Stored(pr.mrn(), sessionId, readings, joined, duplicates);
    }

    private static ReadingInput input(Instant takenAt, Map<Vital, Number> v, String key) {
        return input(takenAt, v, null, null, key);
    }

    private static ReadingInput input(Instant takenAt, Map<Vital, Number> v, Boolean onOxygen,
                                      Consciousness consciousness, String key) {
        return new ReadingInput(takenAt, intOf(v, Vital.SYSTOLIC), intOf(v, Vital.DIASTOLIC), intOf(v, Vital.HEART_RATE),
                intOf(v, Vital.SPO2), intOf(v, Vital.RESPIRATORY_RATE),
                v.containsKey(Vital.TEMPERATURE) ? v.get(Vital.TEMPERATURE).doubleValue() : null, onOxygen, consciousness, key);
    }

    private static Integer intOf(Map<Vital, Number> v, Vital vital) {
        return v.containsKey(vital) ? v.get(vital).intValue() : null;
    }

    /** The amendment's reason: what joined, from which Observations, so the reading's history says why it changed. */
    private static String joinReason(ObservationMatch.Outcome o) {
        String vitals = String.join(", ", o.freshValues().keySet().stream().map(Vital::label).toList());
        List<String> labels = o.fresh().stream().map(ObservationMatch.Sent::label).filter(l -> !l.isEmpty()).toList();
        String reason = "FHIR: " + vitals + " taken at the same time arrived later and joined this reading"
                + (labels.isEmpty() ? "" : " (Observation " + String.join(", ", labels) + ")");
        return reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
    }

    /** A charting refusal as FHIR issues, each naming the Observation element it is about. */
    private static FhirRejected rejected(ProblemException e, FhirVitals.PatientReadings pr, String prefix) {
        List<FhirVitals.Issue> issues = new ArrayList<>();
        List<Violation> vs = e.toProblem().violations();
        if (vs == null) {
            issues.add(new FhirVitals.Issue(pr.where().size() == 1 ? pr.where().get(0) : "Observation", e.getMessage()));
        } else {
            for (Violation v : vs) {
                String where = prefix.isEmpty() ? pr.where().get(0) : where(v.field(), pr);
                issues.add(new FhirVitals.Issue(where, v.field().replaceFirst("^readings\\[\\d+]\\.", "") + " " + v.rule()));
            }
        }
        return new FhirRejected(e.status() == 409 ? 409 : 422, issues);
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
        List<RateChange> rateChanges = RateChange.ofSession(sessionId);
        return exporter.export(s, SessionMove.ofSession(sessionId), readings, alerts,
                new FhirExporter.Infusion(Screening.ofSession(sessionId), RateChanges.stretches(s, rateChanges, RecordClock.now()), rateChanges));
    }
}
