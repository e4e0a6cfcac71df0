package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openUnscreenedSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.screen;
import static org.chairside.TestClinic.screeningBody;
import static org.chairside.TestClinic.sessionBody;
import static org.chairside.TestClinic.transitionBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST/GET /api/sessions/{id}/screenings}: the contraindication screening a start needs. No start without one;
 * a contraindication on the newest one needs a provider's clearance, as a pressure at the pre-start limit does.
 */
@QuarkusTest
class ScreeningTest {

    /** Checked in, a normal baseline charted, not screened. */
    private static long unscreened() {
        long id = openUnscreenedSession();
        chart(id, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        return id;
    }

    private static ValidatableResponse start(RequestSpecification as, long session, String reason) {
        return as.body(transitionBody("INFUSING", reason)).post("/api/sessions/" + session + "/transitions").then();
    }

    @Test
    void noStartWithoutAScreeningThenAClearOneLetsTheNurseStart() {
        long session = unscreened();
        start(nurse(), session, null).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Record the contraindication screening before starting the infusion"));
        // a provider cannot skip it either: the screening is four questions, not a judgement to override
        start(provider(), session, "in a hurry").statusCode(409).body("detail", containsString("screening"));

        Map<String, Object> body = screeningBody();
        body.put("note", "  denies chest pain, no psychiatric admissions  ");
        nurse().body(body).post("/api/sessions/" + session + "/screenings").then().statusCode(201)
                .header("Location", endsWith("/api/sessions/" + session + "/screenings"))
                .body("present", empty()).body("summary", equalTo("no contraindication"))
                .body("note", equalTo("denies chest pain, no psychiatric admissions"))
                .body("byUser", equalTo("nurse")).body("at", notNullValue()).body("unstableCardiovascular", equalTo(false));

        start(nurse(), session, null).statusCode(200).body("state", equalTo("INFUSING"));
        nurse().get("/api/sessions/" + session + "/transitions").then().body("clearance", contains(false));
        List<Map<String, Object>> audit = admin().queryParam("entity", "session").queryParam("entityId", session)
                .queryParam("action", "SCREEN").get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, audit.size());
        assertEquals("no contraindication: denies chest pain, no psychiatric admissions", audit.get(0).get("detail"));
    }

    @Test
    void withoutBaselineOrScreeningTheRefusalNamesBoth() {
        long session = openUnscreenedSession();
        start(nurse(), session, null).statusCode(409).body("detail", equalTo("Record a complete baseline (blood pressure, "
                + "heart rate and SpO2) and the contraindication screening before starting the infusion"));
    }

    @Test
    void aContraindicationNeedsAProviderWithAReasonAndTheRefusalNamesEveryCause() {
        long session = unscreened();
        chart(session, Map.of("systolic", 150, "diastolic", 85));
        screen(session, "uncontrolledHypertension", "psychosisOrMania").getList("present");
        start(nurse(), session, "she says she feels fine").statusCode(409).body("title", equalTo("Provider clearance needed"))
                .body("detail", equalTo("The screening lists uncontrolled hypertension and active psychosis or mania; blood pressure"
                        + " before the start 150/85 mmHg is at or above the pre-start limit 140/90 mmHg: a provider must clear the"
                        + " start, with a reason"));
        start(provider(), session, null).statusCode(422).body("violations.field", contains("reason"))
                .body("violations[0].rule", containsString("uncontrolled hypertension"));
        nurse().get("/api/sessions/" + session).then().body("state", equalTo("CHECKED_IN"));

        start(provider(), session, "hypertension treated today, psychiatry cleared; consulted Dr. Ames").statusCode(200);
        nurse().get("/api/sessions/" + session + "/transitions").then().body("[0].clearance", equalTo(true))
                .body("[0].byUser", equalTo("provider"));
        List<Map<String, Object>> audit = admin().queryParam("entity", "session").queryParam("entityId", session)
                .queryParam("action", "CLEAR_START").get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, audit.size());
    }

    @Test
    void theNewestScreeningIsTheOneTheStartIsJudgedOnAndEveryOneStays() {
        long session = unscreened();
        screen(session, "unstableCardiovascular");
        start(nurse(), session, null).statusCode(409).body("detail", containsString("unstable cardiovascular disease"));
        // the nurse asked again: the palpitations were last year's
        screen(session);
        start(nurse(), session, null).statusCode(200);
        nurse().get("/api/sessions/" + session + "/screenings").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].present", contains("UNSTABLE_CARDIOVASCULAR"))
                .body("[0].summary", equalTo("unstable cardiovascular disease"))
                .body("[1].present", empty())
                .body("[1].note", nullValue());
    }

    @Test
    void everyAnswerIsRequiredAndNothingIsWrittenWithoutThem() {
        long session = unscreened();
        Map<String, Object> body = screeningBody();
        body.remove("aneurysmalVascular");
        body.put("psychosisOrMania", null);
        nurse().body(body).post("/api/sessions/" + session + "/screenings").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("aneurysmalVascular", "psychosisOrMania"))
                .body("violations[0].rule", equalTo("is required: true if present, false if not"));
        nurse().body("{\"unstableCardiovascular\":\"maybe\"}").post("/api/sessions/" + session + "/screenings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("unstableCardiovascular"));
        Map<String, Object> longNote = screeningBody();
        longNote.put("note", "x".repeat(501));
        nurse().body(longNote).post("/api/sessions/" + session + "/screenings").then().statusCode(422)
                .body("violations.field", contains("note"));
        nurse().post("/api/sessions/" + session + "/screenings").then().statusCode(422);
        nurse().get("/api/sessions/" + session + "/screenings").then().statusCode(200).body("$", empty());
    }

    @Test
    void theScreeningMayComeWithTheCheckInAndThenNoneIsOwed() {
        Map<String, Object> body = new java.util.HashMap<>(sessionBody(newPatient(), newRecliner()));
        Map<String, Object> screening = screeningBody("aneurysmalVascular");
        screening.put("note", "AAA repaired 2019, vascular surgeon's letter on file");
        body.put("screening", screening);
        long session = nurse().body(body).post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        nurse().get("/api/sessions/" + session + "/screenings").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].present", contains("ANEURYSMAL_VASCULAR"))
                .body("[0].byUser", equalTo("nurse")).body("[0].note", equalTo("AAA repaired 2019, vascular surgeon's letter on file"));
        assertEquals(1, admin().queryParam("entity", "session").queryParam("entityId", session).queryParam("action", "SCREEN")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items").size());
        chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        start(nurse(), session, null).statusCode(409).body("detail", containsString("aneurysmal vascular disease"));
        start(provider(), session, "repaired aneurysm, cleared by vascular surgery").statusCode(200);
    }

    @Test
    void aCheckInWithAnIncompleteScreeningIsRefusedWhole() {
        long recliner = newRecliner();
        Map<String, Object> body = new java.util.HashMap<>(sessionBody(newPatient(), recliner));
        Map<String, Object> screening = screeningBody();
        screening.remove("psychosisOrMania");
        body.put("screening", screening);
        nurse().body(body).post("/api/sessions").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("screening.psychosisOrMania"))
                .body("violations[0].rule", equalTo("is required: true if present, false if not"));
        // nothing was written: the chair is still free
        nurse().get("/api/recliners").then().body("find { it.id == " + recliner + " }.session", nullValue());
    }

    @Test
    void aScreeningAfterTheStartIsAConflict() {
        long session = infusingSession();
        nurse().body(screeningBody()).post("/api/sessions/" + session + "/screenings").then().statusCode(409)
                .body("detail", containsString("before the infusion starts"));
        nurse().get("/api/sessions/" + session + "/screenings").then().body("$", hasSize(1));
    }

    @Test
    void nursesAndProvidersScreenAdminsAndStrangersDoNot() {
        long session = unscreened();
        admin().body(screeningBody()).post("/api/sessions/" + session + "/screenings").then().statusCode(403);
        anonymous().body(screeningBody()).post("/api/sessions/" + session + "/screenings").then().statusCode(401);
        anonymous().get("/api/sessions/" + session + "/screenings").then().statusCode(401);
        provider().body(screeningBody()).post("/api/sessions/" + session + "/screenings").then().statusCode(201)
                .body("byUser", equalTo("provider"));
        // everyone signed in reads it (the admin too, as the session's other records)
        admin().get("/api/sessions/" + session + "/screenings").then().statusCode(200).body("$", hasSize(1));
        nurse().body(screeningBody()).post("/api/sessions/999999999/screenings").then().statusCode(404);
        nurse().get("/api/sessions/999999999/screenings").then().statusCode(404)
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aCheckedInSessionSaysWhatItsStartStillNeedsInTheStartsOwnWords() {
        long session = openUnscreenedSession();
        String path = "/api/sessions/" + session;
        nurse().get(path).then().statusCode(200).body("startCheck.baselineCharted", equalTo(false))
                .body("startCheck.screened", equalTo(false)).body("startCheck.clearance", empty());
        // a pressure alone is no complete baseline, and without one the pressure is not judged yet (as the start does)
        chart(session, Map.of("systolic", 150, "diastolic", 85));
        nurse().get(path).then().body("startCheck.baselineCharted", equalTo(false)).body("startCheck.clearance", empty());
        chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        nurse().get(path).then().body("startCheck.baselineCharted", equalTo(true)).body("startCheck.screened", equalTo(false))
                .body("startCheck.clearance", empty());

        screen(session, "psychosisOrMania");
        nurse().get(path).then().body("startCheck.screened", equalTo(true))
                .body("startCheck.clearance", contains("the screening lists active psychosis or mania"));
        // a recheck at the pre-start limit after the complete baseline needs the provider too
        chart(session, Map.of("systolic", 150, "diastolic", 85));
        List<String> both = List.of("the screening lists active psychosis or mania",
                "blood pressure before the start 150/85 mmHg is at or above the pre-start limit 140/90 mmHg");
        nurse().get(path).then().body("startCheck.clearance", equalTo(both));
        // the board's tile carries the same, and the start answers with the same reasons
        nurse().get("/api/board").then().statusCode(200)
                .body("tiles.find { it.session?.id == " + session + " }.session.startCheck.clearance", equalTo(both));
        start(nurse(), session, null).statusCode(409).body("detail", equalTo("The screening lists active psychosis or mania;"
                + " blood pressure before the start 150/85 mmHg is at or above the pre-start limit 140/90 mmHg: a provider must"
                + " clear the start, with a reason"));

        screen(session);
        chart(session, Map.of("systolic", 124, "diastolic", 82));
        nurse().get(path).then().body("startCheck.clearance", empty());
        start(nurse(), session, null).statusCode(200).body("state", equalTo("INFUSING")).body("startCheck", nullValue());
        nurse().get(path).then().body("startCheck", nullValue());
    }
}
