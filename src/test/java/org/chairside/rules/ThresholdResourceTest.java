package org.chairside.rules;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.transition;
import static org.chairside.TestClinic.transitionBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code GET/PUT /api/thresholds} (clinic defaults, admin) and {@code GET/PUT /api/sessions/{id}/thresholds}
 * (a session's overrides, provider). A test that changes the clinic profile puts the previous one back.
 */
@QuarkusTest
class ThresholdResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SpO2 warning lowered from 92 to 90 (critical 86) for one session, as for a COPD patient. */
    private static final Map<String, Object> SPO2_AT_90 = Map.of("rules", List.of(Map.of(
            "condition", "SPO2_LOW", "label", "Oxygen saturation low (COPD patient)", "kind", "LIMIT", "sustainedReadings", 1,
            "limits", List.of(
                    Map.of("vital", "SPO2", "operator", "BELOW", "value", 90, "priority", "MEDIUM"),
                    Map.of("vital", "SPO2", "operator", "BELOW", "value", 86, "priority", "HIGH")))));

    private static String clinicJson() {
        return nurse().get("/api/thresholds").then().statusCode(200).extract().asString();
    }

    /** A mutable deep copy of a JSON document. */
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> copy(Object value) {
        try {
            return parse(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object at a path of keys and list indexes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object root, Object... path) {
        Object o = root;
        for (Object p : path) {
            o = p instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get(p);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(Map<String, Object> profile, String condition) {
        return ((List<Map<String, Object>>) profile.get("rules")).stream()
                .filter(r -> condition.equals(r.get("condition"))).findFirst().orElseThrow();
    }

    private static List<String> raised(JsonPath charted) {
        return charted.getList("alerts.condition");
    }

    // ---------------------------------------------------------------- clinic defaults

    @Test
    void everyoneLoggedInReadsTheClinicDefaults() {
        for (RequestSpecification who : List.of(nurse(), provider(), admin())) {
            who.get("/api/thresholds").then().statusCode(200)
                    .body("rules.condition", hasItems("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "SPO2_LOW", "RR_LOW", "BP_RISE"))
                    .body("prestart.systolic", notNullValue())
                    .body("charting.infusingMinutes", notNullValue())
                    .body("escalation.unacknowledgedSeconds", notNullValue());
        }
        anonymous().get("/api/thresholds").then().statusCode(401);
    }

    @Test
    void adminChangesTheClinicDefaultsAndTheyApply() {
        String before = clinicJson();
        try {
            Map<String, Object> changed = parse(before);
            changed.put("prestart", Map.of("systolic", 160, "diastolic", 100));
            at(changed, "charting").put("graceMinutes", 7);
            admin().body(changed).put("/api/thresholds").then().statusCode(200)
                    .body("prestart.systolic", equalTo(160))
                    .body("charting.graceMinutes", equalTo(7));
            nurse().get("/api/thresholds").then().statusCode(200)
                    .body("prestart.systolic", equalTo(160))
                    .body("prestart.diastolic", equalTo(100))
                    .body("charting.graceMinutes", equalTo(7));

            // sessions see the new defaults: a baseline of 150/95 no longer needs a provider
            long id = openSession();
            nurse().get("/api/sessions/" + id + "/thresholds").then().body("effective.prestart.systolic", equalTo(160));
            chart(id, Map.of("systolic", 150, "diastolic", 95, "heartRate", 80, "spo2", 97));
            nurse().body(transitionBody("INFUSING", null)).post("/api/sessions/" + id + "/transitions")
                    .then().statusCode(200);
        } finally {
            admin().body(before).put("/api/thresholds").then().statusCode(200);
        }
        assertEquals(parse(before), parse(clinicJson()));
    }

    @Test
    void nurseAndProviderMayNotChangeTheClinicDefaults() {
        String before = clinicJson();
        Map<String, Object> changed = parse(before);
        changed.put("prestart", Map.of("systolic", 200, "diastolic", 120));
        nurse().body(changed).put("/api/thresholds").then().statusCode(403).contentType("application/problem+json");
        provider().body(changed).put("/api/thresholds").then().statusCode(403);
        as("charge").body(changed).put("/api/thresholds").then().statusCode(403);
        anonymous().body(changed).put("/api/thresholds").then().statusCode(401);
        assertEquals(parse(before), parse(clinicJson()));
    }

    @Test
    void implausibleLimitIsInvalidAndNamesItsPath() {
        String before = clinicJson();
        Map<String, Object> bad = parse(before);
        at(bad, "rules", 0, "limits", 0).put("value", 400);
        admin().body(bad).put("/api/thresholds").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("rules[0].limits[0].value"))
                .body("violations[0].rule", containsString("plausible range"));
        assertEquals(parse(before), parse(clinicJson()));
    }

    @Test
    void severalProblemsAreAllNamed() {
        Map<String, Object> bad = parse(clinicJson());
        bad.remove("prestart");
        at(bad, "rules", 1).put("condition", "bp low");
        at(bad, "charting").put("infusingMinutes", 0);
        at(bad, "rules", 2, "limits", 0).remove("operator");
        admin().body(bad).put("/api/thresholds").then().statusCode(422)
                .body("violations.field", hasItems("prestart", "rules[1].condition", "charting.infusingMinutes",
                        "rules[2].limits[0].operator"));
    }

    @Test
    void duplicateConditionIsInvalid() {
        Map<String, Object> bad = parse(clinicJson());
        at(bad, "rules", 1).put("condition", at(bad, "rules", 0).get("condition"));
        admin().body(bad).put("/api/thresholds").then().statusCode(422)
                .body("violations.field", contains("rules[1].condition"));
    }

    @Test
    void clinicProfileMustBeComplete() {
        admin().body(Map.of("rules", List.of())).put("/api/thresholds").then().statusCode(422)
                .body("violations.field", hasItems("prestart", "charting", "escalation"));
    }

    @Test
    void clinicProfileWithAnUnknownVitalIsInvalid() {
        Map<String, Object> bad = parse(clinicJson());
        at(bad, "rules", 0, "limits", 0).put("vital", "PULSE");
        admin().body(bad).put("/api/thresholds").then().statusCode(422)
                .body("violations.field", contains("rules[0].limits[0].vital"));
    }

    @Test
    void clinicProfileWithAnUnknownFieldIsInvalid() {
        Map<String, Object> bad = parse(clinicJson());
        bad.put("rulez", List.of());
        admin().body(bad).put("/api/thresholds").then().statusCode(422)
                .body("violations.field", contains("rulez"));
    }

    @Test
    void clinicProfileMalformedMissingOrOfTheWrongMediaType() {
        String before = clinicJson();
        admin().body("{\"rules\": [").put("/api/thresholds").then().statusCode(400).contentType("application/problem+json");
        admin().contentType(ContentType.TEXT).body(before).put("/api/thresholds").then().statusCode(415)
                .contentType("application/problem+json");
        admin().put("/api/thresholds").then().statusCode(422).body("violations.field", contains("body"));
        assertEquals(parse(before), parse(clinicJson()));
    }

    // ---------------------------------------------------------------- session overrides

    @Test
    void newSessionHasNoOverridesAndTheClinicProfileApplies() {
        long id = openSession();
        Map<String, Object> clinic = parse(clinicJson());
        String body = nurse().get("/api/sessions/" + id + "/thresholds").then().statusCode(200)
                .body("sessionId", equalTo((int) id))
                .body("overrides.rules", empty())
                .body("overrides.prestart", nullValue())
                .extract().asString();
        assertEquals(clinic, at(parse(body), "effective"));
        provider().get("/api/sessions/" + id + "/thresholds").then().statusCode(200);
        admin().get("/api/sessions/" + id + "/thresholds").then().statusCode(200);
        anonymous().get("/api/sessions/" + id + "/thresholds").then().statusCode(401);
    }

    @Test
    void providerOverridesARuleAndTheEffectiveProfileOverlaysIt() {
        long id = infusingSession();
        Map<String, Object> clinic = parse(clinicJson());
        provider().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(200)
                .body("sessionId", equalTo((int) id))
                .body("overrides.rules.condition", contains("SPO2_LOW"))
                .body("effective.rules.find { it.condition == 'SPO2_LOW' }.limits.value", contains(90.0f, 86.0f))
                .body("effective.prestart.systolic", equalTo(at(clinic, "prestart").get("systolic")));

        Map<String, Object> effective = at(parse(nurse().get("/api/sessions/" + id + "/thresholds")
                .then().statusCode(200).extract().asString()), "effective");
        assertEquals("Oxygen saturation low (COPD patient)", rule(effective, "SPO2_LOW").get("label"));
        // every other rule, and the other sections, are the clinic's
        for (String condition : List.of("BP_HIGH", "BP_LOW", "HR_HIGH", "HR_LOW", "RR_LOW", "BP_RISE")) {
            assertEquals(rule(clinic, condition), rule(effective, condition), condition);
        }
        assertEquals(clinic.get("prestart"), effective.get("prestart"));
        assertEquals(clinic.get("charting"), effective.get("charting"));
        assertEquals(clinic.get("escalation"), effective.get("escalation"));
        // the clinic defaults are unchanged
        assertEquals(clinic, parse(clinicJson()));
    }

    @Test
    void loweredSpo2WarningChangesWhatAReadingRaises() {
        long overridden = infusingSession();
        long plain = infusingSession();
        provider().body(SPO2_AT_90).put("/api/sessions/" + overridden + "/thresholds").then().statusCode(200);

        List<String> withOverride = raised(chart(overridden, Map.of("spo2", 91)));
        List<String> without = raised(chart(plain, Map.of("spo2", 91)));
        assertFalse(withOverride.contains("SPO2_LOW"), "SpO2 91 is not below this session's warning limit 90: " + withOverride);
        assertTrue(without.contains("SPO2_LOW"), "SpO2 91 is below the clinic's warning limit 92: " + without);
        nurse().get("/api/alerts?state=OPEN&sessionId=" + overridden).then().body("condition", not(hasItem("SPO2_LOW")));

        JsonPath below = chart(overridden, Map.of("spo2", 89));
        assertEquals(List.of("SPO2_LOW"), raised(below));
        assertEquals("MEDIUM", below.getString("alerts[0].priority"));
        assertEquals(90.0, below.getDouble("alerts[0].limitValue"));
    }

    /** Charting keeps each session's effective profile in memory between readings: a change must still apply at once. */
    @Test
    void aChangeAppliesFromTheNextReadingOfASessionAlreadyBeingCharted() {
        long overridden = infusingSession();
        long plain = infusingSession();
        assertEquals(List.of(), raised(chart(overridden, Map.of("spo2", 95))));
        assertEquals(List.of(), raised(chart(plain, Map.of("heartRate", 100))));

        Map<String, Object> spo2At96 = copy(SPO2_AT_90);
        at(spo2At96, "rules", 0, "limits", 0).put("value", 96);
        provider().body(spo2At96).put("/api/sessions/" + overridden + "/thresholds").then().statusCode(200);
        JsonPath below = chart(overridden, Map.of("spo2", 95));
        assertEquals(List.of("SPO2_LOW"), raised(below));
        assertEquals(96.0, below.getDouble("alerts[0].limitValue"));

        String before = clinicJson();
        try {
            Map<String, Object> changed = parse(before);
            at(rule(changed, "HR_HIGH"), "limits", 0).put("value", 95);
            admin().body(changed).put("/api/thresholds").then().statusCode(200);
            JsonPath above = chart(plain, Map.of("heartRate", 100));
            assertEquals(List.of("HR_HIGH"), raised(above));
            assertEquals(95.0, above.getDouble("alerts[0].limitValue"));
        } finally {
            admin().body(before).put("/api/thresholds").then().statusCode(200);
        }
    }

    @Test
    void prestartOverrideMovesTheGate() {
        long id = openSession();
        chart(id, Map.of("systolic", 150, "diastolic", 95, "heartRate", 80, "spo2", 97));
        nurse().body(transitionBody("INFUSING", null)).post("/api/sessions/" + id + "/transitions").then().statusCode(409);
        provider().body(Map.of("prestart", Map.of("systolic", 160, "diastolic", 100)))
                .put("/api/sessions/" + id + "/thresholds").then().statusCode(200)
                .body("effective.prestart.systolic", equalTo(160))
                .body("effective.prestart.diastolic", equalTo(100));
        nurse().body(transitionBody("INFUSING", null)).post("/api/sessions/" + id + "/transitions").then().statusCode(200);
    }

    @Test
    void aNewOverrideReplacesThePreviousOne() {
        long id = openSession();
        provider().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(200);
        Map<String, Object> clinic = parse(clinicJson());
        String body = provider().body(Map.of()).put("/api/sessions/" + id + "/thresholds").then().statusCode(200)
                .extract().asString();
        assertEquals(clinic, at(parse(body), "effective"));
        assertEquals(clinic, at(parse(nurse().get("/api/sessions/" + id + "/thresholds").then().extract().asString()), "effective"));
    }

    @Test
    void onlyProvidersSetSessionThresholds() {
        long id = openSession();
        nurse().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(403)
                .contentType("application/problem+json");
        admin().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(403);
        anonymous().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(401);
        nurse().get("/api/sessions/" + id + "/thresholds").then().body("overrides.rules", empty());
        as("charge").body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(200)
                .body("overrides.rules.condition", contains("SPO2_LOW"));
    }

    @Test
    void closedSessionThresholdsAreFrozen() {
        long id = infusingSession();
        transition(id, "STOPPED", "done");
        provider().body(SPO2_AT_90).put("/api/sessions/" + id + "/thresholds").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("closed"));
        nurse().get("/api/sessions/" + id + "/thresholds").then().statusCode(200).body("overrides.rules", empty());
    }

    @Test
    void invalidOverrideIsInvalidAndNamesItsPath() {
        long id = openSession();
        Map<String, Object> bad = copy(SPO2_AT_90);
        at(bad, "rules", 0, "limits", 0).put("value", 101);
        provider().body(bad).put("/api/sessions/" + id + "/thresholds").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("rules[0].limits[0].value"));
        provider().body(Map.of("charting", Map.of("infusingMinutes", 5, "recoveryMinutes", 15, "graceMinutes", 5)))
                .put("/api/sessions/" + id + "/thresholds").then().statusCode(422)
                .body("violations.field", contains("charting.priority"));
        provider().body(Map.of("prestart", Map.of("systolic", 300, "diastolic", 90)))
                .put("/api/sessions/" + id + "/thresholds").then().statusCode(422)
                .body("violations.field", contains("prestart.systolic"));
        nurse().get("/api/sessions/" + id + "/thresholds").then().body("overrides.rules", empty());
    }

    @Test
    void overrideMalformedOfTheWrongMediaTypeOrWithAnUnknownField() {
        long id = openSession();
        provider().body("{\"rules\": [{]}").put("/api/sessions/" + id + "/thresholds").then().statusCode(400)
                .contentType("application/problem+json");
        provider().contentType(ContentType.TEXT).body("{}").put("/api/sessions/" + id + "/thresholds").then().statusCode(415)
                .contentType("application/problem+json");
        provider().body(Map.of("spo2", 90)).put("/api/sessions/" + id + "/thresholds").then().statusCode(422)
                .body("violations.field", contains("spo2"));
        nurse().get("/api/sessions/" + id + "/thresholds").then().body("overrides.rules", empty());
    }

    @Test
    void unknownSessionIsNotFound() {
        nurse().get("/api/sessions/987654321/thresholds").then().statusCode(404).contentType("application/problem+json");
        provider().body(SPO2_AT_90).put("/api/sessions/987654321/thresholds").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
