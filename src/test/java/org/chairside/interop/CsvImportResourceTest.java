package org.chairside.interop;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.interop.InteropFixture.readingCount;
import static org.chairside.interop.InteropFixture.resource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class CsvImportResourceTest {
    private static final Instant BEFORE_FILES = Instant.parse("2025-03-01T06:00:00Z");

    private static long session() {
        return (long) InteropFixture.sessionOpenedAt(BEFORE_FILES)[0];
    }

    private static Response post(io.restassured.specification.RequestSpecification as, long sessionId, String file, Map<String, ?> query) {
        return as.contentType("text/csv").queryParams(query).body(resource("csv/" + file))
                .post("/api/sessions/" + sessionId + "/imports/csv");
    }

    @Test
    void monitorExportIsStoredAsCsvReadingsWithHistoricalAlerts() {
        long s = session();
        post(nurse(), s, "monitor-nibp.csv", Map.of()).then().statusCode(200)
                .header("Location", containsString("/api/imports/"))
                .body("state", equalTo("DONE"))
                .body("rowsRead", equalTo(4)).body("rowsStored", equalTo(4)).body("rowsRejected", equalTo(0))
                .body("columns.'NIBP-S'", equalTo("SYSTOLIC")).body("columns.'SpO2 %'", equalTo("SPO2"))
                .body("columns.'Temp (C)'", equalTo("TEMPERATURE")).body("columns.Time", equalTo("TIME"))
                .body("percent", equalTo(100));
        JsonPath readings = nurse().get("/api/sessions/" + s + "/readings").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(122, 131, 165, 148), readings.getList("systolic"));
        assertEquals(List.of("CSV", "CSV", "CSV", "CSV"), readings.getList("source"));
        assertEquals("2025-03-01T09:20:00Z", readings.getString("[2].takenAt"));
        assertEquals(36.8f, readings.getFloat("[3].temperatureC"));
        // 165/96 is hours old: the alert is recorded, marked historical, and does not sound.
        nurse().get("/api/alerts?sessionId=" + s).then().statusCode(200)
                .body("condition", hasItem("BP_HIGH"))
                .body("historical", everyItem(equalTo(true)));
    }

    /** A nurse's spreadsheet with the whole NEWS2 set: its rows carry oxygen and consciousness, and so a score. */
    @Test
    void aSpreadsheetWithOxygenAndConsciousnessGivesEachReadingItsNews2() {
        long s = session();
        String rows = "Time,RR,SpO2,On oxygen,Systolic,Diastolic,Pulse,ACVPU,Temp (C)\n"
                + "2025-03-01T09:00:00Z,16,97,air,122,78,72,A,36.8\n"
                + "2025-03-01T09:15:00Z,22,93,yes,104,66,112,V,38.4\n"
                + "2025-03-01T09:30:00Z,16,97,2 L/min,122,78,72,drowsy,36.8\n";
        nurse().contentType("text/csv").queryParam("dryRun", true).body(rows).post("/api/sessions/" + s + "/imports/csv").then()
                .statusCode(200).body("columns.'On oxygen'", equalTo("ON_OXYGEN")).body("columns.ACVPU", equalTo("CONSCIOUSNESS"))
                .body("preview[1].onOxygen", equalTo(true)).body("preview[1].consciousness", equalTo("VOICE"))
                .body("rejected.find { it.row == 4 && it.column == 'On oxygen' }.reason", containsString("neither oxygen nor air"))
                .body("rejected.find { it.row == 4 && it.column == 'ACVPU' }.reason", containsString("not a level of consciousness"));
        nurse().contentType("text/csv").queryParam("policy", "valid-rows").body(rows).post("/api/sessions/" + s + "/imports/csv").then()
                .statusCode(200).body("rowsStored", equalTo(2)).body("rowsRejected", equalTo(1));
        JsonPath readings = nurse().get("/api/sessions/" + s + "/readings").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(false, true), readings.getList("onOxygen"));
        assertEquals(List.of("ALERT", "VOICE"), readings.getList("consciousness"));
        assertEquals(0, readings.getInt("[0].news2.score"));
        // RR 22 (2), SpO2 93 (2), oxygen (2), systolic 104 (1), pulse 112 (2), voice (3), 38.4 °C (1)
        assertEquals(13, readings.getInt("[1].news2.score"));
        assertEquals("HIGH", readings.getString("[1].news2.band"));
        // the same file again stores nothing new
        nurse().contentType("text/csv").queryParam("policy", "valid-rows").body(rows).post("/api/sessions/" + s + "/imports/csv").then()
                .statusCode(200).body("rowsStored", equalTo(0)).body("duplicates", equalTo(2));
    }

    @Test
    void aConditionRaisedClearedAndRaisedAgainInOneFile() {
        long s = session();
        post(nurse(), s, "high-normal-high.csv", Map.of()).then().statusCode(200).body("rowsStored", equalTo(5));
        nurse().get("/api/alerts?sessionId=" + s).then().statusCode(200)
                .body("findAll { it.condition == 'BP_HIGH' }.size()", equalTo(3))
                .body("findAll { it.condition == 'BP_HIGH' && it.state != 'RESOLVED' }.size()", equalTo(1));
    }

    /** Keyed by the temperature before rounding, 36.84 and 36.81 at one time were two readings, both stored as 36.8. */
    @Test
    void rowsThatAreStoredAlikeAreOneReading() {
        long s = session();
        String rows = "Time,HR,Temp (C)\n2025-03-01T09:00:00Z,71,36.84\n2025-03-01T09:00:00Z,71,36.81\n";
        nurse().contentType("text/csv").body(rows).post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsStored", equalTo(1)).body("duplicates", equalTo(1));
        nurse().contentType("text/csv").body("Time,HR,Temp (C)\n2025-03-01T09:00:00Z,71,36.8\n")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200).body("rowsStored", equalTo(0)).body("duplicates", equalTo(1));
        nurse().get("/api/sessions/" + s + "/readings").then().statusCode(200).body("temperatureC", equalTo(List.of(36.8f)));
    }

    @Test
    void reimportStoresOnce() {
        long s = session();
        post(nurse(), s, "monitor-nibp.csv", Map.of()).then().statusCode(200).body("rowsStored", equalTo(4));
        post(provider(), s, "monitor-nibp.csv", Map.of()).then().statusCode(200)
                .body("rowsStored", equalTo(0)).body("duplicates", equalTo(4));
        assertEquals(4, readingCount(s));
    }

    @Test
    void europeanSpreadsheetWithPatternZoneSemicolonsAndBom() {
        long s = session();
        nurse().contentType("text/csv; charset=UTF-8").queryParams(Map.of("timePattern", "dd.MM.yyyy HH:mm", "zone", "Europe/Berlin"))
                .body(resource("csv/spreadsheet-eu.csv").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200).body("rowsStored", equalTo(3)).body("columns.Zeit", equalTo("TIME"))
                .body("columns.Pulse", equalTo("HEART_RATE"));
        JsonPath r = nurse().get("/api/sessions/" + s + "/readings").then().extract().jsonPath();
        assertEquals("2025-03-01T09:00:00Z", r.getString("[0].takenAt"));
        assertEquals(36.5f, r.getFloat("[0].temperatureC"));
        assertEquals((Object) null, r.get("[2].systolic"));
        assertEquals(72, r.getInt("[2].heartRate"));
    }

    /**
     * Excel's "CSV UTF-8" writes a byte order mark and quotes a header that holds the delimiter. The mark was removed
     * only after the header was split: the quote after it was no quote, "Time, local" became two columns and every
     * later column read its neighbour's cells (120/80/70 was stored as systolic 80, diastolic 70).
     */
    @Test
    void aByteOrderMarkBeforeAQuotedHeaderKeepsTheColumnsInPlace() {
        long s = session();
        String csv = "\uFEFF\"Time, local\",SYS,DIA,HR\n2025-03-01T09:00:00Z,120,80,70\n";
        nurse().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("map", "Time, local=TIME")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsStored", equalTo(1)).body("columns.'Time, local'", equalTo("TIME")).body("ignoredColumns", hasSize(0));
        JsonPath r = nurse().get("/api/sessions/" + s + "/readings").then().extract().jsonPath();
        assertEquals(120, r.getInt("[0].systolic"));
        assertEquals(80, r.getInt("[0].diastolic"));
        assertEquals(70, r.getInt("[0].heartRate"));
    }

    /**
     * A bad row is named by the row a spreadsheet shows: blank lines count. A row of delimiters only (what a
     * spreadsheet writes for a formatted, empty row) is a blank line, not a reading without a time.
     */
    @Test
    void rowNumbersCountBlankLinesAndRowsOfDelimitersOnlyAreBlank() {
        long s = session();
        String csv = "Time;SYS;DIA;HR\n2025-03-01T09:00:00Z;120;80;70\n\n;;;\n2025-03-01T09:10:00Z;abc;80;70\n;;;\n";
        nurse().contentType("text/csv").body(csv).queryParam("dryRun", true)
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsRead", equalTo(2)).body("rowsValid", equalTo(1)).body("rowsRejected", equalTo(1))
                .body("rejected", hasSize(1)).body("rejected[0].row", equalTo(5)).body("rejected[0].column", equalTo("SYS"));
        nurse().contentType("text/csv").body("\nTime,HR\n\n2025-03-01T09:00:00Z,70\n,\n2025-03-01T09:10:00Z,x\n")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(422)
                .body("violations.field", equalTo(List.of("row 6, column HR")));
        nurse().contentType("text/csv").body("Time,HR\n\n2025-03-01T09:00:00Z,70\n,\n2025-03-01T09:10:00Z,71\n")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200).body("rowsStored", equalTo(2));
        assertEquals(2, readingCount(s));
    }

    @Test
    void explicitMappingForUnknownHeaders() {
        long s = session();
        post(nurse(), s, "vendor-custom.csv", Map.of("zone", "UTC")).then().statusCode(422)
                .body("violations.rule", hasItem(containsString("no vital column")));
        nurse().contentType("text/csv").body(resource("csv/vendor-custom.csv"))
                .queryParam("map", "Sys Pressure=SYSTOLIC", "Dia Pressure=DIASTOLIC", "Heart Beat=heartRate", "O2=SPO2")
                .queryParam("zone", "UTC")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsStored", equalTo(2)).body("ignoredColumns", equalTo(List.of("Comment")));
        assertEquals(2, readingCount(s));
    }

    @Test
    void mappingErrorsAreNamed() {
        long s = session();
        nurse().contentType("text/csv").body(resource("csv/vendor-custom.csv")).queryParam("map", "Nope=SYSTOLIC", "O2=OXYGEN")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(422)
                .body("violations.field", hasItem("map"))
                .body("violations.rule", hasItem(containsString("no column 'Nope'")))
                .body("violations.rule", hasItem(containsString("'OXYGEN'")));
        nurse().contentType("text/csv").body(resource("csv/vendor-custom.csv")).queryParam("map", "novalue")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(422).body("violations[0].field", equalTo("map"));
    }

    @Test
    void preferredHeartRateColumnAndPulseFillsGaps() {
        long s = session();
        post(nurse(), s, "hr-and-pulse.csv", Map.of()).then().statusCode(200).body("rowsStored", equalTo(2))
                .body("columns.Pulse", equalTo("HEART_RATE")).body("columns.'Resp Rate'", equalTo("RESPIRATORY_RATE"));
        JsonPath r = nurse().get("/api/sessions/" + s + "/readings").then().extract().jsonPath();
        assertEquals(List.of(70, 73), r.getList("heartRate"));
        assertEquals("2025-03-01T08:00:00Z", r.getString("[0].takenAt"));
    }

    @Test
    void dryRunReportsAndStoresNothing() {
        long s = session();
        post(nurse(), s, "with-errors.csv", Map.of("dryRun", true)).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("rowsRead", equalTo(6)).body("rowsValid", equalTo(2))
                .body("rowsRejected", equalTo(4)).body("rowsStored", equalTo(0))
                .body("preview", hasSize(2)).body("preview[0].row", equalTo(2)).body("preview[1].systolic", equalTo(124))
                .body("rejected.find { it.row == 3 }.column", equalTo("SYS"))
                .body("rejected.find { it.row == 3 }.reason", containsString("not a number"))
                .body("rejected.find { it.row == 4 }.column", equalTo("SpO2"))
                .body("rejected.find { it.row == 5 }.column", equalTo("Time"))
                .body("rejected.find { it.row == 6 }.reason", containsString("above diastolic"))
                .body("detail", containsString("nothing would be stored"));
        assertEquals(0, readingCount(s));
        post(nurse(), s, "monitor-nibp.csv", Map.of("dryRun", "true")).then().statusCode(200).body("rowsValid", equalTo(4));
        assertEquals(0, readingCount(s));
        // anything but true or false is refused, not read as false: "yes" would otherwise store the preview
        post(nurse(), s, "monitor-nibp.csv", Map.of("dryRun", "yes")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("dryRun")).body("violations[0].rule", equalTo("must be true or false"));
        assertEquals(0, readingCount(s));
    }

    /** Rounding 1E10000000 as a BigDecimal held the request for minutes, even in a preview; 4294967416 was charted as 120. */
    @Test
    void aNumberNoVitalCanBeIsARejectedRowAtOnceNamingTheVitalAndItsRange() {
        long s = session();
        String csv = "Time,HR,SpO2\n2025-03-01T09:00:00Z,1E10000000,98\n2025-03-01T09:10:00Z,4294967416,98\n2025-03-01T09:20:00Z,72,98\n";
        Response preview = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> nurse().contentType("text/csv").body(csv)
                .queryParam("dryRun", true).post("/api/sessions/" + s + "/imports/csv"));
        preview.then().statusCode(200).body("rowsRejected", equalTo(2)).body("rowsValid", equalTo(1))
                .body("rejected.column", everyItem(equalTo("HR")))
                .body("rejected[0].reason", equalTo("'1E10000000' is not a plausible Heart rate: the plausible range is 20-300 /min"))
                .body("rejected[1].reason", equalTo("'4294967416' is not a plausible Heart rate: the plausible range is 20-300 /min"));
        nurse().contentType("text/csv").body(csv).post("/api/sessions/" + s + "/imports/csv").then().statusCode(422)
                .body("violations.field", hasItem("row 2, column HR"));
        assertEquals(0, readingCount(s));
    }

    @Test
    void allOrNoneRejectsTheWholeFile() {
        long s = session();
        post(nurse(), s, "with-errors.csv", Map.of()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Import rejected"))
                .body("violations.field", hasItem("row 3, column SYS"))
                .body("report.state", equalTo("REJECTED")).body("report.rowsRejected", equalTo(4));
        assertEquals(0, readingCount(s));
    }

    @Test
    void validRowsPolicyStoresTheGoodRows() {
        long s = session();
        post(nurse(), s, "with-errors.csv", Map.of("policy", "valid-rows")).then().statusCode(200)
                .body("rowsStored", equalTo(2)).body("rowsRejected", equalTo(4)).body("rejected", hasSize(4));
        assertEquals(2, readingCount(s));
    }

    @Test
    void progressAndReportAreReadableByImportId() {
        long s = session();
        String id = TestClinic.unique("imp");
        post(nurse(), s, "monitor-nibp.csv", Map.of("importId", id)).then().statusCode(200).body("importId", equalTo(id));
        TestClinic.as("admin").get("/api/imports/" + id).then().statusCode(200)
                .body("state", equalTo("DONE")).body("phase", equalTo("FINISHED")).body("percent", equalTo(100))
                .body("rowsStored", equalTo(4)).body("columns.HR", equalTo("HEART_RATE"));
        nurse().get("/api/sessions/" + s + "/imports").then().statusCode(200).body("importId", hasItem(id));
        post(nurse(), s, "monitor-nibp.csv", Map.of("importId", id)).then().statusCode(409);
        post(nurse(), s, "monitor-nibp.csv", Map.of("importId", "x y")).then().statusCode(422).body("violations[0].field", equalTo("importId"));
        nurse().get("/api/imports/does-not-exist").then().statusCode(404);
        anonymous().get("/api/imports/" + id).then().statusCode(401);
    }

    @Test
    void badRequestsAreClear4xx() {
        long s = session();
        post(nurse(), s, "monitor-nibp.csv", Map.of("policy", "some")).then().statusCode(422).body("violations[0].field", equalTo("policy"));
        post(nurse(), s, "monitor-nibp.csv", Map.of("zone", "Mars/Olympus")).then().statusCode(422).body("violations[0].field", equalTo("zone"));
        post(nurse(), s, "monitor-nibp.csv", Map.of("timePattern", "yyyy-MM-dd'T")).then().statusCode(422);
        post(nurse(), 987654321L, "monitor-nibp.csv", Map.of()).then().statusCode(404);
        nurse().contentType("application/json").body("{}").post("/api/sessions/" + s + "/imports/csv").then().statusCode(415)
                .contentType("application/problem+json");
        nurse().contentType("text/csv").body("").post("/api/sessions/" + s + "/imports/csv").then().statusCode(422);
        nurse().contentType("text/csv").body("Time,SYS,DIA\n2025-03-01T09:00:00Z,\"12\"0,80\n")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(400).body("title", equalTo("Malformed CSV"));
        nurse().contentType("text/csv").body("Time,SYS\n2025-03-01T09:00:00Z,120\n")
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(422)
                .body("violations[0].rule", containsString("systolic and diastolic"));
        assertEquals(0, readingCount(s));
    }

    @Test
    void bytesNotOfTheDeclaredCharsetAreA400BeforeAnyRowIsStored() {
        long s = session();
        StringBuilder csv = new StringBuilder("Time,HR,Note\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(java.time.Instant.parse("2025-03-01T09:00:00Z").plusSeconds(i)).append(",70,ok\n");
        }
        // Far down the file (past the first chunks stored), in a column nobody reads: a spreadsheet's Windows-1252 export
        csv.append("2025-03-01T10:00:00Z,72,caf\u00e9 au lait\n");
        byte[] latin = csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1252"));
        // As sent by curl: no charset, so UTF-8 (RestAssured would otherwise add ISO-8859-1 to the type)
        nurse().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(latin).post("/api/sessions/" + s + "/imports/csv").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed CSV"))
                .body("detail", containsString("not valid UTF-8")).body("detail", containsString("charset="));
        assertEquals(0, readingCount(s));
        nurse().contentType("text/csv; charset=windows-1252").body(latin).post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsStored", equalTo(2501));
        assertEquals(2501, readingCount(s));
    }

    @Test
    void closedSessionIs409AndFutureRowsAreRejected() {
        long s = session();
        nurse().contentType("text/csv").body("Time,HR\n2999-01-01T00:00:00Z,70\n").queryParam("dryRun", true)
                .post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rejected[0].reason", containsString("future"));
        TestClinic.transition(s, "STOPPED", "patient left");
        post(nurse(), s, "monitor-nibp.csv", Map.of()).then().statusCode(409);
    }

    @Test
    void rolesAreEnforced() {
        long s = session();
        anonymous().contentType("text/csv").body(resource("csv/monitor-nibp.csv")).post("/api/sessions/" + s + "/imports/csv")
                .then().statusCode(401);
        TestClinic.admin().contentType("text/csv").body(resource("csv/monitor-nibp.csv")).post("/api/sessions/" + s + "/imports/csv")
                .then().statusCode(403);
        post(TestClinic.as("charge"), s, "monitor-nibp.csv", Map.of()).then().statusCode(200).body("startedBy", notNullValue());
    }
}
