package org.chairside.rules;

/** Baseline blood pressure at or above which starting the infusion needs a provider's clearance. */
public record PrestartLimit(Integer systolic, Integer diastolic) {

    public boolean needsClearance(VitalSigns baseline) {
        return baseline != null && baseline.hasBloodPressure()
                && (baseline.systolic() >= systolic || baseline.diastolic() >= diastolic);
    }

    public String describe() {
        return systolic + "/" + diastolic + " mmHg";
    }
}
