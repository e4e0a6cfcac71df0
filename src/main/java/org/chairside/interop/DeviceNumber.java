package org.chairside.interop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chairside.rules.Vital;
import org.chairside.vitals.Reading;

/**
 * Reads a number as a monitor, a spreadsheet or a FHIR server writes it. The size of the number is judged from its
 * text, before any {@link BigDecimal} is built: "1E30000000" is short, but turning it into an integer (or even into
 * a BigDecimal from its plain digits) costs minutes of CPU, and the MLLP port needs no login. No vital sign has more
 * than three integer digits; a value that cannot be one is refused as implausible, never rounded, wrapped or
 * computed with. Pure: no framework, table-tested.
 */
public final class DeviceNumber {
    /** Room above the largest plausible vital (300) for a mis-scaled value to be reported as out of range, not more. */
    static final int MAX_INTEGER_DIGITS = 6;
    /** A double printed in full has 17 significant digits: spreadsheets write 36.799999999999997. */
    static final int MAX_FRACTION_DIGITS = 20;
    /** Longer than any of the above needs, however written (signs, leading zeros, an exponent). */
    static final int MAX_LENGTH = 40;
    /** Any number in a FHIR request, vital or not, beyond which its plain form alone is too costly to build. */
    static final int MAX_DIGITS_ANY = 40;

    // possessive: a long run of digits that is no number fails in one pass
    private static final Pattern NUMBER = Pattern.compile("([+-]?)(\\d*+)(?:\\.(\\d*+))?+(?:[eE]([+-]?)(\\d++))?+");

    private DeviceNumber() {
    }

    /** Why a text is not a vital's value. */
    public enum Refusal {
        NOT_A_NUMBER, IMPLAUSIBLE
    }

    /** A refused text, with the reason callers turn into their own answer (a row error, an AE, an OperationOutcome). */
    public static final class Refused extends Exception {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** How many digits a number has before and after its point, written out in full. */
    record Shape(long integerDigits, long fractionDigits) {
    }

    /**
     * The value of a text that can be a vital's, in the unit it was sent in.
     *
     * @throws Refused NOT_A_NUMBER when it is none, IMPLAUSIBLE when its size or precision can be no vital sign
     */
    public static BigDecimal parse(String text) throws Refused {
        String s = text == null ? "" : text.strip();
        Shape shape = shape(s);
        if (shape == null) {
            throw new Refused(Refusal.NOT_A_NUMBER);
        }
        if (s.length() > MAX_LENGTH || shape.integerDigits() > MAX_INTEGER_DIGITS || shape.fractionDigits() > MAX_FRACTION_DIGITS) {
            throw new Refused(Refusal.IMPLAUSIBLE);
        }
        return new BigDecimal(s);
    }

    /**
     * Whether a number in a request, whatever element holds it, is small enough to be read at all. FHIR's JSON parser
     * writes every decimal out in full before reading it: 1e10000000 takes minutes there, before Chairside sees it.
     */
    public static boolean readable(String text) {
        Shape shape = shape(text == null ? "" : text.strip());
        return shape == null || shape.integerDigits() <= MAX_DIGITS_ANY && shape.fractionDigits() <= MAX_DIGITS_ANY;
    }

    /** The digits of a number written out in full, from its text alone; null when the text is no number. */
    static Shape shape(String s) {
        Matcher m = NUMBER.matcher(s);
        if (!m.matches() || m.group(2).isEmpty() && (m.group(3) == null || m.group(3).isEmpty())) {
            return null;
        }
        String integer = m.group(2).replaceFirst("^0+", "");
        String fraction = m.group(3) == null ? "" : m.group(3);
        long exponent = 0;
        if (m.group(5) != null) {
            String digits = m.group(5).replaceFirst("^0+", "");
            // beyond 18 digits no long holds it; any such exponent is absurd for every purpose here
            exponent = digits.length() > 18 ? Long.MAX_VALUE / 4 : digits.isEmpty() ? 0 : Long.parseLong(digits);
            if ("-".equals(m.group(4))) {
                exponent = -exponent;
            }
        }
        if (integer.isEmpty() && fraction.chars().allMatch(c -> c == '0')) {
            return new Shape(0, Math.max(0, fraction.length() - exponent)); // zero, however it is written
        }
        // the position of the leading significant digit: 3 for 120, 0 for 0.5, -2 for 0.005
        long leading = !integer.isEmpty() ? integer.length() : -(fraction.length() - fraction.replaceFirst("^0+", "").length());
        return new Shape(Math.max(0, leading + exponent), Math.max(0, fraction.length() - exponent));
    }

    /**
     * A parsed value as Chairside stores the vital: temperatures to a tenth of a degree, the others to whole units. Every
     * importer keys and compares what it read by this value: keyed by the temperature as sent, 36.84 and 36.81 at one
     * time were two readings, both stored as 36.8.
     */
    public static Number charted(Vital vital, BigDecimal value) {
        return vital == Vital.TEMPERATURE
                ? (Number) value.setScale(Reading.TEMPERATURE_DECIMALS, RoundingMode.HALF_UP).doubleValue()
                : (Number) value.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** Fahrenheit as Celsius to a tenth of a degree. */
    public static BigDecimal celsius(BigDecimal fahrenheit) {
        return fahrenheit.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), 1, RoundingMode.HALF_UP);
    }

    /** Why a value is refused, for a vital: its label and plausible range, as the charting rules say them. */
    public static String implausible(Vital vital) {
        return "is not a plausible " + vital.label() + ": the plausible range is " + plain(vital.plausibleMin()) + "-"
                + plain(vital.plausibleMax()) + " " + vital.unit();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
