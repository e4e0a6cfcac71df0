package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SseFrameTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsIdTypeAndDataEndedByABlankLine() {
        assertEquals("id:42\nevent:alert\ndata:{\"condition\":\"SPO2_LOW\",\"note\":\"ü\"}\n\n",
                text(SseFrame.event(new LiveEvent(42, "alert", 3L, "{\"condition\":\"SPO2_LOW\",\"note\":\"ü\"}"))));
    }

    @Test
    void lineBreaksInTheDataBecomeSeveralDataLines() {
        assertEquals("id:1\nevent:reset\ndata:a\ndata:b\ndata:c\n\n", text(SseFrame.event(new LiveEvent(1, "reset", null, "a\nb\r\nc"))));
    }

    @Test
    void heartbeatsAndTheRetryCarryNoId() {
        assertEquals("event:heartbeat\ndata:{}\n\n", text(SseFrame.unnumbered("heartbeat", "{}")));
        assertEquals(":heartbeat\n\n", text(SseFrame.comment("heartbeat")));
        assertEquals("retry:2000\n\n", text(SseFrame.retry(2000)));
    }
}
