package org.chairside.interop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import org.chairside.rules.Vital;
import org.chairside.vitals.ReadingInput;

/**
 * Reads vital-signs Observations (R4): LOINC codes and UCUM units as in domain.md, the 85354-9 blood-pressure
 * panel with its components, the patient by MRN (the subject's identifier, or a Patient in the bundle or
 * contained). Observations of one patient at one time become one reading. Pure: no framework.
 */
public final class FhirVitals {
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String BP_PANEL = "85354-9";
    static final Map<String, Vital> CODES = Map.of(
            "8480-6", Vital.SYSTOLIC, "8462-4", Vital.DIASTOLIC, "8867-4", Vital.HEART_RATE, "59408-5", Vital.SPO2,
            "2708-6", Vital.SPO2, "9279-1", Vital.RESPIRATORY_RATE, "8310-5", Vital.TEMPERATURE);
    private static final Map<Vital, Set<String>> UNITS = Map.of(
            Vital.SYSTOLIC, Set.of("mm[Hg]", "mmHg"), Vital.DIASTOLIC, Set.of("mm[Hg]", "mmHg"),
            Vital.HEART_RATE, Set.of("/min", "{beats}/min", "1/min"), Vital.SPO2, Set.of("%"),
            Vital.RESPIRATORY_RATE, Set.of("/min", "{breaths}/min", "1/min"), Vital.TEMPERATURE, Set.of("Cel"));
    private static final Set<String> STATUSES = Set.of("final", "amended", "corrected", "preliminary");
    private static final Set<String> CORRECTIONS = Set.of("amended", "corrected");

    /** One problem, with a FHIRPath-ish location into the request. */
    public record Issue(String expression, String message) {
    }

    /**
     * One patient's readings, one per time; for each, where in the request it comes from and the Observations it is
     * made of, each with its own key (see {@link ObservationMatch}).
     */
    public record PatientReadings(String mrn, List<ReadingInput> readings, List<String> where, List<List<ObservationMatch.Sent>> observations) {
    }

    public record Result(List<PatientReadings> patients, List<Issue> issues) {
    }

    private final Optional<String> mrnSystem;

    public FhirVitals() {
        this(Optional.empty());
    }

    /**
     * @param mrnSystem the identifier system of the clinic's MRNs: when set, only identifiers of that system name a
     *                  patient, so that another organisation's number is never matched against the clinic's MRNs
     */
    public FhirVitals(Optional<String> mrnSystem) {
        this.mrnSystem = mrnSystem.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Observations of a Bundle (entries that are not Observations or Patients are ignored). */
    public Result read(Bundle bundle) {
        Map<String, Patient> patients = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                if (e.hasFullUrl()) {
                    patients.put(e.getFullUrl(), p);
                }
                if (p.hasIdElement() && p.getIdElement().hasIdPart()) {
                    patients.put("Patient/" + p.getIdElement().getIdPart(), p);
                }
            }
        }
        List<Observation> obs = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = bundle.getEntry().get(i);
            Resource r = e.getResource();
            if (r instanceof Observation o) {
                obs.add(o);
                where.add("Bundle.entry[" + i + "].resource");
            } else if (r == null) {
                // a transaction's DELETE was left out and the answer said "Stored": the sender believed it done
                Bundle.BundleEntryRequestComponent req = e.getRequest();
                String what = req.hasMethod() ? req.getMethod().toCode() + (req.hasUrl() ? " " + req.getUrl() : "") : "an entry without a resource";
                issues.add(new Issue("Bundle.entry[" + i + "]" + (req.hasMethod() ? ".request" : ""), what + ": Chairside charts the "
                        + "Observations a bundle holds and deletes nothing from FHIR; a reading charted wrongly is amended in Chairside "
                        + "(POST /api/readings/{id}/amendments, with the reason)"));
            }
        }
        if (obs.isEmpty()) {
            issues.add(new Issue("Bundle.entry", "the bundle holds no Observation"));
        }
        return read(obs, where, patients, issues);
    }

    public Result read(Observation o) {
        return read(List.of(o), List.of("Observation"), Map.of(), new ArrayList<>());
    }

    private Result read(List<Observation> observations, List<String> where, Map<String, Patient> patients, List<Issue> issues) {
        // mrn -> time -> vital -> value; and the identities that make the reading's sourceRef
        Map<String, Map<Instant, Map<Vital, Number>>> values = new LinkedHashMap<>();
        Map<String, Map<Instant, Map<String, ObservationMatch.Sent>>> sent = new LinkedHashMap<>();
        Map<String, Map<Instant, List<String>>> locations = new LinkedHashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            String at = where.get(i);
            int before = issues.size();
            if (!o.hasStatus() || !STATUSES.contains(o.getStatus().toCode())) {
                issues.add(new Issue(at + ".status", "must be one of " + STATUSES + (o.hasStatus() ? ", not " + o.getStatus().toCode() : "")));
            }
            if (o.hasCategory() && o.getCategory().stream().flatMap(c -> c.getCoding().stream()).noneMatch(c -> "vital-signs".equals(c.getCode()))) {
                issues.add(new Issue(at + ".category", "must be vital-signs"));
            }
            Instant time = takenAt(o, at, issues);
            String mrn = mrn(o, patients, at, issues);
            Map<Vital, Number> found = new EnumMap<>(Vital.class);
            String code = loinc(o.getCode());
            if (code == null) {
                issues.add(new Issue(at + ".code", "needs a LOINC coding (system " + LOINC + ")"));
            } else if (code.equals(BP_PANEL)) {
                if (!o.hasComponent()) {
                    issues.add(new Issue(at + ".component", "the blood-pressure panel needs systolic (8480-6) and diastolic (8462-4) components"));
                }
                for (int c = 0; c < o.getComponent().size(); c++) {
                    Observation.ObservationComponentComponent comp = o.getComponent().get(c);
                    String cc = loinc(comp.getCode());
                    Vital v = cc == null ? null : CODES.get(cc);
                    if (v != Vital.SYSTOLIC && v != Vital.DIASTOLIC) {
                        issues.add(new Issue(at + ".component[" + c + "].code", "must be LOINC 8480-6 (systolic) or 8462-4 (diastolic)"));
                        continue;
                    }
                    value(v, comp.hasValueQuantity() ? comp.getValueQuantity() : null, at + ".component[" + c + "].valueQuantity", found, issues);
                }
            } else if (CODES.containsKey(code)) {
                Vital v = CODES.get(code);
                value(v, o.hasValueQuantity() ? o.getValueQuantity() : null, at + ".valueQuantity", found, issues);
            } else {
                issues.add(new Issue(at + ".code", "LOINC " + code + " is not a vital Chairside charts; expected one of "
                        + new TreeSet<>(CODES.keySet()) + " or the panel " + BP_PANEL));
            }
            if (issues.size() > before || mrn == null || time == null) {
                continue;
            }
            Map<Vital, Number> set = values.computeIfAbsent(mrn, k -> new LinkedHashMap<>()).computeIfAbsent(time, k -> new EnumMap<>(Vital.class));
            for (Map.Entry<Vital, Number> e : found.entrySet()) {
                Number prev = set.putIfAbsent(e.getKey(), e.getValue());
                if (prev != null && !prev.equals(e.getValue())) {
                    issues.add(new Issue(at, "a second, different " + e.getKey().label() + " (" + e.getValue() + " vs " + prev + ") for "
                            + "the same patient and time"));
                }
            }
            String key = "fhir:" + CsvRowReader.sha256(mrn + "|" + time + "|" + identity(o, found));
            // the same Observation twice in one request (its values agree, or an issue says otherwise) is one
            sent.computeIfAbsent(mrn, k -> new LinkedHashMap<>()).computeIfAbsent(time, k -> new LinkedHashMap<>())
                    .putIfAbsent(key, new ObservationMatch.Sent(key, found, at, CORRECTIONS.contains(o.getStatus().toCode()), label(o)));
            locations.computeIfAbsent(mrn, k -> new LinkedHashMap<>()).computeIfAbsent(time, k -> new ArrayList<>()).add(at);
        }
        List<PatientReadings> out = new ArrayList<>();
        values.forEach((mrn, byTime) -> {
            List<ReadingInput> readings = new ArrayList<>();
            List<String> at = new ArrayList<>();
            List<List<ObservationMatch.Sent>> sentByTime = new ArrayList<>();
            byTime.forEach((time, v) -> {
                List<ObservationMatch.Sent> of = List.copyOf(sent.get(mrn).get(time).values());
                String ref = of.get(0).key();
                readings.add(new ReadingInput(time, intOf(v, Vital.SYSTOLIC), intOf(v, Vital.DIASTOLIC), intOf(v, Vital.HEART_RATE),
                        intOf(v, Vital.SPO2), intOf(v, Vital.RESPIRATORY_RATE),
                        v.containsKey(Vital.TEMPERATURE) ? v.get(Vital.TEMPERATURE).doubleValue() : null, ref));
                at.add(String.join(", ", locations.get(mrn).get(time)));
                sentByTime.add(of);
            });
            out.add(new PatientReadings(mrn, readings, at, sentByTime));
        });
        return new Result(out, issues);
    }

    /**
     * When the vital was taken. FHIR requires a zone offset with a time of day; without one the time would be read in
     * the server's zone and a monitor in another zone would chart hours off. A date alone says nothing of when in the
     * infusion the vital was taken.
     */
    private static Instant takenAt(Observation o, String at, List<Issue> issues) {
        BaseDateTimeType t = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType()
                : o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart() ? o.getEffectivePeriod().getStartElement()
                : o.hasEffectiveInstantType() ? o.getEffectiveInstantType()
                : null;
        if (t == null || t.getValue() == null) {
            issues.add(new Issue(at + ".effective[x]", "is required: when the vital was taken"));
            return null;
        }
        if (t.getPrecision().ordinal() < TemporalPrecisionEnum.MINUTE.ordinal()) {
            issues.add(new Issue(at + ".effective[x]", "must give the time of day with a zone offset, not only a date ('"
                    + t.getValueAsString() + "')"));
            return null;
        }
        if (t.getTimeZone() == null) {
            issues.add(new Issue(at + ".effective[x]", "must give a zone offset (Z or +hh:mm) with its time ('"
                    + t.getValueAsString() + "'), as FHIR requires"));
            return null;
        }
        return t.getValue().toInstant();
    }

    /**
     * An Observation's identity for idempotency, with its patient and time: its identifiers, else its id, else the vitals
     * it is of (patient, code and time). Its values are not part of it: the same Observation with other values is a
     * change to refuse, not a new reading.
     */
    private static String identity(Observation o, Map<Vital, Number> found) {
        if (o.hasIdentifier()) {
            return o.getIdentifier().stream().map(i -> i.getSystem() + "|" + i.getValue()).sorted().reduce((a, b) -> a + "," + b).orElse("");
        }
        if (o.hasIdElement() && o.getIdElement().hasIdPart()) {
            return "id:" + o.getIdElement().getIdPart();
        }
        return "vitals:" + found.keySet();
    }

    /** How a person recognises the Observation: its first identifier's value, else its id; empty with neither. */
    private static String label(Observation o) {
        if (o.hasIdentifier() && o.getIdentifierFirstRep().hasValue()) {
            return o.getIdentifierFirstRep().getValue();
        }
        return o.hasIdElement() && o.getIdElement().hasIdPart() ? o.getIdElement().getIdPart() : "";
    }

    private static Integer intOf(Map<Vital, Number> v, Vital vital) {
        return v.containsKey(vital) ? v.get(vital).intValue() : null;
    }

    private static void value(Vital v, Quantity q, String at, Map<Vital, Number> found, List<Issue> issues) {
        if (q == null || !q.hasValue()) {
            issues.add(new Issue(at, "a " + v.label() + " value (valueQuantity) is required"));
            return;
        }
        if (q.hasComparator()) {
            // "<85" is a value below 85, not 85: charted as the number, the reading would say what was not measured
            issues.add(new Issue(at + ".comparator", "'" + q.getComparator().toCode() + "' " + q.getValueElement().getValueAsString()
                    + " is a value beyond a number, not a measured " + v.label() + ": send the value measured, without a comparator"));
            return;
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        BigDecimal value;
        String text = q.getValueElement().getValueAsString();
        try {
            // the text as sent, not HAPI's BigDecimal: its size is judged before any arithmetic
            value = DeviceNumber.parse(text);
        } catch (DeviceNumber.Refused e) {
            issues.add(new Issue(at + ".value", "'" + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "' "
                    + (e.refusal() == DeviceNumber.Refusal.NOT_A_NUMBER ? "is not a number" : DeviceNumber.implausible(v))));
            return;
        }
        if (v == Vital.TEMPERATURE && "[degF]".equals(unit)) {
            value = DeviceNumber.celsius(value);
        } else if (unit == null || !UNITS.get(v).contains(unit)) {
            issues.add(new Issue(at + ".code", "unit " + (unit == null ? "(none)" : "'" + unit + "'") + " is not accepted for "
                    + v.label() + "; expected UCUM " + UNITS.get(v).iterator().next()));
            return;
        }
        if (q.hasSystem() && !UCUM.equals(q.getSystem())) {
            issues.add(new Issue(at + ".system", "must be " + UCUM));
            return;
        }
        found.put(v, DeviceNumber.charted(v, value));
    }

    static String loinc(CodeableConcept cc) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            if (LOINC.equals(c.getSystem()) && c.hasCode() && (CODES.containsKey(c.getCode()) || BP_PANEL.equals(c.getCode()))) {
                return c.getCode();
            }
        }
        for (Coding c : cc.getCoding()) {
            if (LOINC.equals(c.getSystem()) && c.hasCode()) {
                return c.getCode();
            }
        }
        return null;
    }

    /** The subject's MRN: its logical identifier, or the identifier of the Patient it references (bundled or contained). */
    private String mrn(Observation o, Map<String, Patient> patients, String at, List<Issue> issues) {
        if (!o.hasSubject()) {
            issues.add(new Issue(at + ".subject", "is required: the patient, identified by MRN"));
            return null;
        }
        Reference ref = o.getSubject();
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            Identifier id = ref.getIdentifier();
            if (mrnSystem.isPresent() && !mrnSystem.get().equals(id.getSystem())) {
                issues.add(new Issue(at + ".subject.identifier.system", "must be " + mrnSystem.get() + ", the system of the clinic's MRNs ("
                        + (id.hasSystem() ? "not " + id.getSystem() : "none given") + ")"));
                return null;
            }
            return id.getValue().trim();
        }
        Patient p = ref.getResource() instanceof Patient rp ? rp : null;
        if (p == null && ref.hasReference()) {
            String r = ref.getReference();
            if (r.startsWith("#")) {
                for (Resource c : o.getContained()) {
                    if (c instanceof Patient cp && r.substring(1).equals(cp.getIdElement().getIdPart().replaceFirst("^#", ""))) {
                        p = cp;
                    }
                }
            } else {
                p = patients.get(r);
            }
        }
        if (p == null) {
            issues.add(new Issue(at + ".subject", "names no patient Chairside can find: give subject.identifier (the MRN) or "
                    + "reference a Patient in the bundle or contained"));
            return null;
        }
        String mrn = null;
        for (Identifier id : p.getIdentifier()) {
            if (mrnSystem.isPresent() && !mrnSystem.get().equals(id.getSystem())) {
                continue;
            }
            boolean typedMr = id.hasType() && id.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()));
            if (id.hasValue() && (typedMr || mrn == null)) {
                mrn = id.getValue().trim();
                if (typedMr) {
                    break;
                }
            }
        }
        if (mrn == null) {
            issues.add(new Issue(at + ".subject", "the referenced Patient has no identifier (MRN)"
                    + mrnSystem.map(s -> " of the system " + s).orElse("")));
        }
        return mrn;
    }
}
