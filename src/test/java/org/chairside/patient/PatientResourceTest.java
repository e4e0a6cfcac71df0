package org.chairside.patient;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.as;
import static org.chairside.TestClinic.newPatient;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/patients}, {@code GET /api/patients?q=}, {@code GET /api/patients/{id}}. */
@QuarkusTest
class PatientResourceTest {

    private static Map<String, Object> patient(String mrn) {
        Map<String, Object> p = new HashMap<>();
        p.put("mrn", mrn);
        p.put("givenName", "Robin");
        p.put("familyName", unique("Fam"));
        p.put("birthDate", "1980-02-29");
        p.put("weightKg", 81.5);
        return p;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> p = patient(unique("MRN"));
        p.put(field, value);
        return p;
    }

    @Test
    void nurseCreatesPatientAndReadsItBack() {
        String mrn = unique("MRN");
        Map<String, Object> body = patient(mrn);
        long id = nurse().body(body).post("/api/patients")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/patients/\\d+"))
                .body("mrn", equalTo(mrn))
                .body("givenName", equalTo("Robin"))
                .body("familyName", equalTo(body.get("familyName")))
                .body("birthDate", equalTo("1980-02-29"))
                .body("weightKg", equalTo(81.5f))
                .extract().jsonPath().getLong("id");

        nurse().get("/api/patients/" + id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("mrn", equalTo(mrn))
                .body("birthDate", equalTo("1980-02-29"));
    }

    @Test
    void providerMayCreatePatients() {
        provider().body(patient(unique("MRN"))).post("/api/patients").then().statusCode(201);
        as("charge").body(patient(unique("MRN"))).post("/api/patients").then().statusCode(201);
    }

    @Test
    void weightIsOptional() {
        Map<String, Object> body = patient(unique("MRN"));
        body.remove("weightKg");
        nurse().body(body).post("/api/patients").then().statusCode(201);
    }

    @Test
    void adminMayNotCreatePatientsButMayReadThem() {
        String mrn = unique("MRN");
        admin().body(patient(mrn)).post("/api/patients").then().statusCode(403);
        nurse().get("/api/patients?q=" + mrn).then().statusCode(200).body("$", empty());

        long id = newPatient();
        admin().get("/api/patients/" + id).then().statusCode(200);
        admin().get("/api/patients").then().statusCode(200);
    }

    @Test
    void anonymousMayNeitherCreateNorRead() {
        String mrn = unique("MRN");
        anonymous().body(patient(mrn)).post("/api/patients").then().statusCode(401);
        nurse().get("/api/patients?q=" + mrn).then().body("$", empty());
        long id = newPatient();
        anonymous().get("/api/patients/" + id).then().statusCode(401);
        anonymous().get("/api/patients?q=MRN").then().statusCode(401);
    }

    @Test
    void duplicateMrnIsConflict() {
        String mrn = unique("MRN");
        nurse().body(patient(mrn)).post("/api/patients").then().statusCode(201);
        provider().body(patient(mrn)).post("/api/patients")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(mrn));
        nurse().get("/api/patients?q=" + mrn).then().body("mrn", contains(mrn));
    }

    @Test
    void missingNameIsInvalid() {
        Map<String, Object> body = patient(unique("MRN"));
        body.remove("givenName");
        nurse().body(body).post("/api/patients")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("givenName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rob\u0000in", "\u202Enibor", "Robin\nSmith"})
    void aNameWithInvisibleOrLineBreakingCharactersIsRefusedAndNothingIsStored(String givenName) {
        String mrn = unique("MRN");
        Map<String, Object> body = patient(mrn);
        body.put("givenName", givenName);
        nurse().body(body).post("/api/patients")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("givenName"))
                .body("violations[0].rule", matchesPattern("must (not contain|be a single line).* at character \\d+\\)"));
        nurse().queryParam("q", mrn).get("/api/patients").then().statusCode(200).body("$", empty());
    }

    @Test
    void aNameInAnyScriptIsStoredAsSent() {
        long id = nurse().body(with("familyName", "\u0645\u062D\u0645\u062F \u200F\u0639\u0644\u064A")).post("/api/patients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        nurse().get("/api/patients/" + id).then().body("familyName", equalTo("\u0645\u062D\u0645\u062F \u200F\u0639\u0644\u064A"));
    }

    @Test
    void badMrnIsInvalid() {
        nurse().body(with("mrn", "has spaces!")).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("mrn"));
    }

    @Test
    void birthDateInTheFutureIsInvalid() {
        nurse().body(with("birthDate", LocalDate.now().plusDays(1).toString())).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("birthDate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9999-01-01", "0000-01-01", "1582-10-10", "1899-12-31"})
    void birthDateBeforeTheEarliestPlausibleIsInvalidAndNothingIsStored(String birthDate) {
        String mrn = unique("MRN");
        Map<String, Object> body = patient(mrn);
        body.put("birthDate", birthDate);
        nurse().body(body).post("/api/patients")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("birthDate"))
                .body("violations[0].rule", equalTo("must be from 1900-01-01 and in the past"));
        nurse().queryParam("q", mrn).get("/api/patients").then().statusCode(200).body("$", empty());
    }

    @Test
    void theEarliestPlausibleBirthDateIsStoredAsSent() {
        long id = nurse().body(with("birthDate", "1900-01-01")).post("/api/patients")
                .then().statusCode(201).body("birthDate", equalTo("1900-01-01")).extract().jsonPath().getLong("id");
        nurse().get("/api/patients/" + id).then().body("birthDate", equalTo("1900-01-01"));
    }

    @Test
    void birthDateThatIsNotADateIsInvalid() {
        nurse().body(with("birthDate", "31/12/1970")).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("birthDate"));
    }

    @Test
    void implausibleWeightIsInvalid() {
        nurse().body(with("weightKg", 1.5)).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("weightKg"))
                .body("violations[0].rule", containsString("2-400"));
        nurse().body(with("weightKg", 401)).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("weightKg"));
    }

    @Test
    void aWeightWithMoreDecimalsThanTheRecordKeepsIsRefusedAndNothingIsStored() {
        String mrn = unique("MRN");
        Map<String, Object> body = patient(mrn);
        body.put("weightKg", new BigDecimal("70.05"));
        nurse().body(body).post("/api/patients")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("weightKg"))
                .body("violations[0].rule", equalTo("must have at most 1 decimal"));
        nurse().queryParam("q", mrn).get("/api/patients").then().statusCode(200).body("$", empty());
    }

    @Test
    void theAnswerToCreatingShowsWhatALaterReadReturns() {
        Map<String, Object> body = with("weightKg", 64);
        JsonPath answer = nurse().body(body).post("/api/patients").then().statusCode(201).extract().jsonPath();
        JsonPath stored = nurse().get("/api/patients/" + answer.getLong("id")).then().statusCode(200).extract().jsonPath();
        // compared as parsed, so 64 against 64.0 (an integer against a decimal) is a difference
        assertEquals(stored.<Object>get("$"), answer.get("$"));
    }

    @Test
    void weightOfTheWrongTypeIsInvalid() {
        nurse().body(with("weightKg", "heavy")).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("weightKg"));
    }

    @Test
    void unknownFieldIsInvalid() {
        nurse().body(with("weight", 70)).post("/api/patients")
                .then().statusCode(422).body("violations.field", contains("weight"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        nurse().body("{\"mrn\": ").post("/api/patients")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void missingBodyIsInvalid() {
        nurse().post("/api/patients").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        nurse().contentType(ContentType.TEXT).body("mrn=1").post("/api/patients")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void searchFindsByMrnPrefixAndByName() {
        String tag = unique("Zq").replace("-", "");
        String mrn = tag + "-1";
        String family = "Okafor" + tag;
        long id = nurse().body(Map.of("mrn", mrn, "givenName", "Ada", "familyName", family, "birthDate", "1990-01-01"))
                .post("/api/patients").then().statusCode(201).extract().jsonPath().getLong("id");
        long other = newPatient();

        nurse().get("/api/patients?q=" + tag).then().statusCode(200)
                .body("id", contains((int) id));
        nurse().queryParam("q", family.toLowerCase()).get("/api/patients").then().statusCode(200)
                .body("id", contains((int) id));
        provider().queryParam("q", "ada " + family.toUpperCase()).get("/api/patients").then().statusCode(200)
                .body("id", contains((int) id));
        nurse().queryParam("q", " " + mrn + " ").get("/api/patients").then().statusCode(200)
                .body("mrn", contains(mrn));
        nurse().queryParam("q", tag + "-nothing").get("/api/patients").then().statusCode(200)
                .body("$", empty());
        nurse().queryParam("q", tag).get("/api/patients").then().body("id", not(hasItem((int) other)));
    }

    @Test
    void searchWithoutQueryListsPatients() {
        newPatient();
        nurse().get("/api/patients").then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void searchOrdersByFamilyName() {
        String tag = unique("Ord").replace("-", "");
        nurse().body(Map.of("mrn", tag + "-b", "givenName", "B", "familyName", tag + "Beta", "birthDate", "1990-01-01"))
                .post("/api/patients").then().statusCode(201);
        nurse().body(Map.of("mrn", tag + "-a", "givenName", "A", "familyName", tag + "Alpha", "birthDate", "1990-01-01"))
                .post("/api/patients").then().statusCode(201);
        nurse().queryParam("q", tag).get("/api/patients").then().statusCode(200)
                .body("familyName", contains(tag + "Alpha", tag + "Beta"));
    }

    @Test
    void searchTreatsWildcardsLiterally() {
        String tag = unique("Wc").replace("-", "");
        for (String[] p : new String[][] {{tag + "a", "Card_" + tag}, {tag + "b", "Cardx" + tag}, {tag + "c", "Card%" + tag}}) {
            nurse().body(Map.of("mrn", p[0], "givenName", "W", "familyName", p[1], "birthDate", "1990-01-01"))
                    .post("/api/patients").then().statusCode(201);
        }
        // "_" and "%" are the characters typed, not any character and anything
        nurse().queryParam("q", "card_" + tag).get("/api/patients").then().statusCode(200).body("mrn", contains(tag + "a"));
        nurse().queryParam("q", "card%" + tag).get("/api/patients").then().statusCode(200).body("mrn", contains(tag + "c"));
        nurse().queryParam("q", "card" + tag).get("/api/patients").then().statusCode(200).body("mrn", empty());
        nurse().queryParam("q", "%").get("/api/patients").then().statusCode(200).body("mrn", not(hasItem(tag + "b")));
    }

    @Test
    void unknownPatientIsNotFound() {
        nurse().get("/api/patients/987654321")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("987654321"));
    }

    @Test
    void nonNumericIdIsNotFound() {
        nurse().get("/api/patients/abc").then().statusCode(404).contentType("application/problem+json");
    }
}
