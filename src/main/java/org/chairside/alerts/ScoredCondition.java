package org.chairside.alerts;

import org.chairside.rules.OwnConditions;

/**
 * A condition of the patient's that a score recorded in the chair shows, raised by Chairside itself: its code, the
 * label the board shows, and which way its scale runs worse (the alert keeps the worst score seen).
 */
public record ScoredCondition(String code, String label, boolean worseIsLower) {
    /** A sedation score deeper than the infusion intends (assessment.SedationDepth); every sedation scale runs deeper downwards. */
    public static final ScoredCondition SEDATION_DEEP = new ScoredCondition(OwnConditions.SEDATION_DEEP, "Sedation deeper than intended", true);
    /** A RASS score of a very agitated or combative patient (assessment.Agitation). */
    public static final ScoredCondition AGITATION = new ScoredCondition(OwnConditions.AGITATION, "Agitated", false);

    boolean worse(double score, double than) {
        return worseIsLower ? score < than : score > than;
    }
}
