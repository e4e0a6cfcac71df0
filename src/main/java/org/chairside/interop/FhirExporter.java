package org.chairside.interop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import org.chairside.alerts.Alert;
import org.chairside.alerts.AlertState;
import org.chairside.session.Contraindication;
import org.chairside.session.InfusionDose;
import org.chairside.session.InfusionSession;
import org.chairside.session.RateChange;
import org.chairside.session.Screening;
import org.chairside.session.SessionMove;
import org.chairside.session.SessionState;
import org.chairside.vitals.Reading;

/**
 * A session as a FHIR R4 Bundle (type collection): the Patient, an Encounter for the session, each contraindication
 * screening as a QuestionnaireResponse, each stretch the pump ran at one rate as a MedicationAdministration, each
 * reading as vital-signs Observations (blood pressure as the 85354-9 panel), and each alert as a DetectedIssue. A corrected
 * reading is {@code amended} and points at the Observation it corrects ({@code derivedFrom}, with the reason in a
 * note); the superseded original stays in the bundle as {@code entered-in-error}. Pure: no framework.
 */
public final class FhirExporter {
    public static final String SYSTEM = "urn:chairside";
    public static final String MRN_SYSTEM = "urn:chairside:mrn";
    static final String VITALS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

    private record Kind(String key, String loinc, String display, String profile, String unit, String ucum) {
    }

    private static final Kind HR = new Kind("hr", "8867-4", "Heart rate", "heartrate", "/min", "/min");
    private static final Kind SPO2 = new Kind("spo2", "2708-6", "Oxygen saturation in Arterial blood", "oxygensat", "%", "%");
    private static final Kind RR = new Kind("rr", "9279-1", "Respiratory rate", "resprate", "/min", "/min");
    private static final Kind TEMP = new Kind("temp", "8310-5", "Body temperature", "bodytemp", "Cel", "Cel");

    static final String SNOMED = "http://snomed.info/sct";
    static final String SCREENING_QUESTIONNAIRE = SYSTEM + ":questionnaire:contraindication-screening";

    /**
     * What the session's start and pump record: its screenings (oldest first), the stretches the pump ran (see
     * {@link InfusionDose#stretches}) and the rate changes that set them.
     */
    public record Infusion(List<Screening> screenings, List<InfusionDose.Stretch> stretches, List<RateChange> rateChanges) {
    }

    public Bundle export(InfusionSession s, List<SessionMove> moves, List<Reading> readings, List<Alert> alerts, Infusion infusion) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.COLLECTION);
        b.setId(uuid("Bundle/session/" + s.id + "/" + Instant.now()));
        b.setTimestamp(new Date());
        b.setIdentifier(new Identifier().setSystem(SYSTEM + ":session-export").setValue(String.valueOf(s.id)));

        Patient p = new Patient();
        p.setId(uuid("Patient/" + s.patient.id));
        p.addIdentifier().setSystem(MRN_SYSTEM).setValue(s.patient.mrn)
                .setType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number")));
        p.addName(new HumanName().setFamily(s.patient.familyName).addGiven(s.patient.givenName));
        if (s.patient.birthDate != null) {
            p.setBirthDate(java.sql.Date.valueOf(s.patient.birthDate));
        }
        add(b, p);
        Reference patient = ref(p, s.patient.givenName + " " + s.patient.familyName);

        Encounter e = new Encounter();
        e.setId(uuid("Encounter/" + s.id));
        e.addIdentifier().setSystem(SYSTEM + ":session").setValue(String.valueOf(s.id));
        e.setStatus(encounterStatus(s));
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.addType().setText(s.drug + " infusion, " + s.doseMgPerKg + " mg/kg over " + s.plannedMinutes + " min");
        e.setSubject(patient);
        e.setPeriod(new Period().setStart(date(s.createdAt)).setEnd(date(s.closedAt)));
        locations(e, s, moves);
        add(b, e);
        Reference encounter = ref(e, "Session " + s.id);
        for (Screening screening : infusion.screenings()) {
            add(b, screening(screening, patient, encounter));
        }
        for (InfusionDose.Stretch stretch : infusion.stretches()) {
            add(b, administration(s, stretch, setBy(stretch, infusion.rateChanges()), patient, encounter));
        }

        Map<Long, Map<String, String>> observationIds = new LinkedHashMap<>();
        for (Reading r : readings) {
            observationIds.put(r.id, new LinkedHashMap<>());
        }
        // Every reading's Observations first, then the links: a correction may come before the one it corrects (a
        // correction of a correction that moved the time earlier), and linked in one pass it lost its derivedFrom.
        Map<Long, List<Observation>> byReading = new LinkedHashMap<>();
        for (Reading r : readings) {
            List<Observation> os = observations(r, patient, encounter);
            byReading.put(r.id, os);
            for (Observation o : os) {
                observationIds.get(r.id).put(kind(o), o.getIdElement().getIdPart());
            }
        }
        for (Reading r : readings) {
            for (Observation o : byReading.get(r.id)) {
                String original = r.amendsId == null || !observationIds.containsKey(r.amendsId) ? null
                        : observationIds.get(r.amendsId).get(kind(o));
                if (original != null) {
                    o.addDerivedFrom(new Reference("urn:uuid:" + original).setDisplay("the reading this corrects"));
                }
                add(b, o);
            }
        }
        for (Alert a : alerts) {
            add(b, issue(a, patient, observationIds));
        }
        return b;
    }

    /** What an Observation of a reading holds ("bp", "hr"...), from its identifier "readingId/kind". */
    private static String kind(Observation o) {
        String key = o.getIdentifierFirstRep().getValue();
        return key.substring(key.indexOf('/') + 1);
    }

    private List<Observation> observations(Reading r, Reference patient, Reference encounter) {
        List<Observation> out = new ArrayList<>();
        if (r.systolic != null && r.diastolic != null) {
            Observation bp = base(r, "bp", patient, encounter, "85354-9", "Blood pressure panel with all children optional", "bp");
            bp.addComponent().setCode(loinc("8480-6", "Systolic blood pressure")).setValue(quantity(r.systolic, "mmHg", "mm[Hg]"));
            bp.addComponent().setCode(loinc("8462-4", "Diastolic blood pressure")).setValue(quantity(r.diastolic, "mmHg", "mm[Hg]"));
            out.add(bp);
        }
        single(out, r, HR, r.heartRate, patient, encounter);
        single(out, r, SPO2, r.spo2, patient, encounter);
        single(out, r, RR, r.respiratoryRate, patient, encounter);
        single(out, r, TEMP, r.temperatureC, patient, encounter);
        return out;
    }

    private void single(List<Observation> out, Reading r, Kind k, Number value, Reference patient, Reference encounter) {
        if (value == null) {
            return;
        }
        Observation o = base(r, k.key(), patient, encounter, k.loinc(), k.display(), k.profile());
        if (k == SPO2) {
            o.getCode().addCoding(new Coding(FhirVitals.LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"));
        }
        o.setValue(quantity(value, k.unit(), k.ucum()));
        out.add(o);
    }

    private Observation base(Reading r, String key, Reference patient, Reference encounter, String loinc, String display, String profile) {
        Observation o = new Observation();
        o.setId(uuid("Observation/" + r.id + "/" + key));
        o.getMeta().addProfile(VITALS_PROFILE).addProfile("http://hl7.org/fhir/StructureDefinition/" + profile);
        o.addIdentifier().setSystem(SYSTEM + ":reading").setValue(r.id + "/" + key);
        o.setStatus(!r.isCurrent() ? Observation.ObservationStatus.ENTEREDINERROR
                : r.amendsId != null ? Observation.ObservationStatus.AMENDED : Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, "vital-signs", "Vital Signs")).setText("Vital Signs"));
        o.setCode(loinc(loinc, display));
        o.setSubject(patient);
        o.setEncounter(encounter);
        o.setEffective(new DateTimeType(date(r.takenAt)));
        o.setIssued(date(r.enteredAt));
        o.addPerformer().setDisplay(r.chartedBy);
        o.addExtension(new Extension(SYSTEM + ":source", new CodeType(r.source.name())));
        if (r.amendReason != null) {
            o.addNote().setText("Corrects an earlier reading: " + r.amendReason);
        }
        if (!r.isCurrent()) {
            o.addNote().setText("Superseded by a correction at " + r.supersededAt + " (by " + r.supersededByUser + ")");
        }
        return o;
    }

    /** The screening's four questions, each answered present (true) or absent (false), as recorded; the note as a fifth item. */
    private static QuestionnaireResponse screening(Screening screening, Reference patient, Reference encounter) {
        QuestionnaireResponse q = new QuestionnaireResponse();
        q.setId(uuid("QuestionnaireResponse/screening/" + screening.id));
        q.setIdentifier(new Identifier().setSystem(SYSTEM + ":screening").setValue(String.valueOf(screening.id)));
        q.setQuestionnaire(SCREENING_QUESTIONNAIRE);
        q.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        q.setSubject(patient);
        q.setEncounter(encounter);
        q.setAuthored(date(screening.at));
        q.setAuthor(new Reference().setDisplay(screening.byUser));
        List<Contraindication> present = screening.present();
        for (Contraindication c : Contraindication.values()) {
            String label = c.label();
            q.addItem().setLinkId(c.name()).setText(Character.toUpperCase(label.charAt(0)) + label.substring(1))
                    .addAnswer().setValue(new BooleanType(present.contains(c)));
        }
        if (screening.note != null) {
            q.addItem().setLinkId("NOTE").setText("Note").addAnswer().setValue(new StringType(screening.note));
        }
        return q;
    }

    /** The rate change that set a stretch's rate: the newest at or before its start (one set while paused applies on resuming). */
    private static RateChange setBy(InfusionDose.Stretch stretch, List<RateChange> changes) {
        RateChange by = null;
        for (RateChange c : changes) {
            if (!c.at.isAfter(stretch.from())) {
                by = c;
            }
        }
        return by;
    }

    /**
     * One stretch of the infusion at one rate: its period, its rate in mg/kg/h, the dose it gave (mg for the session's
     * weight), and who set the rate and why; a stretch still running is in progress, its dose what it gave so far.
     */
    private static MedicationAdministration administration(InfusionSession s, InfusionDose.Stretch stretch, RateChange setBy,
                                                           Reference patient, Reference encounter) {
        MedicationAdministration m = new MedicationAdministration();
        m.setId(uuid("MedicationAdministration/" + s.id + "/" + stretch.from()));
        m.addIdentifier().setSystem(SYSTEM + ":infusion").setValue(s.id + "/" + stretch.from());
        m.setStatus(stretch.running() ? MedicationAdministration.MedicationAdministrationStatus.INPROGRESS
                : MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        m.setMedication(new CodeableConcept().setText(s.drug));
        m.setSubject(patient);
        m.setContext(encounter);
        m.setEffective(new Period().setStart(date(stretch.from())).setEnd(stretch.running() ? null : date(stretch.to())));
        BigDecimal mg = stretch.mgPerKg().multiply(s.weightKg).setScale(1, RoundingMode.HALF_UP);
        MedicationAdministration.MedicationAdministrationDosageComponent dosage = m.getDosage();
        dosage.setRoute(new CodeableConcept().addCoding(new Coding(SNOMED, "47625008", "Intravenous route")).setText("IV"));
        dosage.setRate(new Quantity().setValue(stretch.mgPerKgPerHour()).setUnit("mg/kg/h").setSystem(FhirVitals.UCUM).setCode("mg/kg/h"));
        dosage.setDose(new Quantity().setValue(mg).setUnit("mg").setSystem(FhirVitals.UCUM).setCode("mg"));
        dosage.setText(plain(stretch.mgPerKgPerHour()) + " mg/kg/h IV: " + plain(stretch.mgPerKg()) + " mg/kg ("
                + plain(mg) + " mg for " + plain(s.weightKg) + " kg)" + (stretch.running() ? " so far" : ""));
        if (setBy == null) {
            m.addNote().setText("The protocol's rate: " + plain(s.doseMgPerKg) + " mg/kg over " + s.plannedMinutes + " min");
        } else {
            m.addPerformer().setActor(new Reference().setDisplay(setBy.byUser));
            m.addNote().setText("Rate set to " + plain(setBy.mgPerKgPerHour) + " mg/kg/h at " + setBy.at + " by " + setBy.byUser
                    + (setBy.reason == null ? "" : ": " + setBy.reason));
        }
        return m;
    }

    /** 0.750 as 0.75, 70.0 as 70: as a nurse writes it. */
    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private DetectedIssue issue(Alert a, Reference patient, Map<Long, Map<String, String>> observationIds) {
        DetectedIssue d = new DetectedIssue();
        d.setId(uuid("DetectedIssue/" + a.id));
        d.addIdentifier().setSystem(SYSTEM + ":alert").setValue(String.valueOf(a.id));
        d.setStatus(a.state == AlertState.RESOLVED ? DetectedIssue.DetectedIssueStatus.FINAL : DetectedIssue.DetectedIssueStatus.PRELIMINARY);
        d.setSeverity(switch (a.priority) {
            case HIGH -> DetectedIssue.DetectedIssueSeverity.HIGH;
            case MEDIUM -> DetectedIssue.DetectedIssueSeverity.MODERATE;
            default -> DetectedIssue.DetectedIssueSeverity.LOW;
        });
        d.setCode(new CodeableConcept().addCoding(new Coding(SYSTEM + ":condition", a.conditionCode, a.conditionLabel)).setText(a.conditionLabel));
        d.setPatient(patient);
        d.setIdentified(new Period().setStart(date(a.raisedAt)).setEnd(date(a.resolvedAt)));
        d.setDetail(a.message);
        for (Long readingId : new Long[] {a.firstReadingId, a.lastReadingId}) {
            if (readingId != null && observationIds.containsKey(readingId)) {
                observationIds.get(readingId).values().stream().findFirst()
                        .ifPresent(id -> d.addImplicated(new Reference("urn:uuid:" + id)));
            }
        }
        if (a.acknowledgedAt != null) {
            d.addMitigation().setAction(new CodeableConcept().setText("Acknowledged" + (a.acknowledgeNote == null ? "" : ": " + a.acknowledgeNote)))
                    .setDate(date(a.acknowledgedAt)).setAuthor(new Reference().setDisplay(a.acknowledgedBy));
        }
        d.addExtension(new Extension(SYSTEM + ":alert-state", new CodeType(a.state.name())));
        d.addExtension(new Extension(SYSTEM + ":alert-historical", new BooleanType(a.historical)));
        return d;
    }

    /** Each recliner the patient sat in, with when: the ones left (moves) completed, the last active while the session is open. */
    private static void locations(Encounter e, InfusionSession s, List<SessionMove> moves) {
        Instant since = s.createdAt;
        for (SessionMove m : moves) {
            e.addLocation().setLocation(new Reference().setDisplay(m.fromReclinerName))
                    .setStatus(Encounter.EncounterLocationStatus.COMPLETED).setPeriod(new Period().setStart(date(since)).setEnd(date(m.at)));
            since = m.at;
        }
        e.addLocation().setLocation(new Reference().setDisplay(s.recliner.name))
                .setStatus(s.state.isOpen() ? Encounter.EncounterLocationStatus.ACTIVE : Encounter.EncounterLocationStatus.COMPLETED)
                .setPeriod(new Period().setStart(date(since)).setEnd(date(s.closedAt)));
    }

    private static Encounter.EncounterStatus encounterStatus(InfusionSession s) {
        if (s.state == SessionState.CHECKED_IN) {
            return Encounter.EncounterStatus.ARRIVED;
        }
        if (s.state.isOpen()) {
            return Encounter.EncounterStatus.INPROGRESS;
        }
        return s.state == SessionState.STOPPED && s.startedAt == null ? Encounter.EncounterStatus.CANCELLED : Encounter.EncounterStatus.FINISHED;
    }

    private static void add(Bundle b, org.hl7.fhir.r4.model.Resource r) {
        b.addEntry().setFullUrl("urn:uuid:" + r.getIdElement().getIdPart()).setResource(r);
    }

    private static Reference ref(org.hl7.fhir.r4.model.Resource r, String display) {
        return new Reference("urn:uuid:" + r.getIdElement().getIdPart()).setDisplay(display);
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(FhirVitals.LOINC, code, display)).setText(display);
    }

    private static Quantity quantity(Number value, String unit, String ucum) {
        return new Quantity().setValue(new BigDecimal(value.toString())).setUnit(unit).setSystem(FhirVitals.UCUM).setCode(ucum);
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    /** Stable ids: the same record always exports under the same UUID. */
    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("chairside:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
