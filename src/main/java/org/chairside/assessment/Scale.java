package org.chairside.assessment;

/**
 * The scales a nurse scores in the chair, each with its own range. A score is stored with its scale's name: MOAA/S
 * runs 0-5 in some clinics and 1-6 in others, and a 3 means different things on each.
 */
public enum Scale {
    /** Modified Observer's Assessment of Alertness/Sedation, 5 responds readily to name ... 0 no response to pain. */
    MOAA_S("MOAA/S sedation (0-5)", 0, 5),
    /** The 1-6 variant of MOAA/S, 6 agitated ... 1 no response to pain. */
    MOAA_S_1_6("MOAA/S sedation (1-6)", 1, 6),
    /** Richmond Agitation-Sedation Scale, +4 combative ... 0 alert and calm ... -5 unarousable. */
    RASS("RASS", -5, 4),
    /** Clinician-Administered Dissociative States Scale, 6-item short form, each item 0-4. */
    CADSS_6("CADSS dissociation, 6 items", 0, 24),
    /** Clinician-Administered Dissociative States Scale, all 23 items, each 0-4. */
    CADSS_23("CADSS dissociation, 23 items", 0, 92),
    /** Modified Aldrete discharge score: five items (activity, respiration, circulation, consciousness, SpO2) of 0-2. */
    ALDRETE("Modified Aldrete", 0, 10);

    private final String label;
    private final int min;
    private final int max;

    Scale(String label, int min, int max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    public String label() {
        return label;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The Aldrete score is the sum of its items, which the nurse records one by one; every other scale is one number. */
    public boolean scoredByItems() {
        return this == ALDRETE;
    }

    public String range() {
        return min + " to " + max;
    }
}
