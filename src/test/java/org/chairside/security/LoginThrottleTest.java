package org.chairside.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed logins per username and address: a table of sequences and what is locked when. */
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** A mutable clock for the sequences. */
    private static final class Now extends Clock {
        Instant at = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return at;
        }
    }

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
        Now now = new Now();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), now, 1000);
        String[] tokens = steps.split(" ");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.startsWith("+")) {
                now.at = now.at.plusSeconds(Long.parseLong(t.substring(1)));
            } else {
                String[] who = tokens[++i].split("@");
                if (t.equals("F")) {
                    throttle.failed(who[0], who[1]);
                } else {
                    throttle.succeeded(who[0], who[1]);
                }
            }
        }
        Optional<Instant> expected = lockedUntilSeconds < 0 ? Optional.empty() : Optional.of(T0.plusSeconds(lockedUntilSeconds));
        assertEquals(expected, throttle.lockedUntil("nurse", "10.0.0.1"));
    }

    @Test
    void aFloodOfNamesIsBoundedAndExpiredOnesMakeRoom() {
        Now now = new Now();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), now, 3);
        throttle.failed("a", "x");
        throttle.failed("b", "x");
        throttle.failed("c", "x");
        throttle.failed("d", "x");
        assertEquals(3, throttle.tracked(), "a fourth name goes untracked while three are followed");
        now.at = now.at.plusSeconds(301);
        throttle.failed("d", "x");
        assertEquals(1, throttle.tracked(), "the expired ones made room");
    }
}
