package org.chairside.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.chairside.rules.Priority;

class AgitationTest {

    @ParameterizedTest(name = "RASS {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "4  | HIGH   | RASS +4: combative, a danger to staff and to the line",
            "3  | MEDIUM | RASS +3: pulls at tubes or the catheter, or is aggressive",
            "2  |        | ",
            "1  |        | ",
            "0  |        | ",
            "-3 |        | ",
            "-5 |        | ",
    })
    void aVeryAgitatedOrCombativePatientIsAnAlert(int score, Priority priority, String message) {
        Concern agitated = Agitation.of(Scale.RASS, score);
        if (priority == null) {
            assertNull(agitated);
        } else {
            assertEquals(new Concern(priority, message), agitated);
        }
    }

    @ParameterizedTest(name = "{0} says nothing of agitation")
    @EnumSource(value = Scale.class, names = "RASS", mode = EnumSource.Mode.EXCLUDE)
    void onlyRassSpeaksOfAgitation(Scale scale) {
        assertEquals(false, Agitation.measures(scale));
        // the top of every other scale is a calm or alert patient, or no agitation at all
        assertNull(Agitation.of(scale, 4));
        assertNull(Agitation.of(scale, 6));
    }
}
