package org.chairside.vitals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which reading lists are kept, within the byte budget, least recently used out first. */
class ReadingListCacheTest {
    private static final int MANY = ReadingListCache.MIN_READINGS;

    /**
     * Lists put in order ("session:readings:bytes", space-separated) into a cache of the given budget; then which
     * sessions it still holds, and the bytes it counts.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one long list is kept|100|1:MANY:40|1|40",
            "a short session is not worth keeping|100|1:999:40|-|0",
            "a list larger than the whole budget is not kept|100|1:MANY:101|-|0",
            "a list of the whole budget is kept|100|1:MANY:100|1|100",
            "over the budget the least recently put goes first|100|1:MANY:40 2:MANY:40 3:MANY:40|2 3|80",
            "a newer copy replaces the session's older one|100|1:MANY:40 1:MANY+1:50|1|50",
            "a big list pushes out as many as it needs|100|1:MANY:30 2:MANY:30 3:MANY:30 4:MANY:70|3 4|100",
            "and no more|100|1:MANY:30 2:MANY:30 3:MANY:30 4:MANY:80|4|80",
            "a budget of 0 keeps nothing|0|1:MANY:1|-|0"})
    void keeps(String name, long budget, String puts, String held, long bytes) {
        ReadingListCache cache = new ReadingListCache(budget);
        for (String put : puts.split(" ")) {
            String[] p = put.split(":");
            int readings = p[1].equals("MANY") ? MANY : p[1].equals("MANY+1") ? MANY + 1 : Integer.parseInt(p[1]);
            cache.put(Long.parseLong(p[0]), readings, new byte[Integer.parseInt(p[2])]);
        }
        List<Long> expected = held.equals("-") ? List.of() : Arrays.stream(held.split(" ")).map(Long::valueOf).toList();
        for (long session = 1; session <= 4; session++) {
            assertEquals(expected.contains(session), cache.get(session) != null, name + ": session " + session);
        }
        assertEquals(bytes, cache.bytes(), name);
    }

    @ParameterizedTest(name = "reading a copy makes it the most recently used: {0}")
    @CsvSource({"true", "false"})
    void aCopyReadIsKeptLongest(boolean readFirst) {
        ReadingListCache cache = new ReadingListCache(100);
        cache.put(1, MANY, new byte[40]);
        cache.put(2, MANY, new byte[40]);
        if (readFirst) {
            cache.get(1);
        }
        cache.put(3, MANY, new byte[40]);
        assertEquals(readFirst, cache.get(1) != null);
        assertEquals(!readFirst, cache.get(2) != null);
    }

    @Test
    void aCopyIsTheListAndItsCount() {
        ReadingListCache cache = new ReadingListCache(1 << 20);
        assertTrue(cache.enabled());
        assertFalse(new ReadingListCache(0).enabled());
        assertNull(cache.get(7));
        byte[] json = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
        cache.put(7, MANY + 5, json);
        assertEquals(MANY + 5, cache.get(7).readings());
        assertArrayEquals(json, cache.get(7).json());
    }
}
