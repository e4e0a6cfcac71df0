package org.chairside.interop;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.chairside.problem.Violation;
import org.chairside.rules.Consciousness;
import org.chairside.rules.Vital;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.ReadingValidator;

/**
 * Turns one CSV row into a reading, or into the reasons it cannot be one (each naming its column). Pure: the
 * caller passes the session's creation time and the clock, and the same rules as every other charting apply.
 */
public final class CsvRowReader {
    /** What vendors write for "no value". */
    private static final Set<String> BLANKS = Set.of("", "-", "--", "---", "n/a", "na", "null", "?", "***");

    private final CsvColumns columns;
    private final DateTimeFormatter pattern;
    private final ZoneId zone;
    private final boolean decimalComma;
    private final long sessionId;

    /**
     * @param pattern      the declared time pattern, or null for ISO-8601
     * @param zone         the zone of times written without an offset
     * @param decimalComma whether "36,8" means 36.8 (files delimited by ';' or tabs)
     */
    public CsvRowReader(CsvColumns columns, DateTimeFormatter pattern, ZoneId zone, boolean decimalComma, long sessionId) {
        this.columns = columns;
        this.pattern = pattern;
        this.zone = zone;
        this.decimalComma = decimalComma;
        this.sessionId = sessionId;
    }

    /**
     * The formatter of a declared time pattern, strict as ISO-8601 times are read: by default a pattern resolves
     * "smartly", reading 31.11. as 30.11. and 29.02.2025 as 28.02., a reading a day off without a word. Strict needs an
     * era for "yyyy" (year of era), so the current era is the default.
     *
     * @throws IllegalArgumentException when the pattern is none
     */
    public static DateTimeFormatter timePattern(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern).parseDefaulting(ChronoField.ERA, 1).toFormatter()
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** One rejected cell (or the whole row when column is "*"). */
    public record RowError(long row, String column, String reason) {
    }

    /** Either a reading or the reasons the row was rejected. */
    public record RowResult(long row, ReadingInput input, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param row    the row number as a spreadsheet shows it (the header is row 1)
     * @param values the row's cells
     */
    public RowResult read(long row, List<String> values, Instant sessionCreated, Instant now) {
        List<RowError> errors = new ArrayList<>();
        Instant takenAt = null;
        String rawTime = cell(values, columns.time().index());
        if (rawTime.isEmpty()) {
            errors.add(new RowError(row, columns.time().header(), "is empty: every row needs the time it was taken"));
        } else {
            try {
                takenAt = parseTime(rawTime);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                errors.add(new RowError(row, columns.time().header(), "'" + abbreviate(rawTime) + "' is not a time "
                        + (pattern == null ? "in ISO-8601 (2025-03-01T09:30:00Z)" : "in the declared pattern")));
            }
        }
        Map<Vital, Number> values2 = new EnumMap<>(Vital.class);
        Map<Vital, String> headerOf = new EnumMap<>(Vital.class);
        for (ImportField f : ImportField.values()) {
            if (f.vital() == null) {
                continue;
            }
            for (CsvColumns.Column c : columns.columns(f)) {
                String raw = cell(values, c.index());
                if (BLANKS.contains(raw.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                BigDecimal number;
                try {
                    number = DeviceNumber.parse(decimalComma ? raw.replace(',', '.') : raw);
                } catch (DeviceNumber.Refused e) {
                    errors.add(new RowError(row, c.header(), "'" + abbreviate(raw) + "' " + (e.refusal() == DeviceNumber.Refusal.NOT_A_NUMBER
                            ? "is not a number" : DeviceNumber.implausible(f.vital()))));
                    break;
                }
                if (c.fahrenheit()) {
                    number = DeviceNumber.celsius(number);
                }
                values2.put(f.vital(), DeviceNumber.charted(f.vital(), number));
                headerOf.put(f.vital(), c.header());
                break;
            }
        }
        Boolean onOxygen = word(row, values, ImportField.ON_OXYGEN, ChartedWords::onOxygen,
                "is neither oxygen nor air (yes/no, O2/air)", errors);
        Consciousness consciousness = word(row, values, ImportField.CONSCIOUSNESS, ChartedWords::consciousness,
                "is not a level of consciousness (A, C, V, P or U: alert, new confusion, voice, pain, unresponsive)", errors);
        if (!errors.isEmpty()) {
            return new RowResult(row, null, errors);
        }
        ReadingInput input = new ReadingInput(takenAt, (Integer) values2.get(Vital.SYSTOLIC), (Integer) values2.get(Vital.DIASTOLIC),
                (Integer) values2.get(Vital.HEART_RATE), (Integer) values2.get(Vital.SPO2),
                (Integer) values2.get(Vital.RESPIRATORY_RATE), (Double) values2.get(Vital.TEMPERATURE), onOxygen, consciousness, null);
        for (Violation v : ReadingValidator.validate("", input.vitals(), takenAt, sessionCreated, now)) {
            errors.add(new RowError(row, columnFor(v.field(), headerOf), v.rule()));
        }
        if (!errors.isEmpty()) {
            return new RowResult(row, null, errors);
        }
        return new RowResult(row, withRef(input), List.of());
    }

    /** The cell of the first column holding the field, read by {@code meaning}; null when blank or no such column. */
    private <T> T word(long row, List<String> values, ImportField field, Function<String, T> meaning, String refusal, List<RowError> errors) {
        for (CsvColumns.Column c : columns.columns(field)) {
            String raw = cell(values, c.index());
            if (BLANKS.contains(raw.toLowerCase(Locale.ROOT))) {
                return null;
            }
            T meant = meaning.apply(raw);
            if (meant == null) {
                errors.add(new RowError(row, c.header(), "'" + abbreviate(raw) + "' " + refusal));
            }
            return meant;
        }
        return null;
    }

    /**
     * The idempotency key: the same time and values for the same session are one reading, however often imported.
     * Oxygen and consciousness are added only when the row has them, so that a file imported before they were read
     * keeps its keys.
     */
    ReadingInput withRef(ReadingInput in) {
        String key = sessionId + "|" + in.takenAt() + "|" + in.systolic() + "|" + in.diastolic() + "|" + in.heartRate() + "|"
                + in.spo2() + "|" + in.respiratoryRate() + "|" + in.temperatureC()
                + (in.onOxygen() == null ? "" : "|o2=" + in.onOxygen()) + (in.consciousness() == null ? "" : "|acvpu=" + in.consciousness());
        return new ReadingInput(in.takenAt(), in.systolic(), in.diastolic(), in.heartRate(), in.spo2(), in.respiratoryRate(),
                in.temperatureC(), in.onOxygen(), in.consciousness(), "csv:" + sha256(key));
    }

    private String columnFor(String field, Map<Vital, String> headerOf) {
        for (ImportField f : ImportField.values()) {
            if (f.vital() != null && !headerOf.containsKey(f.vital()) && !columns.columns(f).isEmpty()) {
                headerOf.put(f.vital(), columns.columns(f).get(0).header());
            }
        }
        return switch (field) {
            case "takenAt" -> columns.time().header();
            case "systolic" -> headerOf.getOrDefault(Vital.SYSTOLIC, field);
            case "diastolic" -> headerOf.getOrDefault(Vital.DIASTOLIC, field);
            case "heartRate" -> headerOf.getOrDefault(Vital.HEART_RATE, field);
            case "spo2" -> headerOf.getOrDefault(Vital.SPO2, field);
            case "respiratoryRate" -> headerOf.getOrDefault(Vital.RESPIRATORY_RATE, field);
            case "temperatureC" -> headerOf.getOrDefault(Vital.TEMPERATURE, field);
            case "onOxygen" -> columns.columns(ImportField.ON_OXYGEN).isEmpty() ? field : columns.columns(ImportField.ON_OXYGEN).get(0).header();
            case "consciousness" -> columns.columns(ImportField.CONSCIOUSNESS).isEmpty() ? field
                    : columns.columns(ImportField.CONSCIOUSNESS).get(0).header();
            default -> "*";
        };
    }

    Instant parseTime(String raw) {
        if (pattern != null) {
            TemporalAccessor t = pattern.parseBest(raw, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            if (t instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return ((LocalDateTime) t).atZone(zone).toInstant();
        }
        String iso = raw.length() > 10 && raw.charAt(10) == ' ' ? raw.substring(0, 10) + "T" + raw.substring(11) : raw;
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        return ((LocalDateTime) t).atZone(zone).toInstant();
    }

    private static String cell(List<String> values, int index) {
        return index < values.size() && values.get(index) != null ? values.get(index).trim() : "";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
