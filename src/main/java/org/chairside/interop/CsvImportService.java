package org.chairside.interop;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;
import org.chairside.session.InfusionSession;
import org.chairside.vitals.ChartingService;
import org.chairside.vitals.ReadingSourceRef;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.Source;

/**
 * Imports a CSV file into a session through the one write path, streaming: the file is read once to validate
 * every row (and, for a real run, copied to a temporary file), then read again from that copy and stored in
 * chunks, each chunk one {@link ChartingService#chart} call. Memory stays flat whatever the file's size.
 */
@ApplicationScoped
public class CsvImportService {
    private static final Logger LOG = Logger.getLogger(CsvImportService.class);
    public static final String ALL_OR_NONE = "all-or-none";
    public static final String VALID_ROWS = "valid-rows";

    private final ChartingService charting;
    private final ImportRuns runs;
    private final int chunkSize;
    private final int rejectedLimit;
    private final int previewLimit;
    private final Optional<String> defaultZone;

    public CsvImportService(ChartingService charting, ImportRuns runs,
                            @ConfigProperty(name = "chairside.import.chunk-size", defaultValue = "1000") int chunkSize,
                            @ConfigProperty(name = "chairside.import.rejected-rows-listed", defaultValue = "1000") int rejectedLimit,
                            @ConfigProperty(name = "chairside.import.preview-rows", defaultValue = "100") int previewLimit,
                            @ConfigProperty(name = "chairside.import.zone") Optional<String> defaultZone) {
        this.charting = charting;
        this.runs = runs;
        this.chunkSize = Math.max(1, chunkSize);
        this.rejectedLimit = rejectedLimit;
        this.previewLimit = previewLimit;
        this.defaultZone = defaultZone;
    }

    /** The request's options, as given. */
    public record Options(boolean dryRun, String policy, Map<String, String> map, String timePattern, String zone,
                          String delimiter, String importId) {
    }

    /**
     * The report and whether the import was carried out (DONE), refused (REJECTED) or stopped part way (FAILED);
     * {@code serverFault}: stopped by the server's own failure (a database outage, say), not by the file or the session.
     */
    public record Outcome(ImportRun.State state, ImportReport report, boolean serverFault) {
        Outcome(ImportRun.State state, ImportReport report) {
            this(state, report, false);
        }
    }

    public Outcome importCsv(long sessionId, InputStream body, Charset charset, Long contentLength, Options opt,
                             String actor) {
        String policy = opt.policy() == null || opt.policy().isBlank() ? ALL_OR_NONE : opt.policy().trim().toLowerCase();
        List<Violation> bad = new ArrayList<>();
        if (!policy.equals(ALL_OR_NONE) && !policy.equals(VALID_ROWS)) {
            bad.add(new Violation("policy", "must be " + ALL_OR_NONE + " (one bad row rejects the file) or " + VALID_ROWS
                    + " (store the valid rows, report the others)"));
        }
        DateTimeFormatter pattern = null;
        if (opt.timePattern() != null && !opt.timePattern().isBlank()) {
            try {
                pattern = CsvRowReader.timePattern(opt.timePattern().trim());
            } catch (IllegalArgumentException e) {
                bad.add(new Violation("timePattern", "is not a valid date-time pattern (e.g. dd.MM.yyyy HH:mm:ss)"));
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        String zoneName = opt.zone() != null && !opt.zone().isBlank() ? opt.zone().trim() : defaultZone.orElse(null);
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                bad.add(new Violation("zone", "is not a time zone (e.g. Europe/Berlin, UTC, +01:00)"));
            }
        }
        Character delimiter = null;
        if (opt.delimiter() != null && !opt.delimiter().isEmpty()) {
            String d = opt.delimiter().equalsIgnoreCase("tab") || opt.delimiter().equals("\\t") ? "\t" : opt.delimiter();
            if (d.length() != 1) {
                bad.add(new Violation("delimiter", "must be one character (',', ';') or 'tab'"));
            } else {
                delimiter = d.charAt(0);
            }
        }
        String importId = opt.importId() == null || opt.importId().isBlank() ? UUID.randomUUID().toString() : opt.importId().trim();
        if (!importId.matches("[A-Za-z0-9._-]{6,64}")) {
            bad.add(new Violation("importId", "must be 6-64 letters, digits, '.', '_' or '-' (a UUID, say)"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid(bad);
        }
        InfusionSession session = QuarkusTransaction.requiringNew().call(() -> InfusionSession.findById(sessionId));
        if (session == null) {
            throw ProblemException.notFound("session", sessionId);
        }
        if (!session.state.isOpen()) {
            throw ProblemException.conflict("The session is closed (" + session.state + "): nothing can be imported into it");
        }
        ImportRun run = runs.start(importId, sessionId, opt.dryRun(), policy, contentLength, actor);
        Path spool = null;
        try {
            if (!opt.dryRun()) {
                spool = Files.createTempFile("chairside-import-", ".csv");
            }
            return run(run, session.createdAt, body, charset, spool, opt, pattern, zone, delimiter);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            return serverFault(run, e, null);
        } catch (IOException e) {
            runs.finish(run, ImportRun.State.FAILED, "The file could not be read: " + e.getClass().getSimpleName(), null);
            throw new ProblemException(400, "Unreadable upload", "The file could not be read to the end; nothing more was stored", null);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warnf("Could not delete the import's temporary file %s", spool);
                }
            }
        }
    }

    /**
     * The import stopped on a failure of the server's own (the database gone, say): the import is marked FAILED with
     * what was stored, so that its report tells the truth and it does not show as running. If even that cannot be
     * written, the answer still says how far it got.
     */
    private Outcome serverFault(ImportRun run, RuntimeException e, ImportReport body) {
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.errorf("Import %s failed: %s at %s", run.id, e.getClass().getName(), where);
        LOG.debug("Import failed", e);
        String detail = run.rowsStored == 0
                ? "The server failed (" + e.getClass().getSimpleName() + ") before storing any row; nothing was stored"
                : "The server failed (" + e.getClass().getSimpleName() + ") after " + run.rowsStored + " stored rows. "
                + "The rows stored so far stay; importing the same file again stores only the rest.";
        try {
            return new Outcome(ImportRun.State.FAILED, runs.finish(run, ImportRun.State.FAILED, detail, body), true);
        } catch (RuntimeException again) {
            e.addSuppressed(again);
            throw new ProblemException(500, "Import failed", detail + " (import " + run.id + ")", null);
        }
    }

    private ProblemException notInCharset(ImportRun run, Charset charset) {
        runs.finish(run, ImportRun.State.REJECTED, "The file is not " + charset.name(), null);
        return new ProblemException(400, "Malformed CSV", "The file is not valid " + charset.name() + "; send it as UTF-8, or name its "
                + "character set in the Content-Type (text/csv; charset=windows-1252, say); nothing was stored", null);
    }

    private Outcome run(ImportRun run, Instant sessionCreated, InputStream body, Charset charset, Path spool, Options opt,
                        DateTimeFormatter pattern, ZoneId zone, Character delimiter) throws IOException {
        Pass1 p1;
        CsvColumns columns;
        char d;
        // Strict, as the second pass reads the spooled copy: a byte that is not of the charset is a 400 before anything is
        // stored, never a character silently replaced here and a failure halfway through storing.
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CountingStream in = new CountingStream(body, spool == null ? null : Files.newOutputStream(spool));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, strict), 1 << 16)) {
            try {
                skipByteOrderMark(reader);
                d = delimiter != null ? delimiter : sniffDelimiter(reader);
            } catch (CharacterCodingException e) {
                throw notInCharset(run, charset);
            }
            try (CSVParser parser = format(d).parse(reader)) {
                Iterator<CSVRecord> records = nonBlank(parser.iterator());
                if (!records.hasNext()) {
                    runs.finish(run, ImportRun.State.REJECTED, "The file is empty", null);
                    throw ProblemException.invalid("file", "is empty: expected a header row and one reading per row");
                }
                List<String> headers = new ArrayList<>(records.next().toList());
                try {
                    columns = CsvColumns.resolve(headers, opt.map() == null ? Map.of() : opt.map());
                } catch (CsvColumns.MappingException e) {
                    runs.finish(run, ImportRun.State.REJECTED, "The header row cannot be mapped", null);
                    throw ProblemException.invalid(e.violations());
                }
                CsvRowReader rows = new CsvRowReader(columns, pattern, zone, d != ',', run.sessionId);
                p1 = validate(run, records, rows, sessionCreated, in, opt.dryRun());
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw notInCharset(run, charset);
                }
                if (!(e.getCause() instanceof CSVException)) {
                    throw e.getCause();
                }
                String where = e.getCause().getMessage() == null ? "" : e.getCause().getMessage().replaceAll("(?s)^.*?(line:? \\d+).*$", "$1");
                runs.finish(run, ImportRun.State.REJECTED, "Malformed CSV", null);
                throw new ProblemException(400, "Malformed CSV", "The file is not valid CSV"
                        + (where.startsWith("line") ? " (" + where + ")" : "") + "; nothing was stored", null);
            }
        }
        if (opt.dryRun()) {
            String detail = "Dry run: " + p1.valid + " rows would be stored (" + run.rowsDuplicate + " of them already are), "
                    + p1.rejectedCount + " rejected" + (p1.rejectedCount > 0 && run.policy.equals(ALL_OR_NONE)
                    ? "; with policy all-or-none nothing would be stored" : "") + ". Nothing was stored.";
            return new Outcome(ImportRun.State.DONE, runs.finish(run, ImportRun.State.DONE, detail, report(p1, columns)));
        }
        if (p1.rejectedCount > 0 && run.policy.equals(ALL_OR_NONE)) {
            String detail = p1.rejectedCount + " of " + p1.read + " rows are invalid; policy all-or-none: nothing was stored";
            return new Outcome(ImportRun.State.REJECTED, runs.finish(run, ImportRun.State.REJECTED, detail, report(p1, columns)));
        }
        runs.progress(run, r -> r.phase = ImportRun.Phase.STORING);
        try (BufferedReader reader = skipByteOrderMark(Files.newBufferedReader(spool, charset));
             CSVParser parser = format(d).parse(reader)) {
            Iterator<CSVRecord> records = nonBlank(parser.iterator());
            records.next();
            CsvRowReader rows = new CsvRowReader(columns, pattern, zone, d != ',', run.sessionId);
            store(run, records, rows, sessionCreated, p1.rejectedRows);
        } catch (ImportRuns.Stopped e) {
            throw e; // marked by StalledImports, whose detail stands
        } catch (ProblemException e) {
            String detail = "Stopped after " + run.rowsStored + " stored rows: " + e.getMessage()
                    + ". The rows stored so far stay; importing the same file again stores only the rest.";
            ImportReport report = runs.finish(run, ImportRun.State.FAILED, detail, report(p1, columns));
            return new Outcome(ImportRun.State.FAILED, report);
        } catch (RuntimeException e) {
            return serverFault(run, e, report(p1, columns));
        }
        String detail = run.rowsStored + " readings stored, " + run.rowsDuplicate + " already stored, " + p1.rejectedCount + " rows rejected";
        return new Outcome(ImportRun.State.DONE, runs.finish(run, ImportRun.State.DONE, detail, report(p1, columns)));
    }

    /** What the first pass learnt, small whatever the file's size. */
    private static final class Pass1 {
        long read;
        long valid;
        long rejectedCount;
        final BitSet rejectedRows = new BitSet();
        final List<CsvRowReader.RowError> rejected = new ArrayList<>();
        final List<ImportReport.PreviewRow> preview = new ArrayList<>();
    }

    private Pass1 validate(ImportRun run, Iterator<CSVRecord> records, CsvRowReader rows, Instant sessionCreated,
                           CountingStream in, boolean dryRun) {
        Pass1 p = new Pass1();
        Map<String, Long> chunk = new LinkedHashMap<>();
        long duplicates = 0;
        Instant now = Instant.now();
        while (records.hasNext()) {
            CSVRecord rec = records.next();
            long row = rec.getRecordNumber();
            p.read++;
            CsvRowReader.RowResult r = rows.read(row, rec.toList(), sessionCreated, now);
            if (r.ok()) {
                p.valid++;
                if (p.preview.size() < previewLimit) {
                    p.preview.add(ImportReport.PreviewRow.of(row, r.input()));
                }
                if (dryRun && chunk.putIfAbsent(r.input().sourceRef(), row) != null) {
                    duplicates++;
                }
            } else {
                p.rejectedCount++;
                p.rejectedRows.set(Math.toIntExact(row));
                for (CsvRowReader.RowError e : r.errors()) {
                    if (p.rejected.size() < rejectedLimit) {
                        p.rejected.add(e);
                    }
                }
            }
            if (p.read % chunkSize == 0) {
                duplicates += dryRun ? storedAlready(run.sessionId, chunk) : 0;
                chunk.clear();
                long dups = duplicates;
                runs.progress(run, x -> update(x, p, in, dups));
                now = Instant.now();
            }
        }
        duplicates += dryRun ? storedAlready(run.sessionId, chunk) : 0;
        long dups = duplicates;
        runs.progress(run, x -> update(x, p, in, dups));
        return p;
    }

    private static void update(ImportRun x, Pass1 p, CountingStream in, long duplicates) {
        x.rowsRead = p.read;
        x.rowsValid = p.valid;
        x.rowsRejected = p.rejectedCount;
        x.rowsDuplicate = duplicates;
        x.bytesRead = in.count;
    }

    private static long storedAlready(long sessionId, Map<String, Long> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> (long) ReadingSourceRef.stored(sessionId, chunk.keySet()).size());
    }

    private void store(ImportRun run, Iterator<CSVRecord> records, CsvRowReader rows, Instant sessionCreated, BitSet rejectedRows) {
        List<ReadingInput> chunk = new ArrayList<>(chunkSize);
        Set<String> refs = new HashSet<>();
        int[] inChunkDuplicates = {0};
        Instant now = Instant.now();
        while (records.hasNext()) {
            CSVRecord rec = records.next();
            long row = rec.getRecordNumber();
            if (rejectedRows.get(Math.toIntExact(row))) {
                continue;
            }
            CsvRowReader.RowResult r = rows.read(row, rec.toList(), sessionCreated, now);
            if (!r.ok()) {
                continue;
            }
            if (refs.add(r.input().sourceRef())) {
                chunk.add(r.input());
            } else {
                inChunkDuplicates[0]++;
            }
            if (chunk.size() + inChunkDuplicates[0] >= chunkSize) {
                storeChunk(run, chunk, inChunkDuplicates[0]);
                chunk.clear();
                refs.clear();
                inChunkDuplicates[0] = 0;
                now = Instant.now();
            }
        }
        storeChunk(run, chunk, inChunkDuplicates[0]);
    }

    /** One chunk: one charting call and the progress it made, in one transaction. */
    private void storeChunk(ImportRun run, List<ReadingInput> chunk, int inChunkDuplicates) {
        if (chunk.isEmpty() && inChunkDuplicates == 0) {
            return;
        }
        // In one transaction with the charting; ImportRuns reads the import first, so one marked stalled stores nothing more.
        runs.progress(run, r -> {
            ChartingService.Charted c = chunk.isEmpty() ? new ChartingService.Charted(List.of(), Set.of(), 0)
                    : charting.chart(run.sessionId, chunk, Source.CSV, run.startedBy, "rows");
            r.rowsStored += c.readings().size();
            r.rowsDuplicate += c.duplicates() + inChunkDuplicates;
        });
    }

    /**
     * Empty lines are records here, so that a row's number is the one a spreadsheet shows (the parser's own skipping
     * of them numbered every row after a blank line one too low); {@link #nonBlank} leaves them out.
     */
    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).setTrim(true)
                .setIgnoreSurroundingSpaces(true).get();
    }

    /**
     * The records that hold something. A blank line, or a row of delimiters only (what a spreadsheet writes for an
     * empty but formatted row), holds no reading: it is skipped, not rejected for its missing time, and still counts
     * in the numbering.
     */
    static Iterator<CSVRecord> nonBlank(Iterator<CSVRecord> records) {
        return new Iterator<>() {
            private CSVRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    CSVRecord r = records.next();
                    if (!r.stream().allMatch(v -> v == null || v.isBlank())) {
                        next = r;
                    }
                }
                return next != null;
            }

            @Override
            public CSVRecord next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                CSVRecord r = next;
                next = null;
                return r;
            }
        };
    }

    /**
     * Skips a byte order mark (Excel's "CSV UTF-8" starts with one) before the CSV parser sees the text. Left in, it
     * made the first header's opening quote no quote: a quoted header holding the delimiter ("Time, local") was split
     * in two and every later column read its neighbour's cells.
     */
    static BufferedReader skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** The delimiter the header row uses most: ',' (default), ';' or a tab. */
    static char sniffDelimiter(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        char[] buf = new char[1 << 15];
        int n = reader.read(buf);
        reader.reset();
        int comma = 0;
        int semi = 0;
        int tab = 0;
        for (int i = 0; i < Math.max(0, n) && buf[i] != '\n' && buf[i] != '\r'; i++) {
            switch (buf[i]) {
                case ',' -> comma++;
                case ';' -> semi++;
                case '\t' -> tab++;
                default -> {
                }
            }
        }
        if (tab > comma && tab > semi) {
            return '\t';
        }
        return semi > comma ? ';' : ',';
    }

    private ImportReport report(Pass1 p, CsvColumns columns) {
        return new ImportReport(null, null, null, false, null, null, null, 0, null, columns.describe(), columns.ignored(),
                p.read, p.valid, p.rejectedCount, 0, 0, p.preview, p.rejected, p.rejectedCount > p.rejected.size() ? true : null,
                null, null, null);
    }

    /** Counts the bytes read and, for a real run, copies them to the spool file as they pass. */
    static final class CountingStream extends FilterInputStream {
        long count;
        private final OutputStream copy;

        CountingStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy == null ? null : new java.io.BufferedOutputStream(copy, 1 << 16);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                if (copy != null) {
                    copy.write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (copy != null) {
                    copy.write(b, off, n);
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (copy != null) {
                    copy.close();
                }
            }
        }
    }
}
