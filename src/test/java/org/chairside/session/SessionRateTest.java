package org.chairside.session;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.startedAgo;
import static org.chairside.TestClinic.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/sessions/{id}/rate-changes}: a nurse sets the pump to a new rate (slowed for a rising pressure,
 * brought back up); {@code GET …/dose} says what the pump has given and when the planned dose is reached. The test
 * sessions run ketamine 0.5 mg/kg over 40 min (0.75 mg/kg/h) for 70 kg.
 */
@QuarkusTest
class SessionRateTest {

    private static ValidatableResponse change(RequestSpecification as, long session, Object rate, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("mgPerKgPerHour", rate);
        if (reason != null) {
            body.put("reason", reason);
        }
        return as.body(body).post("/api/sessions/" + session + "/rate-changes").then();
    }

    @Test
    void aNurseSlowsThePumpAndTheDoseFollowsTheNewRate() {
        long session = infusingSession();
        startedAgo(session, 20);
        io.restassured.path.json.JsonPath dose = nurse().get("/api/sessions/" + session + "/dose").then().statusCode(200)
                .body("protocolRateMgPerKgPerHour", equalTo(0.75f)).body("rateMgPerKgPerHour", equalTo(0.75f))
                .body("infusing", equalTo(true)).body("changes", hasSize(0)).extract().jsonPath();
        assertEquals(0.25, dose.getDouble("deliveredMgPerKg"), 0.002);
        assertEquals(17.5, dose.getDouble("deliveredMg"), 0.2);

        change(nurse(), session, 0.375, "BP 168/98, slowed to half").statusCode(201)
                .header("Location", endsWith("/api/sessions/" + session + "/dose"))
                .body("rateMgPerKgPerHour", equalTo(0.375f))
                .body("changes", hasSize(1)).body("changes[0].byUser", equalTo("nurse"))
                .body("changes[0].reason", equalTo("BP 168/98, slowed to half"));
        // 0.25 given; the other 0.25 at 0.375 mg/kg/h takes 40 min more
        Instant reached = Instant.parse(nurse().get("/api/sessions/" + session + "/dose").then().statusCode(200)
                .body("rateMgPerKgPerHour", equalTo(0.375f)).extract().jsonPath().getString("plannedDoseReachedAt"));
        long minutesLeft = Duration.between(Instant.now(), reached).toMinutes();
        assertEquals(true, minutesLeft >= 38 && minutesLeft <= 40, "planned dose reached in " + minutesLeft + " min");

        nurse().get("/api/sessions/" + session + "/rate-changes").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].mgPerKgPerHour", equalTo(0.375f)).body("[0].at", notNullValue());
        List<Map<String, Object>> audit = admin().queryParam("entity", "session").queryParam("entityId", session)
                .queryParam("action", "CHANGE_RATE").get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, audit.size());
        assertEquals("0.375 mg/kg/h: BP 168/98, slowed to half", audit.get(0).get("detail"));
    }

    @Test
    void aRateSetWhilePausedAppliesOnResumeAndAPausedPumpHasNoEnd() {
        long session = infusingSession();
        transition(session, "PAUSED", null);
        change(provider(), session, 0.5, null).statusCode(201).body("infusing", equalTo(false))
                .body("plannedDoseReachedAt", nullValue()).body("changes[0].reason", nullValue());
        transition(session, "INFUSING", null);
        nurse().get("/api/sessions/" + session + "/dose").then().body("rateMgPerKgPerHour", equalTo(0.5f))
                .body("infusing", equalTo(true)).body("plannedDoseReachedAt", notNullValue());
    }

    @Test
    void aRateIsSetOnlyWhileThePumpIsInUse() {
        long checkedIn = openSession();
        change(nurse(), checkedIn, 0.5, null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CHECKED_IN: a rate is set while infusing or paused"));
        long ended = infusingSession();
        transition(ended, "RECOVERY", null);
        change(nurse(), ended, 0.5, null).statusCode(409);
        nurse().get("/api/sessions/" + ended + "/rate-changes").then().body("$", hasSize(0));
    }

    @Test
    void aBadRateIsRefusedNamingTheFieldAndNothingIsStored() {
        long session = infusingSession();
        change(nurse(), session, null, null).statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("mgPerKgPerHour")).body("violations[0].rule", equalTo("is required: the new rate in mg/kg/h"));
        change(nurse(), session, 0, null).statusCode(422).body("violations[0].rule", equalTo("must be from 0.01 to 10 mg/kg/h"));
        change(nurse(), session, 10.5, null).statusCode(422).body("violations.field", contains("mgPerKgPerHour"));
        change(nurse(), session, 0.3755, null).statusCode(422).body("violations.field", contains("mgPerKgPerHour"));
        change(nurse(), session, "fast", null).statusCode(422).body("violations.field", contains("mgPerKgPerHour"));
        change(nurse(), session, 0.5, "x".repeat(501)).statusCode(422).body("violations.field", contains("reason"));
        nurse().body("").post("/api/sessions/" + session + "/rate-changes").then().statusCode(422);
        nurse().get("/api/sessions/" + session + "/rate-changes").then().body("$", hasSize(0));
    }

    @Test
    void rolesAndUnknownSessions() {
        long session = infusingSession();
        change(admin(), session, 0.5, null).statusCode(403);
        change(anonymous(), session, 0.5, null).statusCode(401);
        anonymous().get("/api/sessions/" + session + "/dose").then().statusCode(401);
        anonymous().get("/api/sessions/" + session + "/rate-changes").then().statusCode(401);
        admin().get("/api/sessions/" + session + "/dose").then().statusCode(200);
        change(nurse(), 987654321L, 0.5, null).statusCode(404).contentType("application/problem+json");
        nurse().get("/api/sessions/987654321/dose").then().statusCode(404);
        nurse().get("/api/sessions/987654321/rate-changes").then().statusCode(404);
    }

    @Test
    void aClosedSessionsDoseIsWhatThePumpGaveBeforeItsInfusionEnded() {
        long session = infusingSession();
        startedAgo(session, 40);
        transition(session, "RECOVERY", null);
        float given = nurse().get("/api/sessions/" + session + "/dose").then().statusCode(200)
                .body("infusing", equalTo(false)).extract().jsonPath().getFloat("deliveredMgPerKg");
        assertEquals(0.5, given, 0.003);
        org.chairside.TestClinic.discharge(session);
        nurse().get("/api/sessions/" + session + "/dose").then().body("deliveredMgPerKg", equalTo(given));
    }
}
