package org.chairside.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which logged failures lose their messages, and what is kept of them. */
class WithheldMessagesTest {
    private static final String MRN = "MRN-0042";

    static Stream<Arguments> failures() {
        SQLException refused = new SQLIntegrityConstraintViolationException("Unique index violation: VALUES ('" + MRN + "')", "23505");
        return Stream.of(
                Arguments.of("the database's own exception", refused, true),
                Arguments.of("wrapped once", new IllegalStateException("could not execute batch [" + refused.getMessage() + "]", refused), true),
                Arguments.of("wrapped twice", new RuntimeException("commit failed", new IllegalStateException(refused.getMessage(), refused)), true),
                Arguments.of("a plain SQLException", new SQLException("connection refused"), true),
                Arguments.of("not from the database", new IllegalArgumentException("bad " + MRN), false),
                Arguments.of("a cause that is not from the database", new RuntimeException("x", new java.io.IOException(MRN)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aDatabaseFailureIsLoggedWithoutItsMessages(String name, Throwable failure, boolean fromDatabase) {
        assertEquals(fromDatabase, WithheldMessages.fromDatabase(failure));
        LogRecord record = new LogRecord(Level.WARNING, "ARJUNA012125: TwoPhaseCoordinator.beforeCompletion - failed");
        record.setThrown(failure);
        assertEquals(true, new PatientDataLogFilter().isLoggable(record), "the record is still logged");
        String printed = printed(record.getThrown());
        if (fromDatabase) {
            assertFalse(printed.contains(MRN), printed);
            // the types and the places stay, so the failure can still be diagnosed
            Throwable kept = record.getThrown();
            for (Throwable t = failure; t != null; t = t.getCause(), kept = kept.getCause()) {
                assertEquals(t.getClass().getName() + " (message withheld: it can quote patient data)", kept.toString());
                assertArrayEquals(t.getStackTrace(), kept.getStackTrace());
            }
            assertNull(kept);
        } else {
            assertEquals(failure, record.getThrown(), "left as it was");
        }
    }

    @Test
    void nothingThrownIsNothingWithheld() {
        assertFalse(WithheldMessages.fromDatabase(null));
        assertNull(WithheldMessages.withhold(null));
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
