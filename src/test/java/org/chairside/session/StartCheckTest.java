package org.chairside.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chairside.rules.PrestartLimit;
import org.chairside.rules.VitalSigns;

/** What a checked-in session's start still needs, judged on the baseline, the newest pressure and the newest screening. */
class StartCheckTest {
    private static final PrestartLimit LIMIT = new PrestartLimit(140, 90);

    @ParameterizedTest(name = "baseline {0}, newest pressure {1}, screening {2} → {3} {4} [{5}] missing [{6}]")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // nothing recorded: both missing, nothing to clear yet
        "-       | -      | -                  | false | false | ''  | a complete baseline (blood pressure, heart rate and SpO2);the contraindication screening",
        // a screening with a finding needs a provider even before the baseline is charted
        "-       | -      | PSYCHOSIS_OR_MANIA | false | true  | the screening lists active psychosis or mania | a complete baseline (blood pressure, heart rate and SpO2)",
        "120/80  | -      | -                  | true  | false | ''  | the contraindication screening",
        "120/80  | -      | ''                 | true  | true  | ''  | ''",
        // the limit is reached at 140 systolic or 90 diastolic, not only above
        "140/80  | -      | ''                 | true  | true  | blood pressure before the start 140/80 mmHg is at or above the pre-start limit 140/90 mmHg | ''",
        "139/90  | -      | ''                 | true  | true  | blood pressure before the start 139/90 mmHg is at or above the pre-start limit 140/90 mmHg | ''",
        "139/89  | -      | ''                 | true  | true  | ''  | ''",
        // a recheck after the baseline is what is judged, either way
        "150/95  | 128/84 | ''                 | true  | true  | ''  | ''",
        "120/80  | 150/85 | UNCONTROLLED_HYPERTENSION,PSYCHOSIS_OR_MANIA | true | true | the screening lists uncontrolled hypertension and active psychosis or mania;blood pressure before the start 150/85 mmHg is at or above the pre-start limit 140/90 mmHg | ''",
    })
    void judgesTheStartAsTheStartWould(String baseline, String newestPressure, String screening, boolean baselineCharted,
                                       boolean screened, String clearance, String missing) {
        List<Contraindication> present = screening == null ? null : screening.isBlank() ? List.of()
                : Arrays.stream(screening.split(",")).map(Contraindication::valueOf).toList();
        StartCheck check = StartCheck.of(vitals(baseline, true), vitals(newestPressure, false), present, LIMIT);
        assertEquals(baselineCharted, check.baselineCharted());
        assertEquals(screened, check.screened());
        assertEquals(list(clearance), check.clearance());
        assertEquals(list(missing), check.missing());
    }

    /** "120/80" as a complete reading (with heart rate and SpO2) or a pressure alone; null stays null. */
    private static VitalSigns vitals(String pressure, boolean complete) {
        if (pressure == null) {
            return null;
        }
        String[] p = pressure.split("/");
        return new VitalSigns(Integer.valueOf(p[0]), Integer.valueOf(p[1]), complete ? 72 : null, complete ? 98 : null, null, null, null, null);
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(";"));
    }
}
