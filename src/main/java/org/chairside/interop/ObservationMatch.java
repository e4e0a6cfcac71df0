package org.chairside.interop;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chairside.rules.Vital;
import org.chairside.rules.VitalSigns;

/**
 * How the FHIR Observations of one patient at one time meet what the session already holds. A gateway identifies each
 * Observation on its own (its identifiers, else its id, else patient, vital and time) and sends them as they come: the
 * blood pressure and heart rate in one bundle, the SpO2 of the same moment in the next. So each Observation is judged
 * by itself:
 * <ol>
 * <li>its key already stored: the same values are the Observation already stored (nothing to do); other values are
 * refused, the nurse amends the reading (a FHIR status carries no reason);</li>
 * <li>a current FHIR reading of that time already holds its values (sent again under another identity, or keyed
 * before keys were per Observation): already stored, and its key now names that reading;</li>
 * <li>the rest, together: joined to the first current FHIR reading of that time that holds none of their vitals (an
 * amendment, so what was charted when stays visible), else a reading of their own, as HL7 charts a second device's
 * values for the same time. A value that disagrees with one stored for the moment is never dropped: a second probe's
 * low SpO2 is charted and judged by the rules.</li>
 * </ol>
 * Pure: no framework, table-tested.
 */
final class ObservationMatch {
    private ObservationMatch() {
    }

    /**
     * One Observation as read: its key, its values as stored, where it is in the request, whether its status says it
     * corrects, and how a person recognises it (identifier or id; empty when it has neither).
     */
    record Sent(String key, Map<Vital, Number> values, String where, boolean correction, String label) {
    }

    /** The reading a stored key names, as it was stored, and the current reading of its chain of amendments. */
    record Keyed(long readingId, long currentId, VitalSigns vitals) {
    }

    /** A current FHIR reading of the session taken at the Observations' time. */
    record Held(long readingId, VitalSigns vitals) {
    }

    /**
     * @param alreadyStored Observations that are readings already stored
     * @param refused       Observations stored before with other values
     * @param newKeys       keys of Observations already stored under another key, with the reading that holds them
     * @param fresh         Observations to chart: joined to {@code joinTo}, or a reading of their own when it is null
     */
    record Outcome(int alreadyStored, List<FhirVitals.Issue> refused, Map<String, Long> newKeys, List<Sent> fresh, Long joinTo) {
        /** The values of the fresh Observations, as one reading's. */
        Map<Vital, Number> freshValues() {
            Map<Vital, Number> v = new EnumMap<>(Vital.class);
            fresh.forEach(s -> v.putAll(s.values()));
            return v;
        }
    }

    static Outcome match(List<Sent> sent, Map<String, Keyed> stored, List<Held> atSameTime) {
        int already = 0;
        List<FhirVitals.Issue> refused = new ArrayList<>();
        Map<String, Long> newKeys = new LinkedHashMap<>();
        List<Sent> fresh = new ArrayList<>();
        for (Sent s : sent) {
            Keyed k = stored.get(s.key());
            if (k != null) {
                if (holds(k.vitals(), s.values())) {
                    already++;
                } else {
                    refused.add(refusal(s, k));
                }
                continue;
            }
            Held same = atSameTime.stream().filter(h -> holds(h.vitals(), s.values())).findFirst().orElse(null);
            if (same != null) {
                already++;
                newKeys.put(s.key(), same.readingId());
            } else {
                fresh.add(s);
            }
        }
        Long joinTo = null;
        if (!fresh.isEmpty()) {
            Map<Vital, Number> values = new EnumMap<>(Vital.class);
            fresh.forEach(s -> values.putAll(s.values()));
            joinTo = atSameTime.stream().filter(h -> values.keySet().stream().allMatch(v -> h.vitals().value(v) == null))
                    .map(Held::readingId).findFirst().orElse(null);
        }
        return new Outcome(already, refused, newKeys, fresh, joinTo);
    }

    /** Whether a reading holds every one of these values (as stored: whole numbers, a temperature to a tenth). */
    static boolean holds(VitalSigns reading, Map<Vital, Number> values) {
        return values.entrySet().stream().allMatch(e -> reading.value(e.getKey()) != null
                && reading.value(e.getKey()) == e.getValue().doubleValue());
    }

    private static FhirVitals.Issue refusal(Sent s, Keyed k) {
        String what = s.correction()
                ? "corrections of an imported reading are not applied from FHIR: this Observation"
                : "an Observation with these identifiers and this time";
        return new FhirVitals.Issue(s.where(), what + " was stored as reading " + k.readingId() + " with other values; amend reading "
                + k.currentId() + " in Chairside (POST /api/readings/" + k.currentId() + "/amendments, with the reason)");
    }
}
