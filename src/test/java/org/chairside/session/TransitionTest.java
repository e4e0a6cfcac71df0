package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.aldrete;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.discharge;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.newRecliner;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.sessionBody;
import static org.chairside.TestClinic.transition;
import static org.chairside.TestClinic.transitionBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST/GET /api/sessions/{id}/transitions}: CHECKED_IN -> INFUSING <-> PAUSED -> RECOVERY -> DISCHARGED,
 * STOPPED from any open state with a reason, the baseline and pre-start blood-pressure gate, and what closing does.
 */
@QuarkusTest
class TransitionTest {
    private static final Map<String, Object> NORMAL = Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98);

    private static ValidatableResponse move(RequestSpecification who, long id, String to, String reason) {
        return who.body(transitionBody(to, reason)).post("/api/sessions/" + id + "/transitions").then();
    }

    private static long sessionIn(String state) {
        long id = infusingSession();
        switch (state) {
            case "INFUSING" -> {
            }
            case "PAUSED" -> transition(id, "PAUSED", null);
            case "RECOVERY" -> transition(id, "RECOVERY", null);
            case "DISCHARGED" -> {
                transition(id, "RECOVERY", null);
                discharge(id);
            }
            case "STOPPED" -> transition(id, "STOPPED", "test");
            default -> throw new IllegalArgumentException(state);
        }
        return id;
    }

    private static long withBaseline(int systolic, int diastolic) {
        long id = openSession();
        chart(id, Map.of("systolic", systolic, "diastolic", diastolic, "heartRate", 80, "spo2", 97));
        return id;
    }

    // ---------------------------------------------------------------- the legal path

    @Test
    void fullPathThroughEveryPhaseIsRecordedOnTheTimeline() {
        long id = openSession();
        chart(id, NORMAL);
        move(nurse(), id, "INFUSING", null).statusCode(200)
                .body("state", equalTo("INFUSING"))
                .body("startedAt", notNullValue())
                .body("allowedTransitions", contains("PAUSED", "RECOVERY", "STOPPED"));
        move(nurse(), id, "PAUSED", "patient nauseous").statusCode(200)
                .body("state", equalTo("PAUSED"))
                .body("allowedTransitions", contains("INFUSING", "RECOVERY", "STOPPED"));
        move(provider(), id, "INFUSING", null).statusCode(200)
                .body("state", equalTo("INFUSING"));
        move(nurse(), id, "RECOVERY", null).statusCode(200)
                .body("state", equalTo("RECOVERY"))
                .body("infusionEndedAt", notNullValue())
                .body("closedAt", nullValue())
                .body("allowedTransitions", contains("DISCHARGED", "STOPPED"));
        aldrete(id, 2, 2, 2, 1, 2);
        move(nurse(), id, "DISCHARGED", null).statusCode(200)
                .body("state", equalTo("DISCHARGED"))
                .body("closedAt", notNullValue())
                .body("allowedTransitions", empty());

        nurse().get("/api/sessions/" + id + "/transitions").then().statusCode(200)
                .body("fromState", contains("CHECKED_IN", "INFUSING", "PAUSED", "INFUSING", "RECOVERY"))
                .body("toState", contains("INFUSING", "PAUSED", "INFUSING", "RECOVERY", "DISCHARGED"))
                .body("byUser", contains("nurse", "nurse", "provider", "nurse", "nurse"))
                .body("reason", contains(null, "patient nauseous", null, null, null))
                .body("clearance", everyItem(equalTo(false)))
                .body("at", everyItem(notNullValue()));
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("DISCHARGED"));
    }

    @Test
    void resumingKeepsTheFirstStartTime() {
        long id = infusingSession();
        String started = nurse().get("/api/sessions/" + id).then().extract().path("startedAt");
        transition(id, "PAUSED", null);
        transition(id, "INFUSING", null);
        nurse().get("/api/sessions/" + id).then().body("startedAt", equalTo(started));
    }

    @Test
    void pausedSessionMayGoStraightToRecovery() {
        long id = sessionIn("PAUSED");
        move(nurse(), id, "RECOVERY", null).statusCode(200).body("state", equalTo("RECOVERY"));
    }

    /**
     * A number was read as a phase's position: {"to": 4} discharged a session in recovery, {"to": 5} meant STOPPED. A
     * phase is named; anything else is refused and the session stays where it is.
     */
    @Test
    void aPhaseGivenAsANumberIsInvalidAndMovesNothing() {
        long id = sessionIn("RECOVERY");
        for (Object to : java.util.List.of(4, "4", 5)) {
            nurse().body(java.util.Map.of("to", to, "reason", "x")).post("/api/sessions/" + id + "/transitions").then()
                    .statusCode(422).contentType("application/problem+json").body("violations.field", contains("to"));
        }
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("RECOVERY"));
    }

    @Test
    void newTimelineIsEmpty() {
        long id = openSession();
        nurse().get("/api/sessions/" + id + "/transitions").then().statusCode(200).body("$", empty());
    }

    // ---------------------------------------------------------------- stopping early

    @Test
    void stoppedFromEveryOpenStateWithAReason() {
        for (String from : List.of("CHECKED_IN", "INFUSING", "PAUSED", "RECOVERY")) {
            long id = from.equals("CHECKED_IN") ? openSession() : sessionIn(from);
            move(nurse(), id, "STOPPED", "  patient asked to stop  ").statusCode(200)
                    .body("state", equalTo("STOPPED"))
                    .body("closedAt", notNullValue())
                    .body("allowedTransitions", empty());
            List<Map<String, Object>> timeline = nurse().get("/api/sessions/" + id + "/transitions")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, Object> last = timeline.get(timeline.size() - 1);
            assertEquals(from, last.get("fromState"), "stopped from " + from);
            assertEquals("STOPPED", last.get("toState"));
            assertEquals("patient asked to stop", last.get("reason"));
        }
    }

    @Test
    void stoppingWithoutAReasonIsInvalid() {
        for (String from : List.of("CHECKED_IN", "INFUSING", "PAUSED", "RECOVERY")) {
            long id = from.equals("CHECKED_IN") ? openSession() : sessionIn(from);
            move(nurse(), id, "STOPPED", null).statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("reason"));
            move(nurse(), id, "STOPPED", "   ").statusCode(422)
                    .body("violations.field", contains("reason"));
            nurse().get("/api/sessions/" + id).then().body("state", equalTo(from));
        }
    }

    @Test
    void aStopReasonOfControlCharactersIsNoReason() {
        long id = infusingSession();
        move(nurse(), id, "STOPPED", "\u0000\u0000\u0000").statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("reason"))
                .body("violations[0].rule", equalTo("must not contain control characters (U+0000 at character 1)"));
        move(nurse(), id, "STOPPED", "nauseous;\nasked to stop").statusCode(200).body("state", equalTo("STOPPED"));
    }

    @Test
    void tooLongReasonIsInvalid() {
        long id = infusingSession();
        move(nurse(), id, "STOPPED", "x".repeat(501)).statusCode(422).body("violations.field", contains("reason"));
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("INFUSING"));
    }

    // ---------------------------------------------------------------- illegal transitions

    @Test
    void illegalTransitionsAreConflictsListingTheAllowedOnes() {
        Map<String, List<String>> illegal = Map.of(
                "CHECKED_IN", List.of("CHECKED_IN", "PAUSED", "RECOVERY", "DISCHARGED"),
                "INFUSING", List.of("CHECKED_IN", "INFUSING", "DISCHARGED"),
                "PAUSED", List.of("CHECKED_IN", "PAUSED", "DISCHARGED"),
                "RECOVERY", List.of("CHECKED_IN", "INFUSING", "PAUSED", "RECOVERY"));
        Map<String, String> allowed = Map.of(
                "CHECKED_IN", "[INFUSING, STOPPED]",
                "INFUSING", "[PAUSED, RECOVERY, STOPPED]",
                "PAUSED", "[INFUSING, RECOVERY, STOPPED]",
                "RECOVERY", "[DISCHARGED, STOPPED]");
        illegal.forEach((from, targets) -> {
            long id = from.equals("CHECKED_IN") ? withBaseline(120, 80) : sessionIn(from);
            for (String to : targets) {
                move(nurse(), id, to, "because").statusCode(409)
                        .contentType("application/problem+json")
                        .body("status", equalTo(409))
                        .body("detail", containsString(from + " cannot move to " + to))
                        .body("detail", containsString("allowed: " + allowed.get(from)));
            }
            nurse().get("/api/sessions/" + id).then().body("state", equalTo(from));
            nurse().get("/api/sessions/" + id + "/transitions").then()
                    .body("toState", not(org.hamcrest.Matchers.hasItem("CHECKED_IN")));
        });
    }

    @Test
    void closedSessionsCannotMove() {
        for (String closed : List.of("DISCHARGED", "STOPPED")) {
            long id = sessionIn(closed);
            for (String to : List.of("INFUSING", "PAUSED", "RECOVERY", "DISCHARGED", "STOPPED")) {
                move(provider(), id, to, "reopen").statusCode(409)
                        .body("detail", containsString("none (the session is closed)"));
            }
            nurse().get("/api/sessions/" + id).then().body("state", equalTo(closed));
        }
    }

    // ---------------------------------------------------------------- baseline before start

    @Test
    void startingNeedsABaseline() {
        long id = openSession();
        move(nurse(), id, "INFUSING", null).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("baseline"));
        move(provider(), id, "INFUSING", "no time").statusCode(409);
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("CHECKED_IN"));
    }

    @Test
    void startingNeedsACompleteBaseline() {
        long id = openSession();
        chart(id, Map.of("systolic", 120, "diastolic", 80));
        chart(id, Map.of("heartRate", 70));
        chart(id, Map.of("spo2", 98));
        move(nurse(), id, "INFUSING", null).statusCode(409).body("detail", containsString("baseline"));

        chart(id, Map.of("systolic", 120, "diastolic", 80, "heartRate", 70, "spo2", 98));
        move(nurse(), id, "INFUSING", null).statusCode(200);
    }

    @Test
    void stoppingNeedsNoBaseline() {
        long id = openSession();
        move(nurse(), id, "STOPPED", "no show").statusCode(200);
    }

    // ---------------------------------------------------------------- pre-start blood-pressure gate

    @Test
    void nurseNeedsProviderClearanceWhenBaselineIsAtTheLimit() {
        for (int[] bp : new int[][] {{140, 80}, {130, 90}, {150, 95}, {200, 120}}) {
            long id = withBaseline(bp[0], bp[1]);
            move(nurse(), id, "INFUSING", "looks fine to me").statusCode(409)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Provider clearance needed"))
                    .body("detail", containsString(bp[0] + "/" + bp[1]))
                    .body("detail", containsString("140/90"));
            nurse().get("/api/sessions/" + id).then().body("state", equalTo("CHECKED_IN"));
            nurse().get("/api/sessions/" + id + "/transitions").then().body("$", empty());
        }
    }

    @Test
    void nurseStartsWhenBaselineIsJustBelowTheLimit() {
        long id = withBaseline(139, 89);
        move(nurse(), id, "INFUSING", null).statusCode(200).body("state", equalTo("INFUSING"));
        nurse().get("/api/sessions/" + id + "/transitions").then().body("clearance", contains(false));
    }

    @Test
    void providerWithoutAReasonIsInvalid() {
        long id = withBaseline(150, 95);
        move(provider(), id, "INFUSING", null).statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("reason"))
                .body("violations[0].rule", containsString("150/95"));
        move(provider(), id, "INFUSING", " ").statusCode(422).body("violations.field", contains("reason"));
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("CHECKED_IN"));
    }

    @Test
    void providerWithAReasonStartsAndTheClearanceIsRecorded() {
        long id = withBaseline(150, 95);
        move(provider(), id, "INFUSING", "BP 150/95 is her usual; cleared").statusCode(200)
                .body("state", equalTo("INFUSING"))
                .body("startedAt", notNullValue());
        nurse().get("/api/sessions/" + id + "/transitions").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].fromState", equalTo("CHECKED_IN"))
                .body("[0].toState", equalTo("INFUSING"))
                .body("[0].clearance", equalTo(true))
                .body("[0].reason", equalTo("BP 150/95 is her usual; cleared"))
                .body("[0].byUser", equalTo("provider"));
    }

    @Test
    void nurseWhoIsAlsoProviderMayClearTheStart() {
        long id = withBaseline(145, 85);
        move(as("charge"), id, "INFUSING", "cleared by charge NP").statusCode(200);
        nurse().get("/api/sessions/" + id + "/transitions").then()
                .body("[0].clearance", equalTo(true)).body("[0].byUser", equalTo("charge"));
    }

    @Test
    void theLastCompleteBaselineCounts() {
        long high = openSession();
        chart(high, Map.of("systolic", 120, "diastolic", 80, "heartRate", 70, "spo2", 98));
        chart(high, Map.of("systolic", 152, "diastolic", 96, "heartRate", 70, "spo2", 98));
        move(nurse(), high, "INFUSING", null).statusCode(409).body("title", equalTo("Provider clearance needed"));

        long settled = openSession();
        chart(settled, Map.of("systolic", 152, "diastolic", 96, "heartRate", 70, "spo2", 98));
        chart(settled, Map.of("systolic", 132, "diastolic", 84, "heartRate", 70, "spo2", 98));
        move(nurse(), settled, "INFUSING", null).statusCode(200);
        nurse().get("/api/sessions/" + settled + "/transitions").then().body("[0].clearance", equalTo(false));
    }

    @Test
    void theNewestBloodPressureBeforeTheStartCountsEvenWithoutHeartRateAndSpo2() {
        // A complete 120/80 baseline, then the cuff alone reads 158/98: the pressure the patient has now is at the limit,
        // so a nurse may not start without a provider (the gate once looked only at the last complete reading).
        long risen = openSession();
        chart(risen, Map.of("systolic", 120, "diastolic", 80, "heartRate", 70, "spo2", 98));
        chart(risen, Map.of("systolic", 158, "diastolic", 98));
        move(nurse(), risen, "INFUSING", null).statusCode(409)
                .body("title", equalTo("Provider clearance needed"))
                .body("detail", containsString("158/98"));
        nurse().get("/api/sessions/" + risen).then().body("state", equalTo("CHECKED_IN"));

        // as with a complete recheck (theLastCompleteBaselineCounts), a pressure alone that has settled lets a nurse start
        long settled = openSession();
        chart(settled, Map.of("systolic", 152, "diastolic", 96, "heartRate", 70, "spo2", 98));
        chart(settled, Map.of("systolic", 132, "diastolic", 84));
        move(nurse(), settled, "INFUSING", null).statusCode(200);
    }

    @Test
    void resumingAfterAPauseIsNotGatedAgain() {
        long id = withBaseline(150, 95);
        move(provider(), id, "INFUSING", "cleared").statusCode(200);
        transition(id, "PAUSED", null);
        move(nurse(), id, "INFUSING", null).statusCode(200);
    }

    // ---------------------------------------------------------------- what closing does

    @Test
    void closingFreesTheRecliner() {
        for (String closing : List.of("DISCHARGED", "STOPPED")) {
            long recliner = newRecliner();
            long id = openSession(recliner);
            chart(id, NORMAL);
            transition(id, "INFUSING", null);
            nurse().body(sessionBody(newPatient(), recliner)).post("/api/sessions").then().statusCode(409);
            if (closing.equals("DISCHARGED")) {
                transition(id, "RECOVERY", null);
                discharge(id);
            } else {
                transition(id, "STOPPED", "hypertension");
            }
            nurse().get("/api/recliners").then()
                    .body("find { it.id == " + recliner + " }.session", nullValue());
            nurse().body(sessionBody(newPatient(), recliner)).post("/api/sessions").then().statusCode(201);
        }
    }

    @Test
    void closingResolvesTheOpenAlerts() {
        long id = infusingSession();
        long other = infusingSession();
        List<Integer> raised = chart(id, Map.of("spo2", 85, "heartRate", 135)).getList("alerts.id");
        chart(other, Map.of("spo2", 85));
        org.junit.jupiter.api.Assertions.assertEquals(2, raised.size(), "SpO2 85 and HR 135 each raise an alert");
        nurse().get("/api/alerts?state=OPEN&sessionId=" + id).then().body("$", hasSize(2));

        transition(id, "STOPPED", "desaturation");

        nurse().get("/api/alerts?sessionId=" + id).then().statusCode(200)
                .body("$", hasSize(2))
                .body("state", everyItem(equalTo("RESOLVED")))
                .body("resolvedAt", everyItem(notNullValue()));
        nurse().get("/api/alerts?state=OPEN&sessionId=" + id).then().body("$", empty());
        // another session's alerts are untouched
        nurse().get("/api/alerts?state=OPEN&sessionId=" + other).then().body("$", hasSize(1));
    }

    // ---------------------------------------------------------------- errors and roles

    @Test
    void missingTargetIsInvalid() {
        long id = openSession();
        nurse().body(Map.of("reason", "x")).post("/api/sessions/" + id + "/transitions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("to"));
    }

    @Test
    void unknownTargetIsInvalid() {
        long id = openSession();
        move(nurse(), id, "FLYING", null).statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("to"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        long id = openSession();
        nurse().body("{\"to\": INFUSING}").post("/api/sessions/" + id + "/transitions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        long id = openSession();
        nurse().contentType(ContentType.TEXT).body("STOPPED").post("/api/sessions/" + id + "/transitions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownSessionIsNotFound() {
        move(nurse(), 987654321L, "STOPPED", "x").statusCode(404).contentType("application/problem+json");
        nurse().get("/api/sessions/987654321/transitions").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void adminMayNotMoveSessionsButMayReadTheTimeline() {
        long id = sessionIn("INFUSING");
        move(admin(), id, "STOPPED", "admin says so").statusCode(403).contentType("application/problem+json");
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("INFUSING"));
        admin().get("/api/sessions/" + id + "/transitions").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void anonymousMayNeitherMoveNorRead() {
        long id = sessionIn("INFUSING");
        move(anonymous(), id, "STOPPED", "x").statusCode(401);
        anonymous().get("/api/sessions/" + id + "/transitions").then().statusCode(401);
        nurse().get("/api/sessions/" + id).then().body("state", equalTo("INFUSING"));
    }
}
