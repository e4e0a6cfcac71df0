package org.chairside.patient;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A statement the database refuses must not put the patient's identifiers in the log. The database's message quotes
 * the refused values (an MRN in a unique-key violation); Hibernate logs it under its own category, and Narayana logs
 * the exception of the failed commit at WARN. Every record logged meanwhile is printed as the server's console prints
 * it (its filter, then its format), whatever its logger, and none may show the MRN.
 */
@QuarkusTest
class NoPatientDataInLogsTest {
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aRefusedDuplicateMrnIsNotLogged() {
        Handler console = console();
        String mrn = TestClinic.unique("MRN-LOGCHECK");
        TestClinic.nurse().contentType("application/json")
                .body(Map.of("mrn", mrn, "givenName", "Robin", "familyName", "Quayle", "birthDate", "1970-05-05"))
                .post("/api/patients").then().statusCode(201);
        // Past the resource's own check, as when two nurses register the same patient at the same moment.
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Patient twin = new Patient();
            twin.mrn = mrn;
            twin.givenName = "Robin";
            twin.familyName = "Quayle";
            twin.birthDate = LocalDate.of(1970, 5, 5);
            twin.createdAt = Instant.now();
            twin.createdBy = "nurse";
            twin.persist();
        }));
        assertTrue(logged.stream().anyMatch(r -> r.getThrown() != null), "the failed commit was logged with its exception");
        for (LogRecord r : logged) {
            if (console.isLoggable(r)) {
                String printed = console.getFormatter().format(r);
                assertFalse(printed.contains(mrn), () -> "printed: " + printed);
            }
        }
    }

    private static Handler console() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            Handler[] children = h instanceof ExtHandler e ? e.getHandlers() : new Handler[] {h};
            for (Handler c : children) {
                if (c instanceof ConsoleHandler) {
                    assertNotNull(c.getFormatter());
                    return c;
                }
            }
        }
        throw new AssertionError("no console handler");
    }
}
