package org.chairside.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a screening's findings read in a refusal and on the session view: as a nurse would say them. */
class ContraindicationTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                    | no contraindication",
        "UNCONTROLLED_HYPERTENSION                             | uncontrolled hypertension",
        "UNSTABLE_CARDIOVASCULAR,PSYCHOSIS_OR_MANIA             | unstable cardiovascular disease and active psychosis or mania",
        "UNSTABLE_CARDIOVASCULAR,ANEURYSMAL_VASCULAR,UNCONTROLLED_HYPERTENSION | unstable cardiovascular disease, aneurysmal vascular disease and uncontrolled hypertension",
        "UNSTABLE_CARDIOVASCULAR,ANEURYSMAL_VASCULAR,UNCONTROLLED_HYPERTENSION,PSYCHOSIS_OR_MANIA | unstable cardiovascular disease, aneurysmal vascular disease, uncontrolled hypertension and active psychosis or mania",
        // in the order given, not sorted
        "PSYCHOSIS_OR_MANIA,ANEURYSMAL_VASCULAR                | active psychosis or mania and aneurysmal vascular disease",
    })
    void describesTheFindingsInAListAsASentence(String present, String words) {
        List<Contraindication> list = present.isBlank() ? List.of()
                : Arrays.stream(present.split(",")).map(String::trim).map(Contraindication::valueOf).toList();
        assertEquals(words, Contraindication.describe(list));
    }
}
