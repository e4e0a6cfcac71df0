package org.chairside.interop;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chairside.problem.Violation;

/**
 * Which CSV column holds what. Explicit mappings (header -> field) win; other headers are matched against
 * the aliases monitor and spreadsheet vendors use. Pure: no framework, table-tested.
 */
public final class CsvColumns {

    /** Normalised alias (lower case, letters and digits only) -> field; the order in each list is the preference. */
    private static final Map<String, ImportField> ALIASES = new LinkedHashMap<>();
    /** When two columns hold the same vital (ECG HR and oximeter pulse) the lower rank wins, the other fills gaps. */
    private static final Map<String, Integer> RANK = new LinkedHashMap<>();

    static {
        alias(ImportField.TIME, 0, "time", "timestamp", "datetime", "date time", "takenat", "taken", "measured", "measuredat",
                "measurementtime", "observationtime", "effective", "recorded", "recordedat", "charttime", "zeit");
        alias(ImportField.SYSTOLIC, 0, "sys", "systolic", "nibps", "nibpsys", "nibpsystolic", "nbps", "nbpsys", "sbp", "bpsys",
                "bpsystolic", "systolicbp", "systolicpressure", "nibpsysmmhg", "sysmmhg");
        alias(ImportField.DIASTOLIC, 0, "dia", "diastolic", "nibpd", "nibpdia", "nibpdiastolic", "nbpd", "nbpdia", "dbp", "bpdia",
                "bpdiastolic", "diastolicbp", "diastolicpressure", "nibpdiammhg", "diammhg");
        alias(ImportField.HEART_RATE, 0, "hr", "heartrate", "hrbpm", "ecghr", "heartratebpm");
        alias(ImportField.HEART_RATE, 1, "pulse", "pulserate", "pr", "prbpm", "pulsebpm", "spo2pr", "pulseratebpm");
        alias(ImportField.SPO2, 0, "spo2", "spo2pct", "spo2percent", "o2sat", "sao2", "oxygensaturation", "sat", "spo2sat");
        alias(ImportField.RESPIRATORY_RATE, 0, "rr", "resp", "resprate", "respiratoryrate", "respirations", "rrbrmin",
                "rrbpm", "awrr", "breathsmin");
        alias(ImportField.TEMPERATURE, 0, "temp", "temperature", "tempc", "temperaturec", "bodytemp", "bodytemperature", "tc", "tcel");
        alias(ImportField.ON_OXYGEN, 0, "onoxygen", "ono2", "oxygen", "supplementaloxygen", "supplementalo2", "suppo2", "o2therapy",
                "o2delivery", "airoroxygen", "airoro2");
        alias(ImportField.CONSCIOUSNESS, 0, "consciousness", "acvpu", "avpu", "loc", "levelofconsciousness", "responsiveness");
    }

    private static void alias(ImportField field, int rank, String... names) {
        for (String n : names) {
            ALIASES.put(normalize(n), field);
            RANK.put(normalize(n), rank);
        }
    }

    /** One column in use: its index, its header as written, what it holds; {@code fahrenheit} for "Temp (F)". */
    public record Column(int index, String header, ImportField field, int rank, boolean fahrenheit) {
        Column(int index, String header, ImportField field, int rank) {
            this(index, header, field, rank, field == ImportField.TEMPERATURE && isFahrenheit(header));
        }
    }

    /** A temperature header whose unit suffix says Fahrenheit: "Temp (F)", "Temp [degF]", "Temperature °F", "Temp degF". */
    static boolean isFahrenheit(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.matches(".*[(\\[{]\\s*(°?\\s*f|degf|fahrenheit)\\s*[)\\]}].*") || h.contains("°f") || h.endsWith(" f")
                || h.matches(".*\\s(deg\\s?f|fahrenheit)");
    }

    private final Column time;
    private final Map<ImportField, List<Column>> vitals;
    private final List<String> ignored;

    private CsvColumns(Column time, Map<ImportField, List<Column>> vitals, List<String> ignored) {
        this.time = time;
        this.vitals = vitals;
        this.ignored = ignored;
    }

    public Column time() {
        return time;
    }

    /** The columns for one field in order of preference; empty when the file has none. */
    public List<Column> columns(ImportField field) {
        return vitals.getOrDefault(field, List.of());
    }

    public List<String> ignored() {
        return ignored;
    }

    /** header as written -> field, for the report. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(time.header(), ImportField.TIME.name());
        vitals.values().forEach(cols -> cols.forEach(c -> out.put(c.header(), c.field().name())));
        return out;
    }

    /** Thrown when the header row cannot be mapped; the violations name each problem. */
    public static final class MappingException extends RuntimeException {
        private final List<Violation> violations;

        public MappingException(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * @param headers  the header row as read
     * @param explicit header (as written, case-insensitive) -> field name, from the request; wins over aliases
     */
    public static CsvColumns resolve(List<String> headers, Map<String, String> explicit) {
        List<Violation> problems = new ArrayList<>();
        Map<String, ImportField> byHeader = new LinkedHashMap<>();
        explicit.forEach((header, fieldName) -> {
            ImportField f = ImportField.parse(fieldName);
            if (f == null) {
                problems.add(new Violation("map", "'" + fieldName + "' for column '" + header + "' is not one of " + List.of(ImportField.values())));
            } else if (headers.stream().noneMatch(h -> h.trim().equalsIgnoreCase(header.trim()))) {
                problems.add(new Violation("map", "the file has no column '" + header + "' (columns: " + headers + ")"));
            } else {
                byHeader.put(header.trim().toLowerCase(Locale.ROOT), f);
            }
        });
        Column time = null;
        Map<ImportField, List<Column>> vitals = new EnumMap<>(ImportField.class);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i) == null ? "" : headers.get(i).trim();
            ImportField f = byHeader.get(header.toLowerCase(Locale.ROOT));
            int rank = 0;
            if (f == null) {
                String key = aliasKey(header);
                f = key == null ? ImportField.IGNORE : ALIASES.get(key);
                rank = key == null ? 0 : RANK.get(key);
            }
            if (f == ImportField.IGNORE) {
                if (!header.isEmpty()) {
                    ignored.add(header);
                }
            } else if (f == ImportField.TIME) {
                if (time != null) {
                    problems.add(new Violation("header", "two time columns: '" + time.header() + "' and '" + header
                            + "'; name the one to use with map=" + header + "=TIME or map=" + header + "=IGNORE"));
                } else {
                    time = new Column(i, header, f, 0);
                }
            } else {
                List<Column> cols = vitals.computeIfAbsent(f, k -> new ArrayList<>());
                Column c = new Column(i, header, f, rank);
                if (cols.stream().anyMatch(o -> o.rank() == c.rank())) {
                    problems.add(new Violation("header", "columns '" + cols.get(0).header() + "' and '" + header + "' both hold "
                            + f + "; map one of them to IGNORE"));
                }
                cols.add(c);
                cols.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
            }
        }
        if (time == null) {
            problems.add(new Violation("header", "no time column found (looked for Time, Timestamp, DateTime, takenAt...); "
                    + "name it with map=<header>=TIME"));
        }
        if (vitals.keySet().stream().allMatch(f -> f.vital() == null)) {
            // oxygen and consciousness alone are no vital signs: they complete a set
            problems.add(new Violation("header", "no vital column recognised in " + headers + "; map columns with map=<header>=<"
                    + "SYSTOLIC|DIASTOLIC|HEART_RATE|SPO2|RESPIRATORY_RATE|TEMPERATURE>"));
        }
        if (vitals.containsKey(ImportField.SYSTOLIC) != vitals.containsKey(ImportField.DIASTOLIC)) {
            problems.add(new Violation("header", "systolic and diastolic come together: the file has only "
                    + (vitals.containsKey(ImportField.SYSTOLIC) ? "systolic" : "diastolic")));
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new CsvColumns(time, vitals, ignored);
    }

    /** The alias a header matches: as written, or without a unit suffix such as "(mmHg)" or "[%]"; null if none. */
    static String aliasKey(String header) {
        String whole = normalize(header);
        if (ALIASES.containsKey(whole)) {
            return whole;
        }
        String bare = normalize(header.replaceAll("[(\\[{].*?[)\\]}]", ""));
        if (ALIASES.containsKey(bare)) {
            return bare;
        }
        // "Temperature °F", "Temp F": the unit written without brackets was read as part of the name, and the column
        // listed as ignored although isFahrenheit knows it
        if (isFahrenheit(header)) {
            String named = normalize(header.replaceAll("(?i)(°\\s*f|deg\\s*f|fahrenheit|\\sf)\\s*$", ""));
            return ALIASES.get(named) == ImportField.TEMPERATURE ? named : null;
        }
        return null;
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
