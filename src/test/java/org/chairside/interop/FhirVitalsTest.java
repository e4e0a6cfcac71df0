package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.vitals.ReadingInput;

/** Reading vital-signs Observations, without Quarkus. */
class FhirVitalsTest {
    private static FhirContext ctx;

    @BeforeAll
    static void context() {
        ctx = FhirContext.forR4();
    }

    private static String file(String name) throws Exception {
        try (InputStream in = FhirVitalsTest.class.getResourceAsStream("/interop/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${MRN}", "M-9");
        }
    }

    @Test
    void bundleWithPanelBecomesReadingsByTime() throws Exception {
        Bundle b = ctx.newJsonParser().parseResource(Bundle.class, file("vitals-bundle.json"));
        FhirVitals.Result r = new FhirVitals().read(b);
        assertEquals(List.of(), r.issues());
        assertEquals(1, r.patients().size());
        assertEquals("M-9", r.patients().get(0).mrn());
        List<ReadingInput> in = r.patients().get(0).readings();
        assertEquals(2, in.size());
        assertEquals(Instant.parse("2025-03-01T09:40:00Z"), in.get(0).takenAt());
        assertEquals(List.of(182, 104, 92, 96), List.of(in.get(0).systolic(), in.get(0).diastolic(), in.get(0).heartRate(), in.get(0).spo2()));
        assertEquals(36.9, in.get(1).temperatureC());
        assertTrue(in.get(0).sourceRef().startsWith("fhir:"));
        assertEquals(in.get(0).sourceRef(), new FhirVitals().read(b).patients().get(0).readings().get(0).sourceRef(), "stable key");
    }

    /**
     * Each Observation has a key of its own: its identifiers, else its id, else its patient, vital and time, never its
     * value. The key covered all Observations of the time together, so one sent alone was not recognised.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the same again|-|-|true",
            "another value under the same id|\"value\": 71|\"value\": 75|true",
            "another id|hr-7|hr-8|false",
            "another time|10:05:00Z|10:06:00Z|false",
            "no id: the same vital, patient and time|\"id\": \"hr-7\",|-|true",
            "no id, another value|\"id\": \"hr-7\",|\"value\": 75|true"})
    void anObservationsKeyIsItsOwnIdentity(String name, String from, String to, boolean same) throws Exception {
        String json = file("observation-hr.json");
        String other = "-".equals(from) ? json : json.replace(from, "-".equals(to) ? "" : to);
        if (name.startsWith("no id")) {
            json = json.replace("\"id\": \"hr-7\",", "");
            other = name.endsWith("value") ? json.replace("\"value\": 71", "\"value\": 75") : json;
        }
        ObservationMatch.Sent a = keyOf(json);
        ObservationMatch.Sent b = keyOf(other);
        assertEquals(same, a.key().equals(b.key()), a + " vs " + b);
    }

    private static ObservationMatch.Sent keyOf(String json) {
        FhirVitals.Result r = new FhirVitals().read(ctx.newJsonParser().parseResource(Observation.class, json));
        assertEquals(List.of(), r.issues());
        return r.patients().get(0).observations().get(0).get(0);
    }

    @Test
    void aBundlesObservationsKeepTheirOwnKeysInTheirReading() throws Exception {
        Bundle b = ctx.newJsonParser().parseResource(Bundle.class, file("vitals-bundle.json"));
        FhirVitals.PatientReadings p = new FhirVitals().read(b).patients().get(0);
        assertEquals(List.of(3, 1), p.observations().stream().map(List::size).toList(), "BP, HR and SpO2 at 09:40; the temperature at 09:50");
        Observation hr = (Observation) b.getEntry().get(2).getResource();
        hr.setSubject(new org.hl7.fhir.r4.model.Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("M-9")));
        assertEquals(p.observations().get(0).get(1).key(), new FhirVitals().read(hr).patients().get(0).observations().get(0).get(0).key(),
                "the heart rate alone has the key it has in the bundle");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2025-03-01T10:05:00Z,      2025-03-01T10:05:00Z",
            "2025-03-01T12:05:00+02:00, 2025-03-01T10:05:00Z",
            "2025-03-01T05:05-05:00,    2025-03-01T10:05:00Z",
            "2025-03-01T10:05:00.250Z,  2025-03-01T10:05:00.250Z"})
    void aTimeWithAZoneOffsetIsChartedAtThatInstant(String effective, String instant) throws Exception {
        String json = file("observation-hr.json").replace("2025-03-01T10:05:00Z", effective);
        FhirVitals.Result r = new FhirVitals().read(ctx.newJsonParser().parseResource(Observation.class, json));
        assertEquals(List.of(), r.issues());
        assertEquals(Instant.parse(instant), r.patients().get(0).readings().get(0).takenAt());
    }

    /**
     * A comparator says the value is beyond the number given ("<85": below what the oximeter reads): the number was
     * charted as the value, SpO2 85 where it was lower, without a word.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"<", "<=", ">=", ">"})
    void aValueWithAComparatorIsRefusedNamingIt(String comparator) throws Exception {
        String json = file("observation-hr.json").replace("\"value\": 71,", "\"value\": 71, \"comparator\": \"" + comparator + "\",");
        FhirVitals.Result r = new FhirVitals().read(ctx.newJsonParser().parseResource(Observation.class, json));
        assertEquals(1, r.issues().size(), r.issues().toString());
        assertEquals("Observation.valueQuantity.comparator", r.issues().get(0).expression());
        assertTrue(r.issues().get(0).message().contains("'" + comparator + "' 71"), r.issues().toString());
    }

    /**
     * A transaction's DELETE (or any entry without a resource) was left out and the answer said "Stored": the sender
     * believed the Observation deleted. Chairside erases nothing; the entry is an issue naming it.
     */
    @Test
    void aBundleEntryWithoutAResourceIsAnIssueNamingIt() throws Exception {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":" + file("observation-hr.json") + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}},"
                + "{\"request\":{\"method\":\"DELETE\",\"url\":\"Observation/hr-6\"}}]}";
        FhirVitals.Result r = new FhirVitals().read(ctx.newJsonParser().parseResource(Bundle.class, bundle));
        assertEquals(1, r.issues().size(), r.issues().toString());
        assertEquals("Bundle.entry[1].request", r.issues().get(0).expression());
        assertTrue(r.issues().get(0).message().contains("DELETE Observation/hr-6"), r.issues().toString());
    }

    /** With the clinic's MRN system configured, another organisation's number never names a patient. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the clinic's system|urn:oid:1.2.3.4.5|M-9|",
            "another system|urn:oid:9.9.9|-|Observation.subject.identifier.system: must be urn:oid:1.2.3.4.5, the system of the clinic's MRNs (not urn:oid:9.9.9)"})
    void theClinicsMrnSystemDecidesWhoASubjectIdentifierNames(String name, String system, String mrn, String issue) throws Exception {
        String json = file("observation-hr.json").replace("urn:oid:1.2.3.4.5", system);
        FhirVitals.Result r = new FhirVitals(java.util.Optional.of("urn:oid:1.2.3.4.5"))
                .read(ctx.newJsonParser().parseResource(Observation.class, json));
        assertEquals(issue == null ? List.of() : List.of(issue), r.issues().stream().map(i -> i.expression() + ": " + i.message()).toList());
        assertEquals("-".equals(mrn) ? List.of() : List.of(mrn), r.patients().stream().map(FhirVitals.PatientReadings::mrn).toList());
    }

    @Test
    void aBundledPatientIsFoundByTheIdentifierOfTheClinicsMrnSystemWhateverComesFirst() throws Exception {
        String json = file("vitals-bundle.json").replace("\"identifier\": [{\"type\"",
                "\"identifier\": [{\"system\": \"urn:oid:7.7\", \"value\": \"H-1\"}, {\"type\"");
        Bundle b = ctx.newJsonParser().parseResource(Bundle.class, json);
        assertEquals("M-9", new FhirVitals(java.util.Optional.of("urn:oid:1.2.3.4.5")).read(b).patients().get(0).mrn());
        FhirVitals.Result other = new FhirVitals(java.util.Optional.of("urn:oid:8.8")).read(b);
        assertEquals(List.of(), other.patients());
        assertTrue(other.issues().get(0).message().endsWith("has no identifier (MRN) of the system urn:oid:8.8"), other.issues().toString());
    }

    /** HAPI's parser writes a decimal out in full: 1e10000000 took minutes there, so such numbers are found first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e10000000}}|Observation.valueQuantity.value|1e10000000",
            "{\"resourceType\":\"Bundle\",\"entry\":[{},{\"resource\":{\"component\":[{\"valueQuantity\":{\"value\":-1E-999999}}]}}]}"
                    + "|Bundle.entry[1].resource.component[0].valueQuantity.value|-1E-999999",
            "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":4294967416}}||",
            "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e10000000|Observation.valueQuantity.value|1e10000000",
            "{not json||"})
    void numbersTooLargeToParseAreFoundBeforeTheParser(String json, String expression, String text) {
        String root = json.contains("Bundle") ? "Bundle" : "Observation";
        FhirNumbers.Unreadable found = FhirNumbers.firstUnreadable(json, root);
        assertEquals(expression, found == null ? null : found.expression());
        assertEquals(text, found == null ? null : found.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"code\": \"8867-4\"|\"code\": \"29463-7\"|.code|not a vital",
            "\"code\": \"/min\"|\"code\": \"kPa\"|.valueQuantity.code|not accepted",
            "\"status\": \"final\"|\"status\": \"cancelled\"|.status|must be one of",
            "\"effectiveDateTime\": \"2025-03-01T10:05:00Z\",||.effective[x]|is required",
            // read in the server's zone, a monitor's local time was charted hours off
            "2025-03-01T10:05:00Z|2025-03-01T10:05:00|.effective[x]|must give a zone offset (Z or +hh:mm) with its time ('2025-03-01T10:05:00')",
            "2025-03-01T10:05:00Z|2025-03-01|.effective[x]|must give the time of day with a zone offset, not only a date ('2025-03-01')",
            "2025-03-01T10:05:00Z|2025-03|.effective[x]|not only a date",
            "\"effectiveDateTime\": \"2025-03-01T10:05:00Z\"|\"effectivePeriod\": {\"start\": \"2025-03-01T10:05:00\"}|.effective[x]|must give a zone offset",
            "\"value\": \"${MRN}\"|\"value\": \"\"|.subject|names no patient",
            // beyond an int: intValue() kept the low 32 bits and charted 120
            "\"value\": 71|\"value\": 4294967416|.valueQuantity.value|is not a plausible Heart rate: the plausible range is 20-300 /min",
            "\"value\": 71|\"value\": -4294967176|.valueQuantity.value|is not a plausible Heart rate",
            "\"value\": 71|\"value\": 1e-30|.valueQuantity.value|is not a plausible Heart rate"})
    void observationIssues(String from, String to, String expression, String message) throws Exception {
        String json = file("observation-hr.json").replace(from.replace("${MRN}", "M-9"), to == null ? "" : to);
        Observation o = ctx.newJsonParser().parseResource(Observation.class, json);
        FhirVitals.Result r = new FhirVitals().read(o);
        assertEquals(1, r.issues().size(), r.issues().toString());
        assertEquals("Observation" + expression, r.issues().get(0).expression());
        assertTrue(r.issues().get(0).message().contains(message), r.issues().toString());
    }
}
