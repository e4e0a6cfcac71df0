package org.chairside.interop;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.PV1;

import org.chairside.rules.Vital;
import org.chairside.vitals.ReadingInput;

/**
 * Reads an ORU^R01 (IHE PCD-01 style): the patient's MRN (PID-3), the location (PV1-3), and one reading per
 * observation time (OBX-14), each value mapped through the code table with its unit checked. Device rows
 * (OBX-11 = X) are skipped. Pure: no framework; HAPI only for the message structure.
 */
public final class OruMapper {
    private static final Pattern TS = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    /** What the message says, or why it cannot be charted. */
    public record Content(String controlId, String mrn, List<String> locations, List<ReadingInput> readings, List<String> errors) {
    }

    private final Hl7Codes codes;
    private final ZoneId zone;
    private final Optional<String> authority;

    /** @param zone the zone of times sent without an offset */
    public OruMapper(Hl7Codes codes, ZoneId zone) {
        this(codes, zone, Optional.empty());
    }

    /**
     * @param authority the clinic's assigning authority (PID-3.4): when set, only identifiers it assigned are MRNs,
     *                  so that a gateway's PID-3 may carry a hospital's identifiers beside the clinic's
     */
    public OruMapper(Hl7Codes codes, ZoneId zone, Optional<String> authority) {
        this.codes = codes;
        this.zone = zone;
        this.authority = authority.map(String::strip).filter(a -> !a.isEmpty());
    }

    public Content map(ORU_R01 msg) throws HL7Exception {
        String controlId = msg.getMSH().getMessageControlID().getValue();
        List<String> errors = new ArrayList<>();
        if (msg.getPATIENT_RESULTReps() != 1) {
            errors.add("one patient per message: found " + msg.getPATIENT_RESULTReps() + " PATIENT_RESULT groups");
        }
        ORU_R01_PATIENT_RESULT pr = msg.getPATIENT_RESULT();
        PID pid = pr.getPATIENT().getPID();
        List<String[]> sent = mrns(pid, Optional.empty());
        List<String[]> ids = authority.isPresent() ? mrns(pid, authority) : sent;
        String mrn = ids.size() == 1 ? ids.get(0)[0] : null;
        if (sent.isEmpty()) {
            errors.add("PID-3: no patient identifier (MRN)");
        } else if (ids.isEmpty()) {
            errors.add("PID-3 holds no identifier from the clinic's assigning authority " + authority.get() + " (found "
                    + String.join(", ", sent.stream().map(id -> id[0] + (id[1] == null ? " without an authority" : " from " + id[1])).toList())
                    + ")");
        } else if (ids.size() > 1) {
            // Which authority is the clinic's is not known here: the first of them was charted, another clinic's MRN
            // on whichever local patient has the same one.
            errors.add("PID-3 holds several patient identifiers (" + String.join(", ", ids.stream()
                    .map(id -> id[0] + (id[1] == null ? "" : " from " + id[1])).toList())
                    + "): send only the clinic's MRN, typed MR");
        }
        PV1 pv1 = pr.getPATIENT().getVISIT().getPV1();
        List<String> locations = new ArrayList<>();
        for (String s : new String[] {pv1.getAssignedPatientLocation().getPointOfCare().getValue(),
                pv1.getAssignedPatientLocation().getRoom().getValue(), pv1.getAssignedPatientLocation().getBed().getValue()}) {
            if (s != null && !s.isBlank()) {
                locations.add(s.trim());
            }
        }
        // observation time -> vital -> (value, rank)
        Map<Instant, Map<Vital, Number[]>> byTime = new LinkedHashMap<>();
        int obxCount = 0;
        for (int o = 0; o < pr.getORDER_OBSERVATIONReps(); o++) {
            ORU_R01_ORDER_OBSERVATION order = pr.getORDER_OBSERVATION(o);
            String obrTime = order.getOBR().getObservationDateTime().getTime().getValue();
            for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
                ORU_R01_OBSERVATION obs = order.getOBSERVATION(i);
                OBX obx = obs.getOBX();
                obxCount++;
                String where = "OBX " + (obx.getSetIDOBX().getValue() == null ? obxCount : obx.getSetIDOBX().getValue());
                String status = obx.getObservationResultStatus().getValue();
                status = status == null ? "" : status.trim().toUpperCase();
                if (status.equals("X") || status.equals("N")) {
                    continue; // device rows (X) and "not asked" (N): nothing to chart
                }
                String retraction = RETRACTIONS.get(status);
                if (retraction != null) {
                    // Charted as a reading of its own (C) or skipped with AA (D, W), the sender believed the record
                    // corrected. Nothing charted is erased or replaced without a reason: a nurse amends it.
                    errors.add(where + ": OBX-11 '" + status + "' (" + retraction + ") is not applied from HL7: Chairside keeps "
                            + "what was charted, and a nurse amends the reading in Chairside (POST /api/readings/{id}/amendments, "
                            + "with the reason)");
                    continue;
                }
                String code = obx.getObservationIdentifier().getIdentifier().getValue();
                String codeText = obx.getObservationIdentifier().getText().getValue();
                Hl7Codes.Mapping mapping = codes.lookup(code);
                if (mapping == null) {
                    errors.add(where + ": unknown observation code " + code + (codeText == null ? "" : " (" + codeText + ")")
                            + " in OBX-3; map it with chairside.hl7.codes.\"" + code + "\"=<vital or IGNORE>");
                    continue;
                }
                if (mapping.field() == ImportField.IGNORE) {
                    continue;
                }
                Vital vital = mapping.field().vital();
                if (obx.getObservationValueReps() > 1) {
                    // only the first was charted, the others dropped without a word
                    errors.add(where + ": OBX-5 holds " + obx.getObservationValueReps() + " values (" + clip(repetitions(obx))
                            + "): one observation has one value");
                    continue;
                }
                String raw = value(obx);
                if (raw == null || raw.isBlank()) {
                    errors.add(where + ": OBX-5 has no value for " + vital.label());
                    continue;
                }
                BigDecimal number;
                try {
                    number = DeviceNumber.parse(raw);
                } catch (DeviceNumber.Refused e) {
                    errors.add(where + ": OBX-5 '" + clip(raw) + "' " + (e.refusal() == DeviceNumber.Refusal.NOT_A_NUMBER
                            ? "is not a number" : DeviceNumber.implausible(vital)));
                    continue;
                }
                List<String> units = new ArrayList<>();
                for (String u : new String[] {obx.getUnits().getIdentifier().getValue(), obx.getUnits().getText().getValue()}) {
                    if (u != null && !u.isBlank()) {
                        units.add(u);
                    }
                }
                Number converted = Hl7Codes.convert(vital, number, units);
                if (converted == null) {
                    errors.add(where + ": unit " + (units.isEmpty() ? "(none)" : units.get(0)) + " in OBX-6 is not accepted for "
                            + vital.label() + "; expected " + Hl7Codes.expectedUnits(vital));
                    continue;
                }
                String ts = obx.getDateTimeOfTheObservation().getTime().getValue();
                if (ts == null || ts.isBlank()) {
                    ts = obrTime;
                }
                Instant at = ts == null || ts.isBlank() ? null : time(ts);
                if (at == null) {
                    errors.add(where + ": OBX-14 (observation time) is " + (ts == null || ts.isBlank() ? "missing (and OBR-7 too)" : "not a valid time: " + ts));
                    continue;
                }
                Map<Vital, Number[]> set = byTime.computeIfAbsent(at, k -> new EnumMap<>(Vital.class));
                Number[] prev = set.get(vital);
                if (prev == null || mapping.rank() < prev[1].intValue()) {
                    set.put(vital, new Number[] {converted, mapping.rank()});
                } else if (mapping.rank() == prev[1].intValue() && !prev[0].equals(converted)) {
                    errors.add(where + ": a second, different " + vital.label() + " (" + converted + " vs " + prev[0] + ") at " + at);
                }
            }
        }
        List<ReadingInput> readings = new ArrayList<>();
        byTime.forEach((at, v) -> readings.add(keyed(new ReadingInput(at, intOf(v, Vital.SYSTOLIC), intOf(v, Vital.DIASTOLIC),
                intOf(v, Vital.HEART_RATE), intOf(v, Vital.SPO2), intOf(v, Vital.RESPIRATORY_RATE),
                v.containsKey(Vital.TEMPERATURE) ? v.get(Vital.TEMPERATURE)[0].doubleValue() : null, null), controlId, mrn)));
        if (readings.isEmpty() && errors.isEmpty()) {
            // HAPI leaves an OBX that follows no OBR outside every group: "every OBX is a device row" sent the
            // integrator looking in the wrong place
            errors.add(obxCount == 0 ? "no OBX follows an OBR: ORU^R01 carries its observations in order groups, each an OBR "
                    + "and then its OBX segments" : "the message has no observation to chart (every OBX is a device row or ignored)");
        }
        return new Content(controlId, mrn, locations, readings, errors);
    }

    /**
     * The reading with its idempotency key. Monitors occasionally omit MSH-10: keyed by the time alone, a second
     * device's values for the patient at that time were answered AA "already stored" and lost. Without a control id
     * the key is what the message says (patient, time, values): sent again it is stored once, and other values for
     * the same time are a reading of their own.
     */
    static ReadingInput keyed(ReadingInput r, String controlId, String mrn) {
        String key = controlId != null && !controlId.isBlank() ? sourceRef(controlId, r.takenAt())
                : "hl7:content:" + CsvRowReader.sha256(mrn + "|" + r.takenAt() + "|" + r.systolic() + "|" + r.diastolic() + "|"
                        + r.heartRate() + "|" + r.spo2() + "|" + r.respiratoryRate() + "|" + r.temperatureC());
        return new ReadingInput(r.takenAt(), r.systolic(), r.diastolic(), r.heartRate(), r.spo2(), r.respiratoryRate(), r.temperatureC(), key);
    }

    /**
     * The key of a message with a control id: the control id and the observation time, readable in the database for
     * ids of the usual length. A control id too long for the key's 200 characters (HL7 allows 199) is hashed, so the
     * message is still charted, and still only once.
     */
    static String sourceRef(String controlId, Instant at) {
        String id = controlId == null ? "" : controlId;
        String readable = "hl7:" + id + ":" + at;
        return readable.length() <= ReadingInput.MAX_SOURCE_REF ? readable : "hl7:sha256:" + CsvRowReader.sha256(id) + ":" + at;
    }

    /** A value quoted back in an ACK: enough to recognise it, not a megabyte of digits. */
    private static String clip(String raw) {
        String s = raw.strip();
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Integer intOf(Map<Vital, Number[]> v, Vital vital) {
        return v.containsKey(vital) ? v.get(vital)[0].intValue() : null;
    }

    /**
     * PID-3's candidates for the MRN, each {id, assigning authority or null}: of those the clinic's authority assigned
     * (when one is configured, whatever their type), the identifiers typed MR, else all of them; one id sent by several
     * authorities counts once. More than one is ambiguous.
     */
    static List<String[]> mrns(PID pid, Optional<String> clinic) throws HL7Exception {
        Map<String, String[]> typedMr = new LinkedHashMap<>();
        Map<String, String[]> any = new LinkedHashMap<>();
        for (CX cx : pid.getPatientIdentifierList()) {
            String id = cx.getIDNumber().getValue();
            if (id == null || id.isBlank()) {
                continue;
            }
            String type = cx.getIdentifierTypeCode().getValue();
            String authority = cx.getAssigningAuthority().getNamespaceID().getValue();
            String[] candidate = {id.trim(), authority == null || authority.isBlank() ? null : authority.trim()};
            if (clinic.isPresent() && !clinic.get().equalsIgnoreCase(candidate[1])) {
                continue;
            }
            if ("MR".equalsIgnoreCase(type)) {
                typedMr.putIfAbsent(candidate[0], candidate);
            }
            any.putIfAbsent(candidate[0], candidate);
        }
        return new ArrayList<>((typedMr.isEmpty() ? any : typedMr).values());
    }

    /** OBX-11 codes that ask to correct or withdraw what was sent before, with what they mean. */
    private static final Map<String, String> RETRACTIONS = Map.of("C", "a correction", "D", "a deletion", "W", "posted as wrong");

    private static String repetitions(OBX obx) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < obx.getObservationValueReps(); i++) {
            Type t = obx.getObservationValue(i);
            try {
                all.add((t instanceof Varies v ? v.getData() : t).encode());
            } catch (HL7Exception e) {
                all.add("?");
            }
        }
        return String.join("~", all);
    }

    private static String value(OBX obx) {
        if (obx.getObservationValueReps() == 0) {
            return null;
        }
        Type t = obx.getObservationValue(0);
        if (t instanceof Varies v) {
            t = v.getData();
        }
        try {
            return t.encode();
        } catch (HL7Exception e) {
            return null;
        }
    }

    /** An HL7 DTM (YYYYMMDDHHMM[SS[.S...]][+/-ZZZZ]); without an offset, in the configured zone. */
    Instant time(String ts) {
        Matcher m = TS.matcher(ts.trim());
        if (!m.matches() || m.group(5) == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000").substring(0, 3)) * 1_000_000);
            if (m.group(8) != null) {
                return OffsetDateTime.of(local, ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3))).toInstant();
            }
            return local.atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
