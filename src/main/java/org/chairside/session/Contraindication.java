package org.chairside.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What is screened before a ketamine infusion starts (the domain's list). Present, each is a reason not to start
 * without a provider's clearance.
 */
public enum Contraindication {
    UNSTABLE_CARDIOVASCULAR("unstable cardiovascular disease"),
    ANEURYSMAL_VASCULAR("aneurysmal vascular disease"),
    UNCONTROLLED_HYPERTENSION("uncontrolled hypertension"),
    PSYCHOSIS_OR_MANIA("active psychosis or mania");

    private final String label;

    Contraindication(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "uncontrolled hypertension and active psychosis or mania", or "no contraindication". */
    public static String describe(List<Contraindication> present) {
        if (present.isEmpty()) {
            return "no contraindication";
        }
        List<String> labels = new ArrayList<>(present.size());
        present.forEach(c -> labels.add(c.label));
        if (labels.size() == 1) {
            return labels.get(0);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }
}
