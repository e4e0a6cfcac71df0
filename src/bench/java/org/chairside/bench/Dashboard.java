package org.chairside.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One dashboard on GET /api/stream, fed raw bytes by a {@link StreamReaders} thread: it undoes the chunked
 * transfer coding, splits the event stream into lines, counts events, checks that ids arrive as n, n+1, n+2...
 * (a gap is a missing event, an id at or below the last one a duplicate) and notes when alert (and, if asked,
 * reading) events arrive, for the latency from the POST's answer to the event's arrival. Only the data of those
 * events is decoded: a thousand dashboards parse every event, so the parse must cost less than the server's send.
 */
final class Dashboard {
    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALERT = "alert".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READING = "reading".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESET = "reset".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ID_FIELD = "\"id\":".getBytes(StandardCharsets.US_ASCII);
    static final byte[] UPDATED_AT_FIELD = "\"updatedAt\":\"".getBytes(StandardCharsets.US_ASCII);

    private enum Kind { OTHER, ALERT, READING, RESET }

    private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, PLAIN, DONE }

    final int index;
    final boolean recordReadings;
    final CountDownLatch connected = new CountDownLatch(1);

    // written by the reader thread, read after the scenario (the drain wait polls lastId)
    volatile long firstId = -1;
    volatile long lastId = -1;
    volatile long events;
    long missing;
    long duplicates;
    long resets;
    volatile String failure;
    volatile boolean closed;

    /** Each alert change that arrived: the alert's id, its updatedAt (epoch nanoseconds) and when it arrived. */
    final LongList alertIds = new LongList();
    final LongList alertTimes = new LongList();
    final LongList alertArrivals = new LongList();
    final LongList readingIds = new LongList();
    final LongList readingArrivals = new LongList();

    private Part part = Part.HEAD;
    /** In a data line that is not decoded. */
    private boolean skipping;
    private boolean statusSeen;
    private boolean chunked;
    private long chunkLeft;
    private byte[] line = new byte[512];
    private int lineLength;
    private long id = -1;
    private Kind kind = Kind.OTHER;
    /** The current event's data line was one this dashboard times, and what it said. */
    private boolean timed;
    private long dataId;
    private long dataTime;
    private long dataAt;

    Dashboard(int index, boolean recordReadings) {
        this.index = index;
        this.recordReadings = recordReadings;
    }

    boolean awaitConnected(long ms) throws InterruptedException {
        return connected.await(ms, TimeUnit.MILLISECONDS) && failure == null;
    }

    /** Bytes as they came off the socket at {@code now}; returns false once the stream has ended or failed. */
    boolean feed(ByteBuffer bytes, long now) {
        while (bytes.hasRemaining() && part != Part.DONE) {
            switch (part) {
                case HEAD, CHUNK_SIZE, CHUNK_END -> {
                    if (takeLine(bytes)) {
                        protocolLine();
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, bytes.remaining());
                    int limit = bytes.limit();
                    bytes.limit(bytes.position() + n);
                    events(bytes, now);
                    bytes.limit(limit);
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        part = Part.CHUNK_END;
                    }
                }
                case PLAIN -> events(bytes, now);
                default -> throw new IllegalStateException(part.name());
            }
        }
        return part != Part.DONE;
    }

    /** The stream ended (the server closed it, or a read failed). */
    void ended(String why) {
        if (!closed && failure == null) {
            failure = why;
        }
        part = Part.DONE;
        connected.countDown();
    }

    // --------------------------------------------------------------- HTTP framing

    private void protocolLine() {
        String l = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        switch (part) {
            case HEAD -> head(l);
            case CHUNK_SIZE -> {
                int semi = l.indexOf(';');
                chunkLeft = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
                part = chunkLeft == 0 ? Part.DONE : Part.CHUNK_DATA;
                if (part == Part.DONE) {
                    ended("stream ended");
                }
            }
            case CHUNK_END -> part = Part.CHUNK_SIZE;
            default -> throw new IllegalStateException(part.name());
        }
    }

    private void head(String l) {
        if (!statusSeen) {
            statusSeen = true;
            int status = l.startsWith("HTTP/1.") && l.length() >= 12 ? Integer.parseInt(l.substring(9, 12)) : -1;
            if (status != 200) {
                failure = "HTTP " + status + " (" + l + ")";
                ended(failure);
            }
        } else if (l.isEmpty()) {
            part = chunked ? Part.CHUNK_SIZE : Part.PLAIN;
            connected.countDown();
        } else if (l.regionMatches(true, 0, "transfer-encoding:", 0, 18) && l.toLowerCase().contains("chunked")) {
            chunked = true;
        }
    }

    /** Reads up to and including the next LF into {@link #line} (without CR/LF); false if the line is not complete yet. */
    private boolean takeLine(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                return true;
            }
            if (b != '\r') {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
        return false;
    }

    // --------------------------------------------------------------- text/event-stream

    /**
     * Splits the event stream into lines straight from the buffer's array. A data line this dashboard does not
     * time (most of the bytes) is skipped to its end without being copied.
     */
    private void events(ByteBuffer bytes, long now) {
        byte[] a = bytes.array();
        int p = bytes.arrayOffset() + bytes.position();
        int end = bytes.arrayOffset() + bytes.limit();
        while (p < end) {
            if (!skipping && lineLength == 0 && a[p] == 'd' && !(kind == Kind.ALERT || kind == Kind.READING && recordReadings)) {
                skipping = true;
                dataAt = now;
            }
            int nl = p;
            while (nl < end && a[nl] != '\n') {
                nl++;
            }
            if (!skipping) {
                append(a, p, nl);
            }
            if (nl == end) {
                p = end;
                break;
            }
            p = nl + 1;
            if (skipping) {
                skipping = false;
            } else {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                eventLine(now);
            }
            lineLength = 0;
        }
        bytes.position(p - bytes.arrayOffset());
    }

    private void append(byte[] a, int from, int to) {
        int n = to - from;
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(a, from, line, lineLength, n);
        lineLength += n;
    }

    private void eventLine(long now) {
        if (lineLength == 0) {
            dispatch();
        } else if (line[0] == ':') {
            connected.countDown();
        } else if (startsWith(ID)) {
            id = number(ID.length);
        } else if (startsWith(EVENT)) {
            int from = skipSpace(EVENT.length);
            kind = is(from, ALERT) ? Kind.ALERT : is(from, READING) ? Kind.READING : is(from, RESET) ? Kind.RESET : Kind.OTHER;
        } else if (startsWith(DATA)) {
            dataAt = now;
            // Read straight from the line's bytes: no String, no Instant.parse per event and dashboard. Two hundred
            // dashboards decoding every alert (and keeping a String key for each) made the driver's own
            // collections pause for 50-95 ms, which the latencies then measured.
            if (kind == Kind.ALERT || kind == Kind.READING && recordReadings) {
                int from = skipSpace(DATA.length);
                dataId = longAfter(line, from, lineLength, ID_FIELD);
                dataTime = kind == Kind.ALERT ? instantAfter(line, from, lineLength, UPDATED_AT_FIELD) : 0;
                timed = dataId >= 0;
            }
        }
    }

    private void dispatch() {
        if (id >= 0) {
            if (kind == Kind.RESET) {
                resets++;
            } else {
                events++;
                if (firstId < 0) {
                    firstId = id;
                } else if (id <= lastId) {
                    duplicates++;
                } else if (id != lastId + 1) {
                    missing += id - lastId - 1;
                }
                if (id > lastId) {
                    lastId = id;
                }
                if (kind == Kind.ALERT && timed) {
                    alertIds.add(dataId);
                    alertTimes.add(dataTime);
                    alertArrivals.add(dataAt);
                } else if (kind == Kind.READING && timed) {
                    readingIds.add(dataId);
                    readingArrivals.add(dataAt);
                }
            }
        }
        id = -1;
        kind = Kind.OTHER;
        timed = false;
    }

    private boolean startsWith(byte[] prefix) {
        return lineLength >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private boolean is(int from, byte[] word) {
        return lineLength - from == word.length && Arrays.equals(line, from, lineLength, word, 0, word.length);
    }

    private int skipSpace(int from) {
        return from < lineLength && line[from] == ' ' ? from + 1 : from;
    }

    private long number(int from) {
        long v = 0;
        for (int i = skipSpace(from); i < lineLength; i++) {
            v = v * 10 + (line[i] - '0');
        }
        return v;
    }

    /** The number after the first {@code marker} in bytes[from, to), or -1. */
    static long longAfter(byte[] bytes, int from, int to, byte[] marker) {
        int p = indexOf(bytes, from, to, marker);
        if (p < 0 || p >= to || bytes[p] < '0' || bytes[p] > '9') {
            return -1;
        }
        long v = 0;
        while (p < to && bytes[p] >= '0' && bytes[p] <= '9') {
            v = v * 10 + (bytes[p++] - '0');
        }
        return v;
    }

    /** The instant in the string after the first {@code marker} in bytes[from, to), as epoch nanoseconds; -1 if none. */
    static long instantAfter(byte[] bytes, int from, int to, byte[] marker) {
        int p = indexOf(bytes, from, to, marker);
        if (p < 0) {
            return -1;
        }
        int end = p;
        while (end < to && bytes[end] != '"') {
            end++;
        }
        return epochNanos(bytes, p, end);
    }

    /**
     * "2026-11-29T21:20:15.123456Z" as epoch nanoseconds, read digit by digit (the server writes instants this way,
     * in the stream and in the POST's answer alike); anything else goes through {@link Instant#parse}.
     */
    static long epochNanos(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 20 || b[to - 1] != 'Z' || b[from + 4] != '-' || b[from + 10] != 'T' || n > 20 && b[from + 19] != '.') {
            Instant i = Instant.parse(new String(b, from, n, StandardCharsets.US_ASCII));
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
        long day = LocalDate.of(digits(b, from, 4), digits(b, from + 5, 2), digits(b, from + 8, 2)).toEpochDay();
        long second = day * 86_400 + digits(b, from + 11, 2) * 3600L + digits(b, from + 14, 2) * 60L + digits(b, from + 17, 2);
        long nanos = 0;
        int scale = 100_000_000;
        for (int p = from + 20; p < to - 1; p++, scale /= 10) {
            nanos += (b[p] - '0') * (long) scale;
        }
        return second * 1_000_000_000L + nanos;
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** Where the first {@code marker} in bytes[from, to) ends, or -1. */
    private static int indexOf(byte[] bytes, int from, int to, byte[] marker) {
        outer:
        for (int i = from; i <= to - marker.length; i++) {
            for (int k = 0; k < marker.length; k++) {
                if (bytes[i + k] != marker[k]) {
                    continue outer;
                }
            }
            return i + marker.length;
        }
        return -1;
    }

    static final class LongList {
        long[] values = new long[256];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }
    }
}
