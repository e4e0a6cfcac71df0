package org.chairside.interop;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One file import: its progress while it runs and its report when done. */
@Entity
@Table(name = "import_run")
public class ImportRun extends PanacheEntityBase {
    public enum State { RUNNING, DONE, REJECTED, FAILED }

    public enum Phase { VALIDATING, STORING, FINISHED }

    @Id
    public String id;
    public Long sessionId;
    public String format;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Phase phase;
    public boolean dryRun;
    public String policy;
    public long bytesRead;
    public Long bytesTotal;
    public long rowsRead;
    public long rowsValid;
    public long rowsRejected;
    public long rowsStored;
    public long rowsDuplicate;
    public Instant startedAt;
    public Instant finishedAt;
    public String startedBy;
    public String detail;
    public String report;
    /** When this row was last written: a running import writes its progress at least once per chunk of rows. */
    public Instant updatedAt;
    @Version
    public long version;

    @PrePersist
    @PreUpdate
    void stamp() {
        updatedAt = Instant.now();
    }

    /** Whether a running import has written no progress since {@code cutoff}: its server stopped, or its upload stalled. */
    public boolean stalledSince(Instant cutoff) {
        return state == State.RUNNING && updatedAt != null && updatedAt.isBefore(cutoff);
    }

    /**
     * How far the import is, 0-100: reading and validating the file is the first half (by bytes, when the size
     * is known), storing the valid rows the second. A dry run only validates.
     */
    public int percent() {
        if (phase == Phase.FINISHED) {
            return 100;
        }
        double validated = bytesTotal == null || bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesRead / bytesTotal);
        if (dryRun) {
            return (int) Math.floor(99 * validated);
        }
        if (phase == Phase.VALIDATING) {
            return (int) Math.floor(50 * validated);
        }
        double stored = rowsValid == 0 ? 1 : Math.min(1.0, (double) (rowsStored + rowsDuplicate) / rowsValid);
        return 50 + (int) Math.floor(49 * stored);
    }
}
