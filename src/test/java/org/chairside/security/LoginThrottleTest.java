package org.chairside.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed logins per username and address: a table of sequences and what is locked when, and when a tally is forgotten. */
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /**
     * Steps: "F name@client" a failure, "S name@client" a success, "+N" N seconds later. Then the expected lock of
     * "nurse@10.0.0.1": seconds after T0 until it lifts, or -1 for none.
     */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("four failures lock nothing", "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1", -1),
                Arguments.of("the fifth locks for the lockout", "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 +10 F nurse@10.0.0.1", 310),
                Arguments.of("the lock lifts when it runs out",
                        "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 +300", -1),
                Arguments.of("a success forgets the failures",
                        "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 S nurse@10.0.0.1 F nurse@10.0.0.1", -1),
                Arguments.of("failures older than the lockout no longer count",
                        "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 +301 F nurse@10.0.0.1", -1),
                Arguments.of("another address does not lock this one",
                        "F nurse@10.0.0.9 F nurse@10.0.0.9 F nurse@10.0.0.9 F nurse@10.0.0.9 F nurse@10.0.0.9", -1),
                Arguments.of("another name does not lock this one",
                        "F admin@10.0.0.1 F admin@10.0.0.1 F admin@10.0.0.1 F admin@10.0.0.1 F admin@10.0.0.1", -1),
                Arguments.of("failures spread over two addresses do not add up",
                        "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.9 F nurse@10.0.0.9 F nurse@10.0.0.1", -1),
                Arguments.of("after a lock, five more failures lock again",
                        "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 +300 "
                                + "F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1 F nurse@10.0.0.1", 600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void locksAfterFiveFailuresForFiveMinutes(String name, String steps, long lockedUntilSeconds) {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5));
        // What FailedLogins keeps in the database, by "name@client".
        Map<String, LoginThrottle.Tally> tallies = new HashMap<>();
        Instant now = T0;
        String[] tokens = steps.split(" ");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.startsWith("+")) {
                now = now.plusSeconds(Long.parseLong(t.substring(1)));
            } else if (t.equals("F")) {
                Instant at = now;
                tallies.compute(tokens[++i], (k, tally) -> throttle.afterFailure(tally, at));
            } else {
                tallies.remove(tokens[++i]);
            }
        }
        Optional<Instant> expected = lockedUntilSeconds < 0 ? Optional.empty() : Optional.of(T0.plusSeconds(lockedUntilSeconds));
        assertEquals(expected, throttle.lockedUntil(tallies.get("nurse@10.0.0.1"), now));
    }

    /** A tally (failures, seconds after T0 its window started, seconds after T0 its lock ends or -1), seconds after T0 now. */
    static Stream<Arguments> expiries() {
        return Stream.of(
                Arguments.of("failures within the lockout are kept", 3, 0, -1, 299, false),
                Arguments.of("failures as old as the lockout are forgotten", 3, 0, -1, 300, true),
                Arguments.of("a running lock is kept", 0, 0, 300, 299, false),
                Arguments.of("a lock that ran out is forgotten", 0, 0, 300, 300, true),
                Arguments.of("old failures under a running lock are kept", 1, 0, 400, 350, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expiries")
    void aTallyIsForgottenOnceItsFailuresAndItsLockHaveRunOut(String name, int failures, long windowStart, long lockedUntil, long now,
                                                             boolean expired) {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5));
        LoginThrottle.Tally tally = new LoginThrottle.Tally(failures, T0.plusSeconds(windowStart), lockedUntil < 0 ? null : T0.plusSeconds(lockedUntil));
        assertEquals(expired, throttle.expired(tally, T0.plusSeconds(now)));
    }

    @Test
    void oneAttemptLocksAtTheFirstFailureAndNoneIsRefused() {
        LoginThrottle strict = new LoginThrottle(1, Duration.ofMinutes(1));
        assertEquals(Optional.of(T0.plusSeconds(60)), strict.lockedUntil(strict.afterFailure(null, T0), T0));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(5)));
    }
}
