package org.chairside.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The National Early Warning Score 2 (Royal College of Physicians, 2017) of one set of observations, SpO2 on scale 1.
 * A score exists only for a complete set: the RCP's chart scores seven parameters and a missing one is not zero, so
 * an incomplete set has no score and names what is missing instead of guessing it.
 *
 * @param score   the total, or null when a parameter is missing
 * @param band    the clinical response the score calls for, or null without a score
 * @param missing the fields a complete set still needs, in the chart's order (empty when scored)
 */
public record News2(Integer score, Band band, List<String> missing) {

    /** The response bands of the RCP chart. */
    public enum Band {
        /** 0-4 with no single parameter at 3: ward-based response. */
        LOW,
        /** 0-4 with one parameter scoring 3: urgent ward-based review. */
        LOW_MEDIUM,
        /** 5-6: urgent review by a clinician competent in acute illness. */
        MEDIUM,
        /** 7 and more: emergency response. */
        HIGH
    }

    /** The parameters NEWS2 scores, named as a reading's fields, in the chart's order. */
    public static final List<String> PARAMETERS = List.of("respiratoryRate", "spo2", "onOxygen", "systolic", "heartRate",
            "consciousness", "temperatureC");

    /**
     * The total of a complete set, or null, without building the missing list: rules ask for it on every reading
     * charted, and a monitor's never has oxygen or consciousness.
     */
    public static Integer scoreOf(VitalSigns v) {
        if (v.onOxygen() == null || v.consciousness() == null || v.respiratoryRate() == null || v.spo2() == null
                || v.systolic() == null || v.heartRate() == null || v.temperatureC() == null) {
            return null;
        }
        return of(v).score();
    }

    public static News2 of(VitalSigns v) {
        List<String> missing = new ArrayList<>();
        Object[] values = {v.respiratoryRate(), v.spo2(), v.onOxygen(), v.systolic(), v.heartRate(), v.consciousness(), v.temperatureC()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.add(PARAMETERS.get(i));
            }
        }
        if (!missing.isEmpty()) {
            return new News2(null, null, List.copyOf(missing));
        }
        int[] points = {
                RESPIRATION.score(v.respiratoryRate()),
                SATURATION_SCALE_1.score(v.spo2()),
                v.onOxygen() ? 2 : 0,
                SYSTOLIC.score(v.systolic()),
                PULSE.score(v.heartRate()),
                v.consciousness() == Consciousness.ALERT ? 0 : 3,
                TEMPERATURE.score(v.temperatureC())};
        int total = 0;
        boolean anyThree = false;
        for (int p : points) {
            total += p;
            anyThree |= p == 3;
        }
        return new News2(total, band(total, anyThree), List.of());
    }

    static Band band(int total, boolean anyParameterThree) {
        if (total >= 7) {
            return Band.HIGH;
        }
        if (total >= 5) {
            return Band.MEDIUM;
        }
        return anyParameterThree ? Band.LOW_MEDIUM : Band.LOW;
    }

    /**
     * One parameter's row of the chart: {@code points[i]} up to and including {@code upTo[i]}, the last entry of
     * {@code points} above the last bound. Charted values are whole numbers or tenths, so the chart's ranges (35.1-36.0
     * and so on) meet at their bounds without a gap.
     */
    private record Row(double[] upTo, int[] points) {
        int score(double value) {
            for (int i = 0; i < upTo.length; i++) {
                if (value <= upTo[i]) {
                    return points[i];
                }
            }
            return points[upTo.length];
        }
    }

    private static final Row RESPIRATION = new Row(new double[] {8, 11, 20, 24}, new int[] {3, 1, 0, 2, 3});
    private static final Row SATURATION_SCALE_1 = new Row(new double[] {91, 93, 95}, new int[] {3, 2, 1, 0});
    private static final Row SYSTOLIC = new Row(new double[] {90, 100, 110, 219}, new int[] {3, 2, 1, 0, 3});
    private static final Row PULSE = new Row(new double[] {40, 50, 90, 110, 130}, new int[] {3, 1, 0, 1, 2, 3});
    private static final Row TEMPERATURE = new Row(new double[] {35.0, 36.0, 38.0, 39.0}, new int[] {3, 1, 0, 1, 2});
}
