package org.chairside.rules;

/**
 * What a nurse must have recorded before discharging a patient from recovery: a modified Aldrete score of at least
 * {@code aldreteAtLeast} (0-10), taken after the infusion ended. 0 asks for no score (a clinic that discharges by
 * another measure); below the limit, or with no score, a provider discharges with a reason.
 */
public record Discharge(Integer aldreteAtLeast) {

    public boolean requiresAldrete() {
        return aldreteAtLeast != null && aldreteAtLeast > 0;
    }

    public boolean isMetBy(Integer aldrete) {
        return !requiresAldrete() || (aldrete != null && aldrete >= aldreteAtLeast);
    }
}
