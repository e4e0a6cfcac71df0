package org.chairside.problem;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps patient data out of the log: a record carrying a database failure is logged with that failure's types and
 * stack frames, not its messages ({@link WithheldMessages}). Narayana, for one, logs at WARN the exception of a
 * commit whose statements the database refused, with the refused values in its message.
 */
@LoggingFilter(name = "no-patient-data")
public final class PatientDataLogFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() != null && WithheldMessages.fromDatabase(record.getThrown())) {
            record.setThrown(WithheldMessages.withhold(record.getThrown()));
        }
        return true;
    }
}
