package org.chairside.vitals;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of the longest sessions' reading lists, as last written, with the number of readings it holds. A session's
 * readings are only ever added: a correction is a new reading, and the original is marked superseded in the same
 * transaction. So a session with as many readings as a copy was written from has exactly that copy's readings, and
 * one count tells whether the copy is still the list. Every screen open on a session reloads the list on each of its
 * events (a monitor charts every few seconds) and a provider reviews a closed session many times: the list of ten
 * thousand readings is then read and written once per change, not once per request.
 *
 * <p>Bounded by bytes, least recently used out first. Pure: the writer asks the database for the count.
 */
final class ReadingListCache {
    /** Below this, writing the list costs about what counting it does: not worth the memory. */
    static final int MIN_READINGS = 1000;

    record Copy(int readings, byte[] json) {
    }

    private final long maxBytes;
    private final Map<Long, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ReadingListCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean enabled() {
        return maxBytes > 0;
    }

    synchronized Copy get(long sessionId) {
        return copies.get(sessionId);
    }

    /** Keeps the list as written, replacing the session's older copy; a list larger than the whole budget is not kept. */
    synchronized void put(long sessionId, int readings, byte[] json) {
        if (readings < MIN_READINGS || json.length > maxBytes) {
            return;
        }
        Copy old = copies.put(sessionId, new Copy(readings, json));
        bytes += json.length - (old == null ? 0 : old.json().length);
        Iterator<Copy> eldest = copies.values().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().json().length;
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }
}
