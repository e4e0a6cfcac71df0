package org.chairside.vitals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.chairside.alerts.Alert;
import org.chairside.alerts.AlertService;
import org.chairside.rules.Finding;
import org.chairside.rules.Replay;
import org.chairside.rules.Rule;
import org.chairside.rules.ThresholdProfile;
import org.chairside.rules.VitalSigns;
import org.chairside.session.InfusionSession;

/**
 * After an amendment, the session's open alerts that the amended reading could have raised or fed are rebuilt from
 * the current readings: an alert raised by a typed 58 that was really 98 no longer stands ACTIVE and HIGH, quoting the
 * withdrawn value and escalating. The corrected values themselves were already charted like any reading.
 */
@ApplicationScoped
class AlertReassessment {
    private final AlertService alerts;

    AlertReassessment(AlertService alerts) {
        this.alerts = alerts;
    }

    /** @param open the session's open alerts by condition, after the corrected reading was judged; updated in place */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<Alert> afterAmending(InfusionSession session, Reading original, Reading corrected, ThresholdProfile profile,
                             VitalSigns baseline, Map<String, Alert> open, Instant now) {
        Set<Alert> changed = new LinkedHashSet<>();
        List<Reading> current = null;
        for (Iterator<Alert> it = open.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            Rule rule = profile.rules().stream().filter(r -> r.condition().equals(a.conditionCode)).findFirst().orElse(null);
            if (rule == null) {
                continue; // charting overdue, or a condition no longer in the profile: no reading feeds it
            }
            Reading first = a.firstReadingId == null ? null : Reading.findById(a.firstReadingId);
            if (first == null || (original.takenAt.isBefore(first.takenAt) && rule.sustained() == 1)) {
                continue; // the amended reading came before the alert and no look-back reaches it
            }
            if (current == null) {
                current = Reading.list("sessionId = ?1 and supersededById is null", Sort.by("takenAt").and("id"), session.id);
            }
            Instant since = first.takenAt.isBefore(corrected.takenAt) ? first.takenAt : corrected.takenAt;
            int from = 0;
            while (from < current.size() && current.get(from).takenAt.isBefore(since)) {
                from++;
            }
            List<Finding> findings = Replay.of(profile, a.conditionCode, baseline, current.stream().map(Reading::vitals).toList(),
                    current.stream().map(r -> !r.isBaseline()).toList(), from);
            List<AlertService.Evidence> evidence = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                evidence.add(new AlertService.Evidence(current.get(from + i).id, findings.get(i)));
            }
            if (alerts.reassess(a, evidence, "reading " + original.id + " amended", now)) {
                changed.add(a);
                if (!a.state.isOpen()) {
                    it.remove();
                }
            }
        }
        return changed;
    }
}
