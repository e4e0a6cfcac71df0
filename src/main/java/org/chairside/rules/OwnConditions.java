package org.chairside.rules;

import java.util.Set;

/**
 * The alert conditions Chairside raises itself, not from a rule of the clinic's profile. A profile rule of the same
 * name would share their one open alert per session, and a reading would clear what a timer or a score raised.
 */
public final class OwnConditions {
    /** No reading for longer than the phase's charting interval and grace. */
    public static final String CHARTING_OVERDUE = "CHARTING_OVERDUE";
    /** A sedation score deeper than the infusion intends. */
    public static final String SEDATION_DEEP = "SEDATION_DEEP";
    /** A RASS score of a very agitated or combative patient. */
    public static final String AGITATION = "AGITATION";
    public static final Set<String> ALL = Set.of(CHARTING_OVERDUE, SEDATION_DEEP, AGITATION);

    private OwnConditions() {
    }
}
