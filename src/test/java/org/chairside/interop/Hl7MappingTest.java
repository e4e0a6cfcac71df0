package org.chairside.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.Vital;
import org.chairside.vitals.ReadingInput;

/** The MDC code table, units and the ORU^R01 mapper, without Quarkus. */
class Hl7MappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"150021,SYSTOLIC", "150022,DIASTOLIC", "150301,SYSTOLIC", "150302,DIASTOLIC", "147842,HEART_RATE",
            "149530,HEART_RATE", "150456,SPO2", "151562,RESPIRATORY_RATE", "150344,TEMPERATURE", "150023,IGNORE"})
    void defaultCodes(String code, ImportField field) {
        assertEquals(field, new Hl7Codes(Map.of()).lookup(code).field());
    }

    @Test
    void configurationExtendsAndOverridesTheTable() {
        Hl7Codes codes = new Hl7Codes(Map.of("150031", "SYSTOLIC", "150456", "IGNORE"));
        assertEquals(ImportField.SYSTOLIC, codes.lookup("150031").field());
        assertEquals(ImportField.IGNORE, codes.lookup("150456").field());
        assertNull(codes.lookup("188736"));
        assertThrows(IllegalArgumentException.class, () -> new Hl7Codes(Map.of("1", "WEIGHT")));
        // a monitor's observation is a number: the words a CSV may hold are no mapping for it (OruMapper read a vital of none)
        for (String words : List.of("ON_OXYGEN", "CONSCIOUSNESS", "TIME")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hl7Codes(Map.of("1", words)));
            assertTrue(e.getMessage().endsWith("[SYSTOLIC, DIASTOLIC, HEART_RATE, SPO2, RESPIRATORY_RATE, TEMPERATURE, IGNORE]"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "SYSTOLIC|120|mmHg|120", "SYSTOLIC|120|mm[Hg]|120", "SYSTOLIC|120|266016|120", "SYSTOLIC|120.6|MDC_DIM_MM_HG|121",
            "SYSTOLIC|16|kPa|", "HEART_RATE|72|/min|72", "HEART_RATE|72|bpm|72", "HEART_RATE|72|{beats}/min|72", "HEART_RATE|72|%|",
            "SPO2|97|%|97", "SPO2|97|262688|97", "RESPIRATORY_RATE|14|/min|14", "TEMPERATURE|36.8|Cel|36.8",
            "TEMPERATURE|98.6|[degF]|37.0", "TEMPERATURE|36.8|K|"})
    void units(Vital vital, BigDecimal value, String unit, String expected) {
        Number n = Hl7Codes.convert(vital, value, List.of(unit));
        assertEquals(expected, n == null ? null : n.toString());
    }

    /** The file with pieces of text replaced: from, to, from, to... */
    private static ORU_R01 parse(String file, String... replacements) throws Exception {
        try (InputStream in = Hl7MappingTest.class.getResourceAsStream("/interop/hl7/" + file);
             HapiContext ctx = new DefaultHapiContext()) {
            ctx.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
            ctx.setValidationContext(ValidationContextFactory.noValidation());
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${MRN}", "M-1").replace("${CHAIR}", "Bay 3");
            for (int i = 0; i < replacements.length; i += 2) {
                text = text.replace(replacements[i], replacements[i + 1]);
            }
            String er7 = Hl7Service.normalize(text);
            return (ORU_R01) ctx.getPipeParser().parse(er7);
        } catch (IOException e) {
            throw e;
        }
    }

    @Test
    void pcd01MessageSkipsDeviceRowsAndPrefersEcgRate() throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-pcd01.hl7"));
        assertEquals(List.of(), c.errors());
        assertEquals("MSG00001", c.controlId());
        assertEquals("M-1", c.mrn());
        assertEquals(List.of("Bay 3"), c.locations());
        assertEquals(1, c.readings().size());
        ReadingInput r = c.readings().get(0);
        assertEquals(new ReadingInput(Instant.parse("2025-03-01T09:09:00Z"), 132, 84, 76, 97, 16, null,
                "hl7:MSG00001:2025-03-01T09:09:00Z"), r);
    }

    @Test
    void cuffMessageGroupsByObservationTime() throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-cuff-lf.hl7"));
        assertEquals(List.of(), c.errors());
        assertEquals(2, c.readings().size());
        assertEquals(171, c.readings().get(0).systolic());
        assertEquals(88, c.readings().get(0).heartRate(), "pulse fills in when no ECG rate came");
        assertEquals(37.0, c.readings().get(0).temperatureC());
        assertEquals(128, c.readings().get(1).systolic());
    }

    /** OBX 5 is the ECG heart rate: what it says instead of 76. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // beyond an int: intValue() kept the low 32 bits and charted 120 with AA
            "4294967416|OBX 5: OBX-5 '4294967416' is not a plausible Heart rate: the plausible range is 20-300 /min",
            "-4294967176|OBX 5: OBX-5 '-4294967176' is not a plausible Heart rate: the plausible range is 20-300 /min",
            // refused from its text: rounding it as a BigDecimal took minutes, on a port with no login
            "1E30000000|OBX 5: OBX-5 '1E30000000' is not a plausible Heart rate: the plausible range is 20-300 /min",
            "seventy|OBX 5: OBX-5 'seventy' is not a number"})
    void aValueThatCannotBeAVitalSignIsAnErrorNamingTheVitalAndItsRange(String value, String error) {
        OruMapper.Content c = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-pcd01.hl7", "|76|264864", "|" + value + "|264864")));
        assertEquals(List.of(error), c.errors());
    }

    /**
     * What the message says that Chairside cannot chart as said is an error naming the segment and the rule, never
     * charted otherwise: a correction (OBX-11 C) was stored as a second reading beside the one it corrects, a deletion
     * or a "wrong" (D, W) was skipped with AA, a second value in OBX-5 dropped, and the first of two MRNs from
     * different authorities in PID-3 chosen (another clinic's MRN charted on whichever local patient has it).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "correction#|132|mmHg|||||R|#|132|mmHg|||||C|#OBX 2: OBX-11 'C' (a correction) is not applied from HL7",
            "deletion#|132|mmHg|||||R|#|132|mmHg|||||D|#OBX 2: OBX-11 'D' (a deletion) is not applied from HL7",
            "wrong#|84|mmHg|||||R|#|84|mmHg|||||W|#OBX 3: OBX-11 'W' (posted as wrong) is not applied from HL7",
            "two values#|97|%^^UCUM#|97~88|%^^UCUM#OBX 7: OBX-5 holds 2 values (97~88): one observation has one value",
            "two MRNs#M-1^^^CLINIC^MR#OTHER-9^^^OTHERHOSP^MR~M-1^^^CLINIC^MR#PID-3 holds several patient identifiers (OTHER-9 from OTHERHOSP, M-1 from CLINIC)",
            "two untyped ids#M-1^^^CLINIC^MR#OTHER-9^^^OTHERHOSP~M-1^^^CLINIC#PID-3 holds several patient identifiers (OTHER-9 from OTHERHOSP, M-1 from CLINIC)"})
    void whatCannotBeChartedAsSaidIsAnErrorNamingTheSegment(String name, String from, String to, String error) throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-pcd01.hl7", from, to));
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertTrue(c.errors().get(0).startsWith(error), c.errors().toString());
    }

    /** The same MRN from several authorities, or beside other identifier types, names one patient. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"M-1^^^CLINIC^MR~M-1^^^HIS^MR", "123-45-6789^^^SSA^SS~M-1^^^CLINIC^MR", "M-1^^^CLINIC^MR~V77^^^CLINIC^VN", "M-1"})
    void oneMrnAmongOtherIdentifiersIsThePatient(String pid3) throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-pcd01.hl7", "M-1^^^CLINIC^MR", pid3));
        assertEquals(List.of(), c.errors());
        assertEquals("M-1", c.mrn());
    }

    /** With the clinic's assigning authority configured, its identifier is the MRN whatever else PID-3 carries. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "a hospital's MRN first#OTHER-9^^^OTHERHOSP^MR~M-1^^^CLINIC^MR#M-1#",
            "the authority in another case#M-1^^^clinic^MR#M-1#",
            "the clinic's id untyped#OTHER-9^^^OTHERHOSP^MR~M-1^^^CLINIC#M-1#",
            "only a hospital's MRN#OTHER-9^^^OTHERHOSP^MR#-#PID-3 holds no identifier from the clinic's assigning authority CLINIC (found OTHER-9 from OTHERHOSP)",
            "no authority at all#M-1#-#PID-3 holds no identifier from the clinic's assigning authority CLINIC (found M-1 without an authority)",
            "two of the clinic's#M-1^^^CLINIC^MR~M-2^^^CLINIC^MR#-#PID-3 holds several patient identifiers (M-1 from CLINIC, M-2 from CLINIC)"})
    void theClinicsAssigningAuthorityChoosesTheMrn(String name, String pid3, String mrn, String error) throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC"), java.util.Optional.of("CLINIC"))
                .map(parse("oru-r01-pcd01.hl7", "M-1^^^CLINIC^MR", pid3));
        assertEquals(error == null ? List.of() : List.of(error), c.errors().stream().map(e -> e.replaceFirst(": send only.*", "")).toList());
        assertEquals("-".equals(mrn) ? null : mrn, c.mrn());
    }

    /** Without an OBR, HAPI puts no OBX in a group: the answer said "every OBX is a device row or ignored". */
    @Test
    void observationsOutsideAnOrderGroupAreNamedAsSuch() throws Exception {
        OruMapper.Content c = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).map(parse("oru-r01-pcd01.hl7",
                "OBR|1|MSG00001^MONITOR_GW|MSG00001^MONITOR_GW|182777000^monitoring of patient^SNOMED-CT|||20250301090900+0000\r", ""));
        assertEquals(List.of("no OBX follows an OBR: ORU^R01 carries its observations in order groups, each an OBR and then its OBX segments"),
                c.errors());
    }

    /** Keyed by the time alone, a second device's message for the same time was "already stored" and lost. */
    @Test
    void withoutAControlIdTheKeyIsTheMessagesContent() throws Exception {
        OruMapper mapper = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC"));
        ReadingInput r = mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|")).readings().get(0);
        assertTrue(r.sourceRef().startsWith("hl7:content:"), r.sourceRef());
        assertTrue(r.sourceRef().length() <= ReadingInput.MAX_SOURCE_REF);
        assertEquals(r.sourceRef(), mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|")).readings().get(0).sourceRef(),
                "the same message again has the same key");
        assertNotEquals(r.sourceRef(), mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|", "|97|%", "|96|%"))
                .readings().get(0).sourceRef(), "other values at the same time have another");
        assertEquals("hl7:MSG00001:2025-03-01T09:09:00Z", mapper.map(parse("oru-r01-pcd01.hl7")).readings().get(0).sourceRef(),
                "with a control id the key is unchanged");
    }

    /**
     * Without a control id the key is the content as stored: 36.84 and 36.81 at one time were two keys, two readings
     * both stored as 36.8. One message with both is one value, not "a second, different temperature".
     */
    @ParameterizedTest(name = "{0} and {1}: one reading {2}")
    @CsvSource({"36.84, 36.81, true, ", "36.84, 36.8, true, ", "36.84, 36.86, false, (36.9 vs 36.8)"})
    void withoutAControlIdTemperaturesStoredAlikeHaveOneKey(String first, String second, boolean same, String conflict) throws Exception {
        OruMapper mapper = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC"));
        String temp = "OBX|9|NM|150344^MDC_TEMP^MDC||%s|Cel|||||R|||20250301090900+0000\r";
        ReadingInput a = mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|", "\rOBX|8|", "\r" + temp.formatted(first) + "OBX|8|"))
                .readings().get(0);
        ReadingInput b = mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|", "\rOBX|8|", "\r" + temp.formatted(second) + "OBX|8|"))
                .readings().get(0);
        assertEquals(same, a.sourceRef().equals(b.sourceRef()), a.temperatureC() + " vs " + b.temperatureC());
        OruMapper.Content both = mapper.map(parse("oru-r01-pcd01.hl7", "|MSG00001|P|", "||P|", "\rOBX|8|",
                "\r" + temp.formatted(first) + temp.formatted(second).replace("OBX|9|", "OBX|10|") + "OBX|8|"));
        assertEquals(same ? List.of() : List.of("OBX 10: a second, different Temperature " + conflict + " at 2025-03-01T09:09:00Z"),
                both.errors());
    }

    /** Control id length, whether the key keeps it readable. */
    @ParameterizedTest
    @CsvSource({"8, true", "171, true", "172, false", "199, false", "5000, false"})
    void aControlIdTooLongForTheKeyIsHashedAndStillNamesOneMessage(int length, boolean readable) {
        Instant at = Instant.parse("2025-03-01T09:09:00.500Z");
        String id = "C".repeat(length - 1);
        String ref = OruMapper.sourceRef(id + "1", at);
        assertTrue(ref.length() <= ReadingInput.MAX_SOURCE_REF, ref.length() + " characters");
        assertEquals(readable, ref.equals("hl7:" + id + "1:" + at), ref);
        assertEquals(ref, OruMapper.sourceRef(id + "1", at), "the same message again has the same key");
        assertNotEquals(ref, OruMapper.sourceRef(id + "2", at), "another message has another");
        assertNotEquals(ref, OruMapper.sourceRef(id + "1", at.plusSeconds(1)), "another observation time has another");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "20250301090900+0000|2025-03-01T09:09:00Z", "20250301100900+0100|2025-03-01T09:09:00Z",
            "202503010909|2025-03-01T09:09:00Z", "20250301090900.5|2025-03-01T09:09:00.500Z", "2025030109|", "garbage|"})
    void observationTimes(String ts, String expected) {
        Instant t = new OruMapper(new Hl7Codes(Map.of()), ZoneId.of("UTC")).time(ts);
        assertEquals(expected, t == null ? null : t.toString());
    }

    @Test
    void normalizeAcceptsLineFeedsAndMllpFraming() {
        assertEquals("MSH|a\rPID|b\r", Hl7Service.normalize("\u000bMSH|a\r\nPID|b\n\n\u001c\r"));
        assertTrue(Hl7Service.normalize("MSH|a\nPID|b").endsWith("\r"));
    }

    /** A full charting queue answered AE, which tells a gateway the content is wrong: it dropped the message. */
    @ParameterizedTest
    @CsvSource({
            "503, AR, APPLICATION_INTERNAL_ERROR, 503",
            "409, AE, APPLICATION_RECORD_LOCKED,  422",
            "422, AE, DATA_TYPE_ERROR,            422",
            "404, AE, DATA_TYPE_ERROR,            422"})
    void aRefusedChartingIsAnAeOnlyWhenSendingItAgainCannotHelp(int chartingStatus, String code, String error, int httpStatus) {
        Hl7Service.Refusal r = Hl7Service.Refusal.of(chartingStatus);
        assertEquals(code, r.code().name());
        assertEquals(error, r.error().name());
        assertEquals(httpStatus, r.httpStatus());
    }
}
