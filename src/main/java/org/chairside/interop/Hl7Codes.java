package org.chairside.interop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.chairside.rules.Vital;

/**
 * The table from IEEE 11073 (MDC) codes in OBX-3 to the vitals Chairside charts, and the units accepted for each.
 * Vendors differ (cuff codes 150301/150302, plain "mmHg" in OBX-6): the defaults cover the common ones and the
 * clinic extends the table by configuration. Pure: no framework, table-tested.
 */
public final class Hl7Codes {
    /** A code's meaning: the field it fills (IGNORE: known, not charted) and its rank when two codes fill one field. */
    public record Mapping(ImportField field, int rank) {
    }

    public static final Map<String, Mapping> DEFAULTS;

    static {
        Map<String, Mapping> m = new LinkedHashMap<>();
        m.put("150021", new Mapping(ImportField.SYSTOLIC, 0));   // MDC_PRESS_BLD_NONINV_SYS
        m.put("150022", new Mapping(ImportField.DIASTOLIC, 0));  // MDC_PRESS_BLD_NONINV_DIA
        m.put("150023", new Mapping(ImportField.IGNORE, 0));     // MDC_PRESS_BLD_NONINV_MEAN (derived, not charted)
        m.put("150301", new Mapping(ImportField.SYSTOLIC, 0));   // MDC_PRESS_CUFF_SYS
        m.put("150302", new Mapping(ImportField.DIASTOLIC, 0));  // MDC_PRESS_CUFF_DIA
        m.put("150303", new Mapping(ImportField.IGNORE, 0));     // MDC_PRESS_CUFF_MEAN
        m.put("147842", new Mapping(ImportField.HEART_RATE, 0)); // MDC_ECG_HEART_RATE
        m.put("149530", new Mapping(ImportField.HEART_RATE, 1)); // MDC_PULS_OXIM_PULS_RATE: used when no ECG rate came
        m.put("150456", new Mapping(ImportField.SPO2, 0));       // MDC_PULS_OXIM_SAT_O2
        m.put("151562", new Mapping(ImportField.RESPIRATORY_RATE, 0)); // MDC_RESP_RATE
        m.put("150344", new Mapping(ImportField.TEMPERATURE, 0));      // MDC_TEMP
        DEFAULTS = Map.copyOf(m);
    }

    /** Units accepted per vital, lower case, as OBX-6 identifiers or texts (UCUM, MDC, and what vendors write). */
    private static final Map<Vital, Set<String>> UNITS = Map.of(
            Vital.SYSTOLIC, Set.of("mmhg", "mm[hg]", "266016", "mdc_dim_mm_hg"),
            Vital.DIASTOLIC, Set.of("mmhg", "mm[hg]", "266016", "mdc_dim_mm_hg"),
            Vital.HEART_RATE, Set.of("/min", "bpm", "{beats}/min", "{beat}/min", "1/min", "264864", "mdc_dim_beat_per_min"),
            Vital.SPO2, Set.of("%", "percent", "262688", "mdc_dim_percent"),
            Vital.RESPIRATORY_RATE, Set.of("/min", "{breaths}/min", "{breath}/min", "1/min", "rpm", "bpm", "264928",
                    "mdc_dim_resp_per_min"),
            Vital.TEMPERATURE, Set.of("cel", "degc", "°c", "c", "268192", "mdc_dim_degc"));
    private static final Set<String> FAHRENHEIT = Set.of("[degf]", "degf", "°f", "f", "266560", "mdc_dim_fahr");

    private final Map<String, Mapping> table;

    /** @param overrides code -> field name (SYSTOLIC, HEART_RATE, IGNORE...), from configuration */
    public Hl7Codes(Map<String, String> overrides) {
        Map<String, Mapping> t = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((code, field) -> {
            ImportField f = ImportField.parse(field);
            // a monitor's observation is a measured number: oxygen and consciousness are a nurse's words, charted or from a CSV
            if (f == null || (f.vital() == null && f != ImportField.IGNORE)) {
                throw new IllegalArgumentException("chairside.hl7.codes.\"" + code + "\"=" + field + ": not one of "
                        + List.of(ImportField.values()).stream().filter(x -> x.vital() != null || x == ImportField.IGNORE).toList());
            }
            t.put(code.trim(), new Mapping(f, 0));
        });
        this.table = Map.copyOf(t);
    }

    public Mapping lookup(String code) {
        return code == null ? null : table.get(code.trim());
    }

    /**
     * The value in Chairside's unit (integers rounded, Fahrenheit converted), or null when the unit is not one
     * accepted for the vital.
     *
     * @param value as {@link DeviceNumber#parse} read it: no larger than a vital can be
     *
     * @param units the unit identifiers and texts OBX-6 carries (any may match)
     */
    public static Number convert(Vital vital, BigDecimal value, List<String> units) {
        boolean ok = units.stream().anyMatch(u -> UNITS.get(vital).contains(u.trim().toLowerCase(Locale.ROOT)));
        if (!ok && vital == Vital.TEMPERATURE && units.stream().anyMatch(u -> FAHRENHEIT.contains(u.trim().toLowerCase(Locale.ROOT)))) {
            value = DeviceNumber.celsius(value);
            ok = true;
        }
        if (!ok) {
            return null;
        }
        return DeviceNumber.charted(vital, value);
    }

    /** The units accepted for a vital, for error messages. */
    public static String expectedUnits(Vital vital) {
        return switch (vital) {
            case SYSTOLIC, DIASTOLIC -> "mmHg or mm[Hg]";
            case HEART_RATE -> "/min or bpm";
            case SPO2 -> "%";
            case RESPIRATORY_RATE -> "/min";
            case TEMPERATURE -> "Cel (or [degF])";
            case NEWS2 -> throw new IllegalArgumentException("NEWS2 is derived, never sent");
        };
    }
}
