package org.chairside.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InstantSerializerTest {
    private final ObjectMapper mapper = new ObjectMapper();

    {
        new JsonSetup().customize(mapper);
    }

    private void same(Instant i) throws Exception {
        assertEquals('"' + DateTimeFormatter.ISO_INSTANT.format(i) + '"', mapper.writeValueAsString(i), () -> "for " + i);
    }

    @Test
    void writesWhatIsoInstantWrites() throws Exception {
        for (String s : new String[] {"2025-03-31T14:05:09Z", "2025-03-31T14:05:09.120Z", "2025-03-31T14:05:09.000120Z",
                "2025-03-31T14:05:09.000000001Z", "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.500Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "0001-06-15T12:00:00.100Z"}) {
            same(Instant.parse(s));
        }
        SplittableRandom random = new SplittableRandom(42);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            same(Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos));
        }
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheGeneralFormatter() throws Exception {
        same(Instant.MAX);
        same(Instant.MIN);
        same(Instant.parse("+10000-01-01T00:00:00Z"));
        same(Instant.parse("-0001-12-31T23:59:59.5Z"));
    }
}
