package org.chairside.session;

import java.time.Instant;
import java.util.List;

/** A screening as the API gives it: the answers, and what they add up to for the start. */
public record ScreeningView(long id, long sessionId, boolean unstableCardiovascular, boolean aneurysmalVascular,
                            boolean uncontrolledHypertension, boolean psychosisOrMania, List<Contraindication> present,
                            String summary, String note, Instant at, String byUser) {

    static ScreeningView of(Screening s) {
        List<Contraindication> present = s.present();
        return new ScreeningView(s.id, s.sessionId, s.unstableCardiovascular, s.aneurysmalVascular,
                s.uncontrolledHypertension, s.psychosisOrMania, present, Contraindication.describe(present), s.note, s.at,
                s.byUser);
    }
}
