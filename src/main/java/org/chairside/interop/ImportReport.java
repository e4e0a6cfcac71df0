package org.chairside.interop;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.chairside.rules.Consciousness;
import org.chairside.vitals.ReadingInput;

/**
 * What an import did (or, in a dry run, would do): counts, the column mapping, a preview of the readings,
 * and every rejected row with its column and reason (the first {@code rejectedLimit} of them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String importId, Long sessionId, String format, boolean dryRun, String policy, String state,
                           String phase, int percent, String detail, Map<String, String> columns, List<String> ignoredColumns,
                           long rowsRead, long rowsValid, long rowsRejected, long rowsStored, long duplicates,
                           List<PreviewRow> preview, List<CsvRowReader.RowError> rejected, Boolean rejectedTruncated,
                           Instant startedAt, Instant finishedAt, String startedBy) {

    /** A reading the import stores (or would store). */
    public record PreviewRow(long row, Instant takenAt, Integer systolic, Integer diastolic, Integer heartRate, Integer spo2,
                             Integer respiratoryRate, Double temperatureC, Boolean onOxygen, Consciousness consciousness) {
        static PreviewRow of(long row, ReadingInput in) {
            return new PreviewRow(row, in.takenAt(), in.systolic(), in.diastolic(), in.heartRate(), in.spo2(),
                    in.respiratoryRate(), in.temperatureC(), in.onOxygen(), in.consciousness());
        }
    }

    /** Progress of a run that has no report yet. */
    static ImportReport progress(ImportRun r) {
        return new ImportReport(r.id, r.sessionId, r.format, r.dryRun, r.policy, r.state.name(), r.phase.name(), r.percent(), r.detail,
                null, null, r.rowsRead, r.rowsValid, r.rowsRejected, r.rowsStored, r.rowsDuplicate, null, null, null,
                r.startedAt, r.finishedAt, r.startedBy);
    }
}
