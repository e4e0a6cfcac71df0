package org.chairside.interop;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.chairside.interop.InteropFixture.readingCount;
import static org.chairside.interop.InteropFixture.resource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class FhirResourceTest {
    private static final String FHIR = "application/fhir+json";

    private static Object[] session() {
        return InteropFixture.sessionOpenedAt(Instant.parse("2025-03-01T06:00:00Z"));
    }

    private static ValidatableResponse post(String path, String body) {
        return nurse().contentType(FHIR).body(body).post("/api/fhir/" + path).then();
    }

    /** Posts an Observation that is charted as a reading of its own; the reading's id, from the Location. */
    private static String storedAs(String observation) {
        String location = post("Observation", observation).statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The SpO2 Observation of the same patient and moment as the heart rate fixture, id spo2-7. */
    private static String spo2OfTheSameMoment(String hr, int spo2) {
        return hr.replace("hr-7", "spo2-7").replace("8867-4", "59408-5")
                .replace("{\"value\": 71, \"unit\": \"/min\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"/min\"}",
                        "{\"value\": " + spo2 + ", \"unit\": \"%\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"%\"}");
    }

    @Test
    void bundleWithBloodPressurePanelIsStoredOnce() {
        Object[] s = session();
        String bundle = resource("fhir/vitals-bundle.json").replace("${MRN}", (String) s[1]);
        post("Bundle", bundle).statusCode(200).contentType(containsString(FHIR))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("information"))
                .body("issue[0].diagnostics", containsString("Stored 2 reading"));
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        assertEquals(List.of(182, 104, 92, 96), List.of(r.getInt("[0].systolic"), r.getInt("[0].diastolic"), r.getInt("[0].heartRate"), r.getInt("[0].spo2")));
        assertEquals("FHIR", r.getString("[0].source"));
        assertEquals(36.9f, r.getFloat("[1].temperatureC"));
        post("Bundle", bundle).statusCode(200).body("issue[0].diagnostics", containsString("4 Observation(s) already stored"));
        assertEquals(2, readingCount((long) s[0]));
        // 182/104 hours ago: a HIGH alert, recorded as historical
        nurse().get("/api/alerts?sessionId=" + s[0]).then().body("priority", hasItem("HIGH"))
                .body("historical", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    @Test
    void singleObservationBySubjectIdentifier() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        post("Observation", obs).statusCode(201).header("Location", containsString("/api/readings/"))
                .body("resourceType", equalTo("OperationOutcome"));
        post("Observation", obs).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void errorsAreOperationOutcomesAndStoreNothing() {
        Object[] s = session();
        String bundle = resource("fhir/vitals-bundle.json").replace("${MRN}", (String) s[1]);
        // one bad unit rejects the whole bundle
        post("Bundle", bundle.replace("\"code\": \"%\"", "\"code\": \"kPa\"")).statusCode(422)
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", containsString("'kPa'"))
                .body("issue[0].expression[0]", containsString("Bundle.entry[3].resource.valueQuantity"));
        // implausible value: the core's validation, named
        post("Bundle", bundle.replace("\"value\": 92", "\"value\": 400")).statusCode(422)
                .body("issue[0].diagnostics", containsString("heartRate must be within"));
        // unknown patient
        post("Bundle", bundle.replace((String) s[1], "NO-SUCH-MRN")).statusCode(422)
                .body("issue[0].diagnostics", containsString("no patient with MRN NO-SUCH-MRN"));
        // a code Chairside does not chart
        post("Observation", resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]).replace("8867-4", "29463-7"))
                .statusCode(422).body("issue[0].diagnostics", containsString("29463-7"));
        // missing time, missing subject
        post("Observation", resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1])
                .replace("\"effectiveDateTime\": \"2025-03-01T10:05:00Z\",", "")).statusCode(422)
                .body("issue.expression.flatten()", hasItem("Observation.effective[x]"));
        // malformed JSON, unknown element, wrong resource type
        post("Bundle", "{not json").statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        post("Observation", "{\"resourceType\":\"Observation\",\"sytolic\":1}").statusCode(400).body("issue[0].code", equalTo("structure"));
        post("Bundle", resource("fhir/observation-hr.json")).statusCode(400).body("issue[0].diagnostics", containsString("Expected a Bundle"));
        post("Observation", "").statusCode(400);
        nurse().contentType("text/plain").body(bundle).post("/api/fhir/Bundle").then().statusCode(415)
                .body("resourceType", equalTo("OperationOutcome"));
        assertEquals(0, readingCount((long) s[0]));
        // no open session
        TestClinic.transition((long) s[0], "STOPPED", "left");
        post("Bundle", bundle).statusCode(409).body("issue[0].code", equalTo("conflict"));
    }

    /**
     * The key covered all Observations of a patient at a time together: the SpO2 of the same moment in a second bundle
     * was a second reading, and an Observation of the bundle sent again alone was stored again.
     */
    @Test
    void anObservationOfAMomentAlreadyChartedJoinsItsReadingAndEachIsStoredOnce() {
        Object[] s = session();
        String bundle = resource("fhir/vitals-bundle.json").replace("${MRN}", (String) s[1]);
        int spo2At = bundle.indexOf("\"fullUrl\": \"urn:uuid:0b7e4c4e-2b9e-4f6a-8c1d-7a3e2f9b6d03\"");
        int spo2End = bundle.indexOf("\"fullUrl\": \"urn:uuid:0b7e4c4e-2b9e-4f6a-8c1d-7a3e2f9b6d04\"");
        // BP and heart rate first (the temperature of 09:50 too); the SpO2 of 09:40 comes in the next bundle
        String withoutSpo2 = bundle.substring(0, spo2At) + bundle.substring(spo2End);
        post("Bundle", withoutSpo2).statusCode(200).body("issue[0].diagnostics", containsString("Stored 2 reading(s)"));
        long first = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath().getLong("[0].id");
        post("Bundle", bundle).statusCode(200)
                .body("issue[0].diagnostics", containsString("Stored 0 reading(s), joined 1 to the reading(s) of their time"))
                .body("issue[0].diagnostics", containsString("(amends " + first + ")"))
                .body("issue[0].diagnostics", containsString("3 Observation(s) already stored"));
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        List<Map<String, Object>> current = r.<Map<String, Object>>getList("findAll { !it.amended }");
        assertEquals(2, current.size(), "one reading a time: " + current);
        assertEquals(List.of(182, 104, 92, 96), List.of(current.get(0).get("systolic"), current.get(0).get("diastolic"),
                current.get(0).get("heartRate"), current.get(0).get("spo2")));
        assertEquals((int) first, current.get(0).get("amendsId"));
        assertTrue(((String) current.get(0).get("amendReason")).contains("SpO2 taken at the same time arrived later"), current.toString());
        // the bundle again, and any of its Observations alone: nothing new
        post("Bundle", bundle).statusCode(200).body("issue[0].diagnostics", containsString("Stored 0 reading(s), 4 Observation(s) already stored"));
        String spo2 = bundle.substring(bundle.indexOf("{", bundle.indexOf("\"resource\"", spo2At)), bundle.lastIndexOf("\"request\"", spo2End));
        spo2 = spo2.substring(0, spo2.lastIndexOf('}') + 1).replace("\"reference\": \"urn:uuid:5f1c8a52-3d0b-4b8e-9a57-0c4d1f7e2a11\"",
                "\"identifier\": {\"value\": \"" + s[1] + "\"}");
        post("Observation", spo2).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        assertEquals(3, readingCount((long) s[0]));
    }

    /** An Observation sent alone after the bundle that held it was stored a second time. */
    @Test
    void anObservationOfABundleSentAgainAloneIsAlreadyStoredAndAChangedOneRefused() {
        Object[] s = session();
        String hr = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        String spo2 = spo2OfTheSameMoment(hr, 97);
        post("Bundle", bundleOf(hr, spo2)).statusCode(200).body("issue[0].diagnostics", containsString("Stored 1 reading(s)"));
        post("Observation", spo2).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        post("Observation", hr).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        post("Observation", spo2.replace("\"value\": 97", "\"value\": 90")).statusCode(422)
                .body("issue[0].diagnostics", containsString("with other values"));
        // without an id or identifier an Observation is its patient, vital and time: the same again is stored once
        String anonymousSpo2 = spo2.replace("\"id\": \"spo2-7\",", "");
        post("Observation", anonymousSpo2).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        post("Observation", anonymousSpo2).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        assertEquals(1, readingCount((long) s[0]));
        // a second probe's other SpO2 for the same moment is charted, never dropped: a reading of its own
        post("Observation", spo2.replace("spo2-7", "spo2-probe-2").replace("\"value\": 97", "\"value\": 86")).statusCode(201)
                .body("issue[0].diagnostics", containsString("Stored as reading"));
        assertEquals(2, readingCount((long) s[0]));
        nurse().get("/api/alerts?sessionId=" + s[0]).then().body("condition", hasItem("SPO2_LOW"));
    }

    /** The join goes through the write path: a late low SpO2 raises its alert like any reading. */
    @Test
    void aVitalJoinedLaterIsJudgedByTheRules() {
        Object[] s = session();
        String hr = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        String first = storedAs(hr);
        String spo2 = spo2OfTheSameMoment(hr, 86);
        post("Observation", spo2).statusCode(201).body("issue[0].diagnostics", containsString("Joined to reading " + first));
        nurse().get("/api/alerts?sessionId=" + s[0]).then().body("condition", hasItem("SPO2_LOW"));
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        assertEquals(List.of(71), r.getList("findAll { !it.amended }.heartRate"));
        assertEquals(List.of(86), r.getList("findAll { !it.amended }.spo2"));
    }

    /** A join rebuilt the reading from its measured vitals alone: the oxygen and consciousness a nurse added were lost. */
    @Test
    void aJoinKeepsWhatANurseAddedToTheReading() {
        Object[] s = session();
        String hr = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        String first = storedAs(hr);
        long amended = nurse().body(Map.of("heartRate", 71, "onOxygen", true, "consciousness", "VOICE", "reason", "on 2 l/min, drowsy"))
                .post("/api/readings/" + first + "/amendments").then().statusCode(201).extract().jsonPath().getLong("reading.id");
        String spo2 = spo2OfTheSameMoment(hr, 95);
        post("Observation", spo2).statusCode(201).body("issue[0].diagnostics", containsString("Joined to reading " + amended));
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        assertEquals(List.of(95), r.getList("findAll { !it.amended }.spo2"));
        assertEquals(List.of(true), r.getList("findAll { !it.amended }.onOxygen"));
        assertEquals(List.of("VOICE"), r.getList("findAll { !it.amended }.consciousness"));
    }

    /** A final Observation sent again with a changed value under the same id was answered "Already stored" and dropped. */
    @Test
    void aChangedValueUnderAStoredObservationsIdentityIsRefusedWhateverItsStatus() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        String id = storedAs(obs);
        for (String status : List.of("final", "preliminary")) {
            post("Observation", obs.replace("\"final\"", "\"" + status + "\"").replace("\"value\": 71", "\"value\": 75")).statusCode(422)
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].expression[0]", equalTo("Observation"))
                    .body("issue[0].diagnostics", containsString("was stored as reading " + id + " with other values"))
                    .body("issue[0].diagnostics", containsString("amend reading " + id + " in Chairside"));
        }
        nurse().get("/api/readings/" + id).then().statusCode(200).body("heartRate", equalTo(71));
        assertEquals(1, readingCount((long) s[0]));
    }

    /** A Fahrenheit temperature is stored to a tenth of a degree Celsius: sent again, it is the reading already stored. */
    @Test
    void aDeviceTemperatureSentAgainIsAlreadyStoredThoughItWasRoundedWhenCharted() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1])
                .replace("8867-4", "8310-5")
                .replace("{\"value\": 71, \"unit\": \"/min\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"/min\"}",
                        "{\"value\": 98.7, \"unit\": \"degF\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"[degF]\"}");
        String location = post("Observation", obs).statusCode(201).extract().header("Location");
        nurse().get(location.substring(location.indexOf("/api/"))).then().statusCode(200).body("temperatureC", equalTo(37.1f));
        post("Observation", obs).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        assertEquals(1, readingCount((long) s[0]));
    }

    /** A correction of a stored Observation was answered 200 "Already stored: nothing new" and dropped. */
    @Test
    void aCorrectionOfAStoredObservationIsRefusedNamingTheReadingToAmend() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        String id = storedAs(obs);
        for (String status : List.of("corrected", "amended")) {
            post("Observation", obs.replace("\"final\"", "\"" + status + "\"").replace("\"value\": 71", "\"value\": 75")).statusCode(422)
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].diagnostics", containsString("corrections of an imported reading are not applied from FHIR"))
                    .body("issue[0].diagnostics", containsString("amend reading " + id + " in Chairside"));
        }
        nurse().get("/api/readings/" + id).then().statusCode(200).body("heartRate", equalTo(71));
        // the same values under a corrected status are the reading already stored
        post("Observation", obs.replace("\"final\"", "\"corrected\"")).statusCode(200).body("issue[0].diagnostics", containsString("Already stored"));
        // once the nurse has amended it, the message names the correction, the reading to amend now
        String amendment = nurse().body(Map.of("heartRate", 75, "reason", "corrected by the monitor gateway"))
                .post("/api/readings/" + id + "/amendments").then().statusCode(201).extract().jsonPath().getString("reading.id");
        post("Observation", obs.replace("\"final\"", "\"corrected\"").replace("\"value\": 71", "\"value\": 74")).statusCode(422)
                .body("issue[0].diagnostics", containsString("amend reading " + amendment + " in Chairside"));
        assertEquals(2, readingCount((long) s[0]));
    }

    /** HAPI's parser took minutes over 1e10000000 (it writes the decimal out in full); 4294967416 was charted as 120. */
    @Test
    void aNumberNoVitalCanBeIsRefusedAtOnceNamingTheElement() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> post("Observation", obs.replace("\"value\": 71", "\"value\": 1e10000000"))
                .statusCode(422).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].expression[0]", equalTo("Observation.valueQuantity.value"))
                .body("issue[0].diagnostics", containsString("1e10000000 is not a plausible value")));
        post("Bundle", bundleOf(obs.replace("\"value\": 71", "\"value\": 1E+10000000"))).statusCode(422)
                .body("issue[0].expression[0]", equalTo("Bundle.entry[0].resource.valueQuantity.value"));
        post("Observation", obs.replace("\"value\": 71", "\"value\": 4294967416")).statusCode(422)
                .body("issue[0].expression[0]", equalTo("Observation.valueQuantity.value"))
                .body("issue[0].diagnostics", equalTo("'4294967416' is not a plausible Heart rate: the plausible range is 20-300 /min"));
        assertEquals(0, readingCount((long) s[0]));
    }

    /** "<85" was charted as SpO2 85, 201 "Stored". */
    @Test
    void aValueGivenAsBelowOrAboveANumberIsRefusedAndNothingStored() {
        Object[] s = session();
        String below = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1])
                .replace("\"value\": 71,", "\"value\": 40, \"comparator\": \"<\",");
        post("Observation", below).statusCode(422).contentType(FHIR)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].expression[0]", equalTo("Observation.valueQuantity.comparator"))
                .body("issue[0].diagnostics", containsString("'<' 40"));
        assertEquals(0, readingCount((long) s[0]));
    }

    @Test
    void aBundleForTwoPatientsIsStoredForBothOrForNeither() {
        Object[] first = session();
        Object[] second = session();
        String heartRate = resource("fhir/observation-hr.json");
        String ofFirst = heartRate.replace("${MRN}", (String) first[1]);
        String ofSecond = heartRate.replace("${MRN}", (String) second[1]).replace("hr-7", "hr-8");
        // the second patient's rate is implausible: the first patient's valid one is not stored either
        post("Bundle", bundleOf(ofFirst, ofSecond.replace("\"value\": 71", "\"value\": 400"))).statusCode(422)
                .body("issue[0].diagnostics", containsString("heartRate must be within"));
        assertEquals(0, readingCount((long) first[0]));
        assertEquals(0, readingCount((long) second[0]));
        post("Bundle", bundleOf(ofFirst, ofSecond)).statusCode(200).body("issue[0].diagnostics", containsString("Stored"));
        assertEquals(1, readingCount((long) first[0]));
        assertEquals(1, readingCount((long) second[0]));
    }

    private static String bundleOf(String... resources) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + String.join(",", java.util.Arrays.stream(resources).map(r -> "{\"resource\":" + r + "}").toList()) + "]}";
    }

    @Test
    void rolesForImportAndExport() {
        Object[] s = session();
        String obs = resource("fhir/observation-hr.json").replace("${MRN}", (String) s[1]);
        anonymous().contentType(FHIR).body(obs).post("/api/fhir/Observation").then().statusCode(401);
        TestClinic.admin().contentType(FHIR).body(obs).post("/api/fhir/Observation").then().statusCode(403);
        TestClinic.provider().contentType(FHIR).body(obs).post("/api/fhir/Observation").then().statusCode(201);
        anonymous().get("/api/sessions/" + s[0] + "/fhir").then().statusCode(401);
        TestClinic.admin().get("/api/sessions/" + s[0] + "/fhir").then().statusCode(200);
        nurse().get("/api/sessions/987654321/fhir").then().statusCode(404);
    }

    /**
     * A correction of a correction that moves the time earlier was exported before the correction it corrects (the
     * corrections went out by time) and so lost its derivedFrom: the chain of corrections broke in the bundle.
     */
    @Test
    void everyCorrectionLinksTheObservationItCorrectsWhateverItsTime() {
        long session = TestClinic.infusingSession();
        InteropFixture.openedAt(session, Instant.now().minusSeconds(3600));
        JsonPath charted = TestClinic.chart(session, Map.of("heartRate", 150));
        long wrong = charted.getLong("reading.id");
        String takenAt = charted.getString("reading.takenAt");
        long first = nurse().body(Map.of("heartRate", 75, "reason", "artefact")).post("/api/readings/" + wrong + "/amendments")
                .then().statusCode(201).extract().jsonPath().getLong("reading.id");
        nurse().body(Map.of("heartRate", 76, "takenAt", Instant.parse(takenAt).minusSeconds(60).toString(), "reason", "typed 75, and a minute late"))
                .post("/api/readings/" + first + "/amendments").then().statusCode(201);

        JsonPath b = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> corrections = b.getList("entry.resource.findAll { it.resourceType == 'Observation' && it.note != null "
                + "&& it.note.any { n -> n.text.startsWith('Corrects') } }");
        assertEquals(2, corrections.size(), corrections.toString());
        for (Map<String, Object> c : corrections) {
            assertTrue(c.containsKey("derivedFrom"), "a correction without derivedFrom: " + c);
        }
    }

    @Test
    void theExportedEncounterListsEveryReclinerThePatientSatInWithWhen() {
        long session = TestClinic.infusingSession();
        String first = nurse().get("/api/sessions/" + session).then().extract().jsonPath().getString("recliner.name");
        String second = TestClinic.unique("Second chair");
        long to = TestClinic.admin().body(Map.of("name", second)).post("/api/recliners").then().statusCode(201).extract().jsonPath().getLong("id");
        nurse().body(Map.of("reclinerId", to)).post("/api/sessions/" + session + "/moves").then().statusCode(200);
        // the export's periods are to the second, as its Encounter's own
        Instant movedAt = Instant.parse(nurse().get("/api/sessions/" + session + "/moves").then().extract().jsonPath().getString("[0].at"))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        JsonPath open = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first, second), open.getList("entry.resource.find { it.resourceType == 'Encounter' }.location.location.display"));
        assertEquals(List.of("completed", "active"), open.getList("entry.resource.find { it.resourceType == 'Encounter' }.location.status"));
        List<String> ends = open.getList("entry.resource.find { it.resourceType == 'Encounter' }.location.period.end");
        List<String> starts = open.getList("entry.resource.find { it.resourceType == 'Encounter' }.location.period.start");
        assertEquals(movedAt, Instant.parse(ends.get(0)), "the first chair until the move");
        assertEquals(movedAt, Instant.parse(starts.get(1)), "the second from the move");
        assertNull(ends.get(1), "the chair the patient is in now has no end yet");

        TestClinic.transition(session, "STOPPED", "patient asked to stop");
        JsonPath closed = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("completed", "completed"), closed.getList("entry.resource.find { it.resourceType == 'Encounter' }.location.status"));
    }

    /**
     * An EHR receiving the session learns what the start was judged on (each screening, as answered) and what the pump
     * gave: one MedicationAdministration per stretch at one rate, with the dose for the patient's weight and who set it.
     */
    @Test
    void exportCarriesEveryScreeningAndEachStretchThePumpRan() {
        long session = TestClinic.openUnscreenedSession();
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        TestClinic.screen(session, "uncontrolledHypertension");
        // asked again: last month's reading, treated since
        TestClinic.screen(session);
        TestClinic.transition(session, "INFUSING", null);
        TestClinic.startedAgo(session, 20);
        nurse().body(Map.of("mgPerKgPerHour", 0.375, "reason", "BP 168/98, slowed to half"))
                .post("/api/sessions/" + session + "/rate-changes").then().statusCode(201);

        JsonPath b = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).extract().jsonPath();
        String patient = b.getString("entry.find { it.resource.resourceType == 'Patient' }.fullUrl");
        String encounter = b.getString("entry.find { it.resource.resourceType == 'Encounter' }.fullUrl");
        String screenings = "entry.resource.findAll { it.resourceType == 'QuestionnaireResponse' }";
        assertEquals(List.of("completed", "completed"), b.getList(screenings + ".status"));
        assertEquals(List.of("urn:chairside:questionnaire:contraindication-screening", "urn:chairside:questionnaire:contraindication-screening"),
                b.getList(screenings + ".questionnaire"));
        assertEquals(List.of("UNSTABLE_CARDIOVASCULAR", "ANEURYSMAL_VASCULAR", "UNCONTROLLED_HYPERTENSION", "PSYCHOSIS_OR_MANIA"),
                b.getList(screenings + "[0].item.linkId"));
        assertEquals(List.of(true, false), b.getList(screenings + ".collect { it.item[2].answer[0].valueBoolean }"));
        assertEquals(List.of(List.of(false, false, false, false)), List.of(b.getList(screenings + "[1].item.collect { it.answer[0].valueBoolean }")));
        assertEquals(List.of(patient, patient), b.getList(screenings + ".subject.reference"));
        assertEquals(List.of(encounter, encounter), b.getList(screenings + ".encounter.reference"));
        assertEquals(List.of("nurse", "nurse"), b.getList(screenings + ".author.display"));

        String pump = "entry.resource.findAll { it.resourceType == 'MedicationAdministration' }";
        assertEquals(List.of("completed", "in-progress"), b.getList(pump + ".status"));
        assertEquals(List.of("ketamine", "ketamine"), b.getList(pump + ".medicationCodeableConcept.text"));
        assertEquals(List.of(patient, patient), b.getList(pump + ".subject.reference"));
        assertEquals(List.of(encounter, encounter), b.getList(pump + ".context.reference"));
        assertEquals(List.of("47625008", "47625008"), b.getList(pump + ".dosage.route.collect { it.coding[0].code }"));
        assertEquals(List.of(0.75f, 0.375f), b.getList(pump + ".dosage.rateQuantity.value"));
        assertEquals(List.of("mg/kg/h", "mg/kg/h"), b.getList(pump + ".dosage.rateQuantity.code"));
        // 20 min at 0.75 mg/kg/h: 0.25 mg/kg, 17.5 mg for 70 kg
        assertEquals(17.5, b.getDouble(pump + "[0].dosage.dose.value"), 0.2);
        assertEquals("mg", b.getString(pump + "[0].dosage.dose.code"));
        assertEquals(b.getString(pump + "[0].effectivePeriod.end"), b.getString(pump + "[1].effectivePeriod.start"));
        assertNull(b.get(pump + "[1].effectivePeriod.end"), "the pump still runs at the new rate");
        assertEquals("The protocol's rate: 0.5 mg/kg over 40 min", b.getString(pump + "[0].note[0].text"));
        assertTrue(b.getString(pump + "[1].note[0].text").endsWith("by nurse: BP 168/98, slowed to half"), b.getString(pump + "[1].note[0].text"));
        assertEquals("nurse", b.getString(pump + "[1].performer[0].actor.display"));

        TestClinic.transition(session, "RECOVERY", null);
        JsonPath ended = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("completed", "completed"), ended.getList(pump + ".status"));
        assertTrue(ended.get(pump + "[1].effectivePeriod.end") != null, "the stretch ends with the infusion");
    }

    @Test
    void exportMeetsTheVitalSignsProfileAndLinksAmendments() {
        long session = TestClinic.infusingSession();
        TestClinic.chart(session, Map.of("systolic", 185, "diastolic", 95, "heartRate", 80, "spo2", 97, "respiratoryRate", 14, "temperatureC", 36.8));
        long wrong = TestClinic.chart(session, Map.of("heartRate", 150)).getLong("reading.id");
        nurse().body(Map.of("heartRate", 75, "reason", "artefact: patient moving")).post("/api/readings/" + wrong + "/amendments")
                .then().statusCode(201);
        String alertId = nurse().get("/api/alerts?sessionId=" + session).then().extract().jsonPath().getString("find { it.priority == 'HIGH' && it.state == 'ACTIVE' }.id");
        nurse().body(Map.of("note", "seen")).post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);

        JsonPath b = nurse().get("/api/sessions/" + session + "/fhir").then().statusCode(200).contentType(containsString(FHIR))
                .extract().jsonPath();
        assertEquals("Bundle", b.getString("resourceType"));
        assertEquals("collection", b.getString("type"));
        List<Map<String, Object>> resources = b.getList("entry.resource");
        assertEquals("Patient", resources.get(0).get("resourceType"));
        assertEquals("Encounter", resources.get(1).get("resourceType"));
        assertEquals("in-progress", resources.get(1).get("status"));
        List<Map<String, Object>> observations = b.getList("entry.resource.findAll { it.resourceType == 'Observation' }");
        assertFalse(observations.isEmpty());
        for (Map<String, Object> o : observations) {
            JsonPath j = JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(o).toString());
            // the R4 vital-signs profile's required elements
            assertTrue(List.of("final", "amended", "entered-in-error").contains(j.getString("status")));
            assertEquals("vital-signs", j.getString("category[0].coding[0].code"));
            assertEquals("http://terminology.hl7.org/CodeSystem/observation-category", j.getString("category[0].coding[0].system"));
            assertEquals("http://loinc.org", j.getString("code.coding[0].system"));
            assertTrue(j.getString("subject.reference").startsWith("urn:uuid:"));
            assertTrue(j.getString("effectiveDateTime") != null);
            assertTrue(j.getList("meta.profile").contains("http://hl7.org/fhir/StructureDefinition/vitalsigns"));
            if ("85354-9".equals(j.getString("code.coding[0].code"))) {
                assertEquals(List.of("8480-6", "8462-4"), j.getList("component.collect { it.code.coding[0].code }"));
                assertEquals(List.of("mm[Hg]", "mm[Hg]"), j.getList("component.valueQuantity.code"));
                assertEquals(List.of("http://unitsofmeasure.org", "http://unitsofmeasure.org"), j.getList("component.valueQuantity.system"));
            } else {
                assertTrue(j.get("valueQuantity.value") != null);
                assertEquals("http://unitsofmeasure.org", j.getString("valueQuantity.system"));
                assertTrue(List.of("/min", "%", "Cel").contains(j.getString("valueQuantity.code")));
            }
        }
        String originalHr = b.getString("entry.resource.find { it.resourceType == 'Observation' && it.status == 'entered-in-error' }.id");
        Map<String, Object> amended = b.getMap("entry.resource.find { it.resourceType == 'Observation' && it.status == 'amended' }");
        assertEquals("urn:uuid:" + originalHr, ((Map<?, ?>) ((List<?>) amended.get("derivedFrom")).get(0)).get("reference"));
        assertTrue(amended.get("note").toString().contains("artefact"));
        List<Map<String, Object>> issues = b.getList("entry.resource.findAll { it.resourceType == 'DetectedIssue' }");
        assertFalse(issues.isEmpty());
        Map<String, Object> high = issues.stream().filter(i -> i.get("identifier").toString().contains("value=" + alertId)
                || i.get("identifier").toString().contains("\"value\":\"" + alertId + "\"")).findFirst().orElseThrow();
        assertEquals("high", high.get("severity"));
        assertTrue(high.get("mitigation").toString().contains("seen"));
        assertTrue(high.containsKey("implicated"));
    }
}
