package org.chairside.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One contraindication screening of a session, before its start: every answer, who asked, when. */
@Entity
@Table(name = "session_screening")
public class Screening extends PanacheEntity {
    public Long sessionId;
    public boolean unstableCardiovascular;
    public boolean aneurysmalVascular;
    public boolean uncontrolledHypertension;
    public boolean psychosisOrMania;
    public String note;
    public Instant at;
    public String byUser;

    public List<Contraindication> present() {
        List<Contraindication> present = new ArrayList<>(4);
        if (unstableCardiovascular) {
            present.add(Contraindication.UNSTABLE_CARDIOVASCULAR);
        }
        if (aneurysmalVascular) {
            present.add(Contraindication.ANEURYSMAL_VASCULAR);
        }
        if (uncontrolledHypertension) {
            present.add(Contraindication.UNCONTROLLED_HYPERTENSION);
        }
        if (psychosisOrMania) {
            present.add(Contraindication.PSYCHOSIS_OR_MANIA);
        }
        return present;
    }

    public static List<Screening> ofSession(long sessionId) {
        return list("sessionId = ?1 order by at, id", sessionId);
    }

    /** The screening a start is judged on. */
    public static Optional<Screening> newest(long sessionId) {
        return find("sessionId = ?1 order by at desc, id desc", sessionId).firstResultOptional();
    }
}
