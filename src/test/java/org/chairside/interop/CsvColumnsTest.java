package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.chairside.rules.Consciousness;
import org.chairside.vitals.ReadingInput;

/** Header matching and row reading, without Quarkus. */
class CsvColumnsTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-02T00:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SYS|SYSTOLIC", "NIBP-S|SYSTOLIC", "Systolic|SYSTOLIC", "NIBP Sys (mmHg)|SYSTOLIC", "sbp|SYSTOLIC",
            "DIA|DIASTOLIC", "NIBP-D|DIASTOLIC", "Diastolic [mmHg]|DIASTOLIC",
            "HR|HEART_RATE", "Heart Rate|HEART_RATE", "HR (bpm)|HEART_RATE", "Pulse|HEART_RATE", "PR|HEART_RATE",
            "SpO2|SPO2", "SpO2 %|SPO2", "SpO2 (%)|SPO2", "O2 Sat|SPO2",
            "RR|RESPIRATORY_RATE", "Resp Rate|RESPIRATORY_RATE", "Respiratory rate (/min)|RESPIRATORY_RATE",
            "Temp|TEMPERATURE", "Temp (C)|TEMPERATURE", "Temperature °C|TEMPERATURE", "Temp (F)|TEMPERATURE",
            "Temperature °F|TEMPERATURE", "Temp F|TEMPERATURE", "Temp degF|TEMPERATURE", "Temp °F|TEMPERATURE",
            "Time|TIME", "Timestamp|TIME", "Date Time|TIME", "takenAt|TIME", "Measured At|TIME", "Zeit|TIME",
            "On oxygen|ON_OXYGEN", "Oxygen|ON_OXYGEN", "Supplemental O2|ON_OXYGEN", "Air or oxygen|ON_OXYGEN",
            "ACVPU|CONSCIOUSNESS", "AVPU|CONSCIOUSNESS", "Consciousness|CONSCIOUSNESS", "LOC|CONSCIOUSNESS",
            "Level of consciousness|CONSCIOUSNESS",
            "MAP|IGNORE", "PI|IGNORE", "Comment|IGNORE"})
    void aliases(String header, String field) {
        List<String> headers = new java.util.ArrayList<>();
        headers.add(field.equals("TIME") ? header : "Time");
        if (!field.equals("TIME")) {
            headers.add(header);
        }
        switch (field) {
            case "SYSTOLIC" -> headers.add("DIA");
            case "DIASTOLIC" -> headers.add("SYS");
            case "IGNORE", "TIME", "ON_OXYGEN", "CONSCIOUSNESS" -> headers.add("SpO2");
            default -> {
            }
        }
        CsvColumns c = CsvColumns.resolve(headers, Map.of());
        String got = c.ignored().contains(header) ? "IGNORE" : c.describe().get(header);
        assertEquals(field, got);
    }

    @Test
    void oxygenAndConsciousnessCompleteARowAndADifferentWordIsAnotherReading() {
        CsvColumns c = CsvColumns.resolve(List.of("Time", "HR", "O2", "ACVPU"), Map.of("O2", "ON_OXYGEN"));
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 1);
        ReadingInput onAir = r.read(2, List.of("2025-03-01T10:00:00Z", "80", "air", "A"), CREATED, NOW).input();
        assertEquals(false, onAir.onOxygen());
        assertEquals(Consciousness.ALERT, onAir.consciousness());
        ReadingInput onO2 = r.read(3, List.of("2025-03-01T10:00:00Z", "80", "yes", "voice"), CREATED, NOW).input();
        assertEquals(true, onO2.onOxygen());
        assertEquals(Consciousness.VOICE, onO2.consciousness());
        assertTrue(!onAir.sourceRef().equals(onO2.sourceRef()), "same time and heart rate, other words: another reading");
        ReadingInput blank = r.read(4, List.of("2025-03-01T10:00:00Z", "80", "", "-"), CREATED, NOW).input();
        assertEquals(null, blank.onOxygen());
        assertEquals(null, blank.consciousness());

        CsvRowReader.RowResult bad = r.read(5, List.of("2025-03-01T10:00:00Z", "80", "2 L/min", "drowsy"), CREATED, NOW);
        assertEquals(List.of(new CsvRowReader.RowError(5, "O2", "'2 L/min' is neither oxygen nor air (yes/no, O2/air)"),
                new CsvRowReader.RowError(5, "ACVPU", "'drowsy' is not a level of consciousness (A, C, V, P or U: alert, new confusion,"
                        + " voice, pain, unresponsive)")), bad.errors());
    }

    /** A file imported before oxygen and consciousness were read keeps its keys: importing it again stores nothing new. */
    @Test
    void aRowWithoutOxygenOrConsciousnessKeepsTheKeyItHadBefore() {
        CsvColumns c = CsvColumns.resolve(List.of("Time", "HR"), Map.of());
        ReadingInput in = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 7).read(2, List.of("2025-03-01T10:00:00Z", "80"), CREATED, NOW).input();
        assertEquals("csv:" + CsvRowReader.sha256("7|2025-03-01T10:00:00Z|null|null|80|null|null|null"), in.sourceRef());
    }

    @Test
    void oxygenOrConsciousnessAloneIsNoVitalColumn() {
        CsvColumns.MappingException e = assertThrows(CsvColumns.MappingException.class,
                () -> CsvColumns.resolve(List.of("Time", "Oxygen", "AVPU"), Map.of()));
        assertTrue(e.violations().get(0).rule().startsWith("no vital column recognised"), e.violations().toString());
    }

    @Test
    void fahrenheitHeadersAreConverted() {
        CsvColumns c = CsvColumns.resolve(List.of("Time", "Temp (F)"), Map.of());
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 1);
        assertEquals(37.0, r.read(2, List.of("2025-03-01T10:00:00Z", "98.6"), CREATED, NOW).input().temperatureC());
    }

    /**
     * The key is made from the values as stored: 36.84 and 36.81 at one time were two keys, and so two readings both
     * stored as 36.8, the same reading twice.
     */
    @ParameterizedTest(name = "{0} and {1}: one reading {2}")
    @CsvSource({"36.84, 36.81, true", "36.84, 36.8, true", "36.75, 36.84, true", "36.84, 36.86, false", "36.8, 36.9, false",
            "98.6, 98.65, true"})
    void temperaturesStoredAlikeHaveOneKey(String first, String second, boolean same) {
        CsvColumns c = CsvColumns.resolve(List.of("Time", first.startsWith("98") ? "Temp (F)" : "Temp (C)"), Map.of());
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 1);
        ReadingInput a = r.read(2, List.of("2025-03-01T10:00:00Z", first), CREATED, NOW).input();
        ReadingInput b = r.read(3, List.of("2025-03-01T10:00:00Z", second), CREATED, NOW).input();
        assertEquals(same, a.sourceRef().equals(b.sourceRef()), a.temperatureC() + " vs " + b.temperatureC());
        assertEquals(same, a.chartedVitals().equals(b.chartedVitals()));
    }

    /** The headers a Fahrenheit thermometer's export uses were listed as ignored, and the temperatures dropped. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Temp (F)", "Temperature °F", "Temp F", "Temp degF", "Temp °F", "Temp [degF]"})
    void everyFahrenheitHeaderIsATemperatureConverted(String header) {
        CsvColumns c = CsvColumns.resolve(List.of("Time", header), Map.of());
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 1);
        assertEquals(37.0, r.read(2, List.of("2025-03-01T10:00:00Z", "98.6"), CREATED, NOW).input().temperatureC());
    }

    /**
     * A declared pattern reads dates strictly, as ISO-8601 times are: 31.11. was read as 30.11. and 29.02.2025 as
     * 28.02., a reading charted a day off without a word.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "dd.MM.yyyy HH:mm|01.03.2025 10:30|2025-03-01T09:30:00Z",
            "dd.MM.yyyy HH:mm|31.03.2025 10:30|2025-03-31T08:30:00Z",
            "dd.MM.yy HH:mm:ss|01.03.25 10:30:15|2025-03-01T09:30:15Z",
            "uuuu-MM-dd HH:mm|2025-03-01 10:30|2025-03-01T09:30:00Z",
            "dd.MM.yyyy HH:mm|31.04.2025 10:30|",
            "dd.MM.yyyy HH:mm|29.02.2025 10:30|",
            "dd.MM.yyyy HH:mm|30.02.2025 10:30|",
            "dd.MM.yyyy HH:mm|01.03.2025 24:30|",
            "MM/dd/yyyy hh:mm a|02/29/2025 09:30 AM|"})
    void aDeclaredPatternRefusesDatesThatDoNotExist(String pattern, String time, String expected) {
        CsvColumns c = CsvColumns.resolve(List.of("Zeit", "HR"), Map.of());
        CsvRowReader r = new CsvRowReader(c, CsvRowReader.timePattern(pattern), ZoneId.of("Europe/Berlin"), false, 1);
        CsvRowReader.RowResult res = r.read(2, List.of(time, "70"), CREATED.minusSeconds(86400 * 60), NOW.plusSeconds(86400 * 60));
        if (expected == null) {
            assertEquals("Zeit", res.errors().get(0).column(), res.errors().toString());
            assertTrue(res.errors().get(0).reason().contains("is not a time in the declared pattern"), res.errors().toString());
        } else {
            assertTrue(res.ok(), res.errors().toString());
            assertEquals(Instant.parse(expected), res.input().takenAt());
        }
    }

    @Test
    void mappingProblemsAreNamed() {
        CsvColumns.MappingException e = assertThrows(CsvColumns.MappingException.class,
                () -> CsvColumns.resolve(List.of("When", "SYS"), Map.of("Nope", "SYSTOLIC")));
        List<String> rules = e.violations().stream().map(v -> v.rule()).toList();
        assertTrue(rules.stream().anyMatch(x -> x.contains("no column 'Nope'")), rules.toString());
        assertTrue(rules.stream().anyMatch(x -> x.contains("no time column")), rules.toString());
        assertTrue(rules.stream().anyMatch(x -> x.contains("systolic and diastolic")), rules.toString());
        assertThrows(CsvColumns.MappingException.class, () -> CsvColumns.resolve(List.of("Time", "HR", "Heart Rate"), Map.of()));
        assertThrows(CsvColumns.MappingException.class, () -> CsvColumns.resolve(List.of("Time", "Timestamp", "HR"), Map.of()));
        CsvColumns ok = CsvColumns.resolve(List.of("Time", "Timestamp", "HR"), Map.of("Timestamp", "IGNORE"));
        assertEquals("Time", ok.time().header());
    }

    @ParameterizedTest(name = "row {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "2025-03-01T10:00:00Z,120,80,70,98|ok|",
            "2025-03-01 11:00:00,120,80,70,98|ok|",
            "2025-03-01T10:00:00+02:00,120.4,80,70,98|ok|",
            "2025-03-01T10:00:00Z,,,70,--|ok|",
            "2025-03-01T10:00:00Z,abc,80,70,98|SYS|not a number",
            // refused from its text: as a BigDecimal, rounding 1E10000000 takes minutes, even in a preview
            "2025-03-01T10:00:00Z,120,80,1E10000000,98|HR|is not a plausible Heart rate: the plausible range is 20-300 /min",
            // beyond an int: intValue() kept the low 32 bits and charted 120
            "2025-03-01T10:00:00Z,120,80,4294967416,98|HR|is not a plausible Heart rate: the plausible range is 20-300 /min",
            "2025-03-01T10:00:00Z,120,80,-4294967176,98|HR|is not a plausible Heart rate",
            "2025-03-01T10:00:00Z,120,80,70,1E-30000000|SpO2|is not a plausible SpO2: the plausible range is 50-100 %",
            "2025-03-01T10:00:00Z,120,80,70,101|SpO2|plausible range",
            "2025-03-01T10:00:00Z,80,90,70,98|SYS|above diastolic",
            "2025-03-01T10:00:00Z,120,,70,98|DIA|charted together",
            "2025-03-01T10:00:00Z,,,,|*|at least one vital",
            "yesterday,120,80,70,98|Time|not a time",
            ",120,80,70,98|Time|is empty",
            "2025-02-28T10:00:00Z,120,80,70,98|Time|before the session",
            "2025-03-05T10:00:00Z,120,80,70,98|Time|future"})
    void rows(String row, String column, String reason) {
        CsvColumns c = CsvColumns.resolve(List.of("Time", "SYS", "DIA", "HR", "SpO2"), Map.of());
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 7);
        CsvRowReader.RowResult res = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> r.read(9, Arrays.asList(row.split(",", -1)), CREATED, NOW));
        if (column.equals("ok")) {
            assertTrue(res.ok(), res.errors().toString());
            assertTrue(res.input().sourceRef().startsWith("csv:"));
        } else {
            assertEquals(column, res.errors().get(0).column(), res.errors().toString());
            assertTrue(res.errors().get(0).reason().contains(reason), res.errors().toString());
            assertEquals(9, res.errors().get(0).row());
        }
    }

    @Test
    void sameTimeAndValuesGiveTheSameSourceRef() {
        CsvColumns c = CsvColumns.resolve(List.of("Time", "HR"), Map.of());
        CsvRowReader r = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 7);
        ReadingInput a = r.read(2, List.of("2025-03-01T10:00:00Z", "70"), CREATED, NOW).input();
        ReadingInput b = r.read(5, List.of("2025-03-01T10:00:00.000Z", "70.0"), CREATED, NOW).input();
        ReadingInput other = new CsvRowReader(c, null, ZoneId.of("UTC"), false, 8).read(2, List.of("2025-03-01T10:00:00Z", "70"), CREATED, NOW).input();
        assertEquals(a.sourceRef(), b.sourceRef());
        assertTrue(!a.sourceRef().equals(other.sourceRef()), "another session, another key");
    }

    @Test
    void declaredPatternZoneAndDecimalComma() {
        CsvColumns c = CsvColumns.resolve(List.of("Zeit", "Temp"), Map.of());
        CsvRowReader r = new CsvRowReader(c, CsvRowReader.timePattern("dd.MM.yyyy HH:mm"), ZoneId.of("Europe/Berlin"), true, 1);
        ReadingInput in = r.read(2, List.of("01.03.2025 10:30", "36,7"), CREATED, NOW).input();
        assertEquals(Instant.parse("2025-03-01T09:30:00Z"), in.takenAt());
        assertEquals(36.7, in.temperatureC());
    }
}
