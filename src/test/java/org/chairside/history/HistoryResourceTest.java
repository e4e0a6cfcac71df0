package org.chairside.history;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class HistoryResourceTest {

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static JsonPath session(long id) {
        return nurse().get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A discharged session whose peak BP is 176/104 (the amended 199/99 does not count) with two alerts. */
    private static long dischargedSession() {
        long id = TestClinic.infusingSession();
        TestClinic.chart(id, Map.of("systolic", 176, "diastolic", 104));
        long typo = TestClinic.chart(id, Map.of("systolic", 199, "diastolic", 99)).getLong("reading.id");
        nurse().body(Map.of("systolic", 150, "diastolic", 95, "reason", "typo")).post("/api/readings/" + typo + "/amendments")
                .then().statusCode(201);
        TestClinic.chart(id, Map.of("systolic", 130, "diastolic", 85));
        TestClinic.transition(id, "RECOVERY", null);
        TestClinic.discharge(id);
        return id;
    }

    @Test
    void searchByMrnFindsTheClosedSessionWithPeakBpAndAlertCount() {
        long id = dischargedSession();
        JsonPath s = session(id);
        long alerts = nurse().get("/api/alerts?sessionId=" + id).then().extract().jsonPath().getList("$").size();
        nurse().get("/api/history/sessions?q=" + s.getString("patient.mrn"))
                .then().statusCode(200)
                .body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(20)).body("totalPages", equalTo(1))
                .body("items[0].id", equalTo((int) id))
                .body("items[0].state", equalTo("DISCHARGED"))
                .body("items[0].patient.mrn", equalTo(s.getString("patient.mrn")))
                .body("items[0].recliner.name", equalTo(s.getString("recliner.name")))
                .body("items[0].peakBp.systolic", equalTo(176))
                .body("items[0].peakBp.diastolic", equalTo(104))
                .body("items[0].alertCount", equalTo((int) alerts))
                .body("items[0].stopReason", nullValue());
        // By family name, case-insensitive, and by "given family".
        nurse().get("/api/history/sessions?q=" + s.getString("patient.familyName").toUpperCase())
                .then().statusCode(200).body("items.id", contains((int) id));
        nurse().get("/api/history/sessions?q=Test " + s.getString("patient.familyName"))
                .then().statusCode(200).body("items.id", contains((int) id));
    }

    @Test
    void outcomeReclinerAndDatesFilter() {
        long discharged = dischargedSession();
        long stopped = TestClinic.openSession();
        TestClinic.transition(stopped, "STOPPED", "patient felt unwell");
        long open = TestClinic.openSession();
        long recliner = session(discharged).getLong("recliner.id");

        nurse().get("/api/history/sessions?outcome=STOPPED&size=100").then().statusCode(200)
                .body("items.id", hasItem((int) stopped)).body("items.id", not(hasItem((int) discharged)))
                .body("items.find { it.id == " + stopped + " }.stopReason", equalTo("patient felt unwell"));
        nurse().get("/api/history/sessions?outcome=discharged&size=100").then().statusCode(200)
                .body("items.id", hasItem((int) discharged)).body("items.id", not(hasItem((int) stopped)));
        // an open session is neither, and the total counts what the pages list
        nurse().get("/api/history/sessions?outcome=STOPPED&size=100").then().statusCode(200).body("items.id", not(hasItem((int) open)));
        nurse().get("/api/history/sessions?outcome=DISCHARGED&size=100").then().statusCode(200).body("items.id", not(hasItem((int) open)));
        nurse().get("/api/history/sessions?outcome=DISCHARGED&reclinerId=" + recliner).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) discharged));
        nurse().get("/api/history/sessions?outcome=STOPPED&reclinerId=" + recliner).then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty());
        // The default lists closed sessions only; OPEN and ANY include the open one.
        nurse().get("/api/history/sessions?size=100").then().statusCode(200)
                .body("items.id", hasItem((int) stopped)).body("items.id", not(hasItem((int) open)));
        nurse().get("/api/history/sessions?outcome=OPEN&size=100").then().statusCode(200)
                .body("items.id", hasItem((int) open)).body("items.id", not(hasItem((int) stopped)));
        nurse().get("/api/history/sessions?reclinerId=" + recliner).then().statusCode(200)
                .body("items.id", contains((int) discharged));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        nurse().get("/api/history/sessions?reclinerId=" + recliner + "&from=" + today + "&to=" + today + "&tz=UTC")
                .then().statusCode(200).body("items.id", contains((int) discharged));
        nurse().get("/api/history/sessions?reclinerId=" + recliner + "&from=" + tomorrow + "&tz=UTC")
                .then().statusCode(200).body("total", equalTo(0)).body("items", empty());
        nurse().get("/api/history/sessions?reclinerId=" + recliner + "&to=" + yesterday + "&tz=UTC")
                .then().statusCode(200).body("total", equalTo(0));
        nurse().get("/api/history/sessions?reclinerId=" + recliner + "&from=2000-01-01T00:00:00Z")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void pagesAreCountedOnTheServer() {
        long patient = TestClinic.newPatient();
        long recliner = TestClinic.newRecliner();
        for (int i = 0; i < 5; i++) {
            long id = nurse().body(Map.of("patientId", patient, "reclinerId", recliner, "weightKg", 70,
                            "protocol", Map.of("drug", "ketamine", "doseMgPerKg", 0.5, "plannedMinutes", 40)))
                    .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
            TestClinic.transition(id, "STOPPED", "test " + i);
        }
        nurse().get("/api/history/sessions?patientId=" + patient + "&size=2&page=0").then().statusCode(200)
                .body("total", equalTo(5)).body("totalPages", equalTo(3)).body("items", hasSize(2));
        nurse().get("/api/history/sessions?patientId=" + patient + "&size=2&page=2").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].stopReason", equalTo("test 0"));
        nurse().get("/api/history/sessions?patientId=" + patient + "&size=2&page=3").then().statusCode(200)
                .body("total", equalTo(5)).body("items", empty());
    }

    @Test
    void partOfANameFindsEveryMatchingPatientsSessionsCaseInsensitivelyWithPagesAndTotals() {
        String part = "Qx" + TestClinic.unique("").replace("-", "");
        long recliner = TestClinic.newRecliner();
        long first = patient("Ada", "Lovelace" + part);
        long second = patient(part.toUpperCase() + "ine", "Byron");
        long other = patient("Ada", "Unrelated");
        long[] firstSessions = stoppedSessions(first, recliner, 3);
        long[] secondSessions = stoppedSessions(second, recliner, 2);
        stoppedSessions(other, recliner, 1);
        String q = part.substring(1, part.length() - 1).toLowerCase();

        nurse().get("/api/history/sessions?q=" + q + "&size=2&page=0").then().statusCode(200)
                .body("total", equalTo(5)).body("totalPages", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                // newest first across both patients
                .body("items.id", contains((int) secondSessions[1], (int) secondSessions[0]));
        nurse().get("/api/history/sessions?q=" + q + "&size=2&page=2").then().statusCode(200)
                .body("total", equalTo(5)).body("items.id", contains((int) firstSessions[0]));
        nurse().get("/api/history/sessions?q=" + q + "&size=2&page=3").then().statusCode(200)
                .body("total", equalTo(5)).body("items", empty());
        // "Family, Given" as the page shows it, and the name filter combined with another filter
        nurse().get("/api/history/sessions?q=Lovelace" + part + ", ada").then().statusCode(200)
                .body("total", equalTo(3)).body("items.patient.id", contains((int) first, (int) first, (int) first));
        nurse().get("/api/history/sessions?q=" + q + "&patientId=" + second).then().statusCode(200)
                .body("total", equalTo(2));
        // no patient matches: an empty page, not every session
        nurse().get("/api/history/sessions?q=" + part + "-nobody").then().statusCode(200)
                .body("total", equalTo(0)).body("totalPages", equalTo(0)).body("items", empty());
    }

    private static long patient(String given, String family) {
        return nurse().body(Map.of("mrn", TestClinic.unique("MRN"), "givenName", given, "familyName", family,
                        "birthDate", "1975-05-05", "weightKg", 70))
                .post("/api/patients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** {@code n} sessions of the patient, each stopped before the next is made, oldest first. */
    private static long[] stoppedSessions(long patient, long recliner, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = nurse().body(TestClinic.sessionBody(patient, recliner)).post("/api/sessions")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            TestClinic.transition(ids[i], "STOPPED", "test " + i);
        }
        return ids;
    }

    @Test
    void laterPagesListWhatMatchedAsOfTheFirstPage() {
        long patient = TestClinic.newPatient();
        long[] closed = stoppedSessions(patient, TestClinic.newRecliner(), 3);
        long open = nurse().body(TestClinic.sessionBody(patient, TestClinic.newRecliner())).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String search = "/api/history/sessions?patientId=" + patient + "&size=2";
        String asOf = nurse().get(search + "&page=0").then().statusCode(200)
                .body("items.id", contains((int) closed[2], (int) closed[1])).body("asOf", not(nullValue()))
                .extract().jsonPath().getString("asOf");
        TestClinic.transition(open, "STOPPED", "stopped while the history was read");

        // read afresh, the list moved down by the session just closed: page 1 shows page 0's last row again
        nurse().get(search + "&page=1").then().statusCode(200).body("total", equalTo(4))
                .body("items.id", contains((int) closed[1], (int) closed[0]));
        // as of the first page, the rest of what it counted, once
        nurse().get(search + "&page=1&asOf=" + asOf).then().statusCode(200)
                .body("total", equalTo(3)).body("totalPages", equalTo(2)).body("asOf", equalTo(asOf))
                .body("items.id", contains((int) closed[0]));
        nurse().get(search + "&page=0&outcome=STOPPED&asOf=" + asOf).then().statusCode(200).body("total", equalTo(3));
        // what was open then, and every session checked in by then
        nurse().get(search + "&outcome=OPEN&asOf=" + asOf).then().statusCode(200).body("items.id", contains((int) open));
        nurse().get(search + "&outcome=OPEN").then().statusCode(200).body("total", equalTo(0));
        nurse().get(search + "&outcome=ANY&asOf=" + closedAt(closed[1])).then().statusCode(200)
                .body("items.id", contains((int) closed[1], (int) closed[0]));
    }

    private static String closedAt(long session) {
        return session(session).getString("closedAt");
    }

    @Test
    void wildcardsInTheSearchAreTheCharactersTyped() {
        String part = "Wq" + TestClinic.unique("").replace("-", "");
        long recliner = TestClinic.newRecliner();
        long underscore = patient("Ada", part + "_x");
        long percent = patient("Ada", part + "%x");
        patient("Ada", part + "ax");
        long[] u = stoppedSessions(underscore, recliner, 1);
        long[] p = stoppedSessions(percent, recliner, 1);
        nurse().queryParam("q", part + "_x").get("/api/history/sessions").then().statusCode(200)
                .body("items.id", contains((int) u[0]));
        nurse().queryParam("q", part + "%x").get("/api/history/sessions").then().statusCode(200)
                .body("items.id", contains((int) p[0]));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        nurse().get("/api/history/sessions?asOf=yesterday").then().statusCode(422)
                .body("violations[0].field", equalTo("asOf")).body("violations[0].rule", containsString("instant"));
        nurse().get("/api/history/sessions?asOf=2999-01-01T00:00:00Z").then().statusCode(422)
                .body("violations[0].field", equalTo("asOf")).body("violations[0].rule", containsString("later than now"));
        // another instance's clock a few seconds ahead gave the first page: its asOf is taken as it is
        String ahead = java.time.Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        nurse().get("/api/history/sessions?asOf=" + ahead).then().statusCode(200).body("asOf", equalTo(ahead));
        nurse().get("/api/history/sessions?outcome=LOST").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("outcome"));
        nurse().get("/api/history/sessions?from=yesterday").then().statusCode(422)
                .body("violations[0].field", equalTo("from")).body("violations[0].rule", containsString("date"));
        nurse().get("/api/history/sessions?from=2025-03-05&to=2025-03-01").then().statusCode(422)
                .body("violations[0].field", equalTo("to"));
        nurse().get("/api/history/sessions?size=0").then().statusCode(422).body("violations[0].field", equalTo("size"));
        nurse().get("/api/history/sessions?size=101").then().statusCode(422).body("violations[0].field", equalTo("size"));
        nurse().get("/api/history/sessions?page=-1").then().statusCode(422).body("violations[0].field", equalTo("page"));
        // past the last page a clinic could have: the rule says so, rather than "must be 0 or more"
        nurse().get("/api/history/sessions?page=2147483647").then().statusCode(422)
                .body("violations[0].rule", equalTo("must be from 0 to 1000000 (pages count from 0)"));
        nurse().get("/api/history/sessions?tz=Mars/Olympus").then().statusCode(422).body("violations[0].field", equalTo("tz"));
        nurse().get("/api/history/sessions?page=abc").then().statusCode(422).body("violations[0].field", equalTo("page"));
        nurse().get("/api/history/sessions?reclinerId=x").then().statusCode(422).body("violations[0].field", equalTo("reclinerId"));
    }

    @Test
    void everyRoleReadsAndAnonymousIsRefused() {
        anonymous().get("/api/history/sessions").then().statusCode(401);
        TestClinic.admin().get("/api/history/sessions").then().statusCode(200);
        TestClinic.provider().get("/api/history/sessions").then().statusCode(200);
        nurse().get("/api/history/sessions").then().statusCode(200);
    }

    @Test
    void aPatientsSeriesIsNumberedInOrder() {
        long patient = TestClinic.newPatient();
        long recliner = TestClinic.newRecliner();
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = nurse().body(Map.of("patientId", patient, "reclinerId", recliner, "weightKg", 70,
                            "protocol", Map.of("drug", "ketamine", "doseMgPerKg", 0.5, "plannedMinutes", 40)))
                    .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
            TestClinic.chart(ids[i], Map.of("systolic", 120 + i * 10, "diastolic", 80, "heartRate", 72, "spo2", 98));
            if (i < 2) {
                TestClinic.transition(ids[i], "STOPPED", "next visit");
            }
        }
        nurse().get("/api/patients/" + patient + "/sessions").then().statusCode(200)
                .body("patient.id", equalTo((int) patient))
                .body("total", equalTo(3))
                .body("sessions.number", contains(1, 2, 3))
                .body("sessions.of", contains(3, 3, 3))
                .body("sessions.session.id", contains((int) ids[0], (int) ids[1], (int) ids[2]))
                .body("sessions.session.peakBp.systolic", contains(120, 130, 140))
                .body("sessions.session.state", contains("STOPPED", "STOPPED", "CHECKED_IN"))
                .body("sessions.session.alertCount", contains(0, 0, 0));
        long empty = TestClinic.newPatient();
        nurse().get("/api/patients/" + empty + "/sessions").then().statusCode(200)
                .body("total", equalTo(0)).body("sessions", empty());
    }

    @Test
    void patientSeriesErrorsAndRoles() {
        nurse().get("/api/patients/987654321/sessions").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("987654321"));
        nurse().get("/api/patients/abc/sessions").then().statusCode(404);
        long patient = TestClinic.newPatient();
        anonymous().get("/api/patients/" + patient + "/sessions").then().statusCode(401);
        TestClinic.admin().get("/api/patients/" + patient + "/sessions").then().statusCode(200);
        TestClinic.provider().get("/api/patients/" + patient + "/sessions").then().statusCode(200);
    }
}
