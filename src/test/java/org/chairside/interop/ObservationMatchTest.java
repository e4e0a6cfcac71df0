package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.Vital;
import org.chairside.rules.VitalSigns;

/**
 * What the Observations of one time are against what the session holds, without Quarkus. A stored reading 1 holds
 * BP 182/104 and HR 92 (keys bp and hr); a table row says what is sent (key=VITAL:value;...), which keys are stored
 * and which current FHIR readings of that time there are, and what comes out.
 */
class ObservationMatchTest {
    private static final VitalSigns BP_HR = new VitalSigns(182, 104, 92, null, null, null);
    private static final VitalSigns SPO2_95 = new VitalSigns(null, null, null, 95, null, null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | sent | keys stored | readings held at that time | already stored | refused | new keys | fresh | joins
            "the bundle sent again|bp=SYSTOLIC:182,DIASTOLIC:104;hr=HEART_RATE:92|bp,hr|1|2|0|-|-|-",
            "one Observation of the bundle sent again alone|hr=HEART_RATE:92|bp,hr|1|1|0|-|-|-",
            "SpO2 of the same moment in a second bundle joins|spo2=SPO2:96|bp,hr|1|0|0|-|spo2|1",
            "its resend and a new vital: the new one joins|hr=HEART_RATE:92;spo2=SPO2:96|bp,hr|1|1|0|-|spo2|1",
            "a stored Observation with another value is refused|hr=HEART_RATE:95|bp,hr|1|0|1|-|-|-",
            "another identity with the values held is the reading stored|hr2=HEART_RATE:92|bp,hr|1|1|0|hr2->1|-|-",
            "keyed before keys were per Observation: recognised by its values|bp=SYSTOLIC:182,DIASTOLIC:104|-|1|1|0|bp->1|-|-",
            "another identity with another value for a vital held: a reading of its own|hr2=HEART_RATE:95|bp,hr|1|0|0|-|hr2|-",
            "a new vital beside one that disagrees: together a reading of their own|hr2=HEART_RATE:95;spo2=SPO2:96|bp,hr|1|0|0|-|hr2,spo2|-",
            "the first reading of the time lacking them all is joined|hr2=HEART_RATE:95|bp,hr|1,2|0|0|-|hr2|2",
            "a reading that holds part of them is not joined|bp2=SYSTOLIC:120,DIASTOLIC:80;rr=RESPIRATORY_RATE:14|-|2|0|0|-|bp2,rr|2",
            "nothing held at that time: a reading of its own|spo2=SPO2:96|-|-|0|0|-|spo2|-",
            "a temperature compares as stored|t=TEMPERATURE:36.8|-|3|1|0|t->3|-|-"})
    void match(String name, String sent, String storedKeys, String held, int already, int refused, String newKeys, String fresh, String joins) {
        List<ObservationMatch.Sent> in = new ArrayList<>();
        for (String one : sent.split(";")) {
            String[] kv = one.split("=");
            Map<Vital, Number> values = new EnumMap<>(Vital.class);
            for (String v : kv[1].split(",")) {
                String[] p = v.split(":");
                Vital vital = Vital.valueOf(p[0]);
                values.put(vital, vital == Vital.TEMPERATURE ? (Number) Double.valueOf(p[1]) : (Number) Integer.valueOf(p[1]));
            }
            in.add(new ObservationMatch.Sent(kv[0], values, "Observation", false, kv[0]));
        }
        Map<String, ObservationMatch.Keyed> stored = new HashMap<>();
        if (!"-".equals(storedKeys)) {
            for (String k : storedKeys.split(",")) {
                stored.put(k, new ObservationMatch.Keyed(1, 1, BP_HR));
            }
        }
        Map<Long, VitalSigns> readings = Map.of(1L, BP_HR, 2L, SPO2_95, 3L, new VitalSigns(null, null, null, null, null, 36.8));
        List<ObservationMatch.Held> atSameTime = "-".equals(held) ? List.of()
                : java.util.Arrays.stream(held.split(",")).map(Long::valueOf).map(id -> new ObservationMatch.Held(id, readings.get(id))).toList();

        ObservationMatch.Outcome o = ObservationMatch.match(in, stored, atSameTime);

        assertEquals(already, o.alreadyStored(), "already stored");
        assertEquals(refused, o.refused().size(), "refused");
        assertEquals(newKeys, o.newKeys().isEmpty() ? "-" : String.join(",", o.newKeys().entrySet().stream().map(e -> e.getKey() + "->" + e.getValue()).toList()));
        assertEquals(fresh, o.fresh().isEmpty() ? "-" : String.join(",", o.fresh().stream().map(ObservationMatch.Sent::key).toList()));
        assertEquals(joins, o.joinTo() == null ? "-" : String.valueOf(o.joinTo()));
    }
}
