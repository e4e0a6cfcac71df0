package org.chairside.live;

import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream wire format. An event is encoded once and the same bytes go to every open stream,
 * so a thousand dashboards cost one encoding, not a thousand.
 */
final class SseFrame {
    private SseFrame() {
    }

    /** {@code id:}, {@code event:}, {@code data:} and the blank line that ends the event. */
    static byte[] event(LiveEvent e) {
        return named(e.id(), e.type(), e.data());
    }

    /** An event without an id, so a client's resume position stays where it was. */
    static byte[] unnumbered(String type, String data) {
        return named(-1, type, data);
    }

    /** The reconnect delay; sent once when a stream opens, since clients keep it for every later retry. */
    static byte[] retry(long millis) {
        return ("retry:" + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line: proxies and clients see traffic; page scripts never see it. */
    static byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] named(long id, String type, String data) {
        StringBuilder b = new StringBuilder(data.length() + type.length() + 32);
        if (id >= 0) {
            b.append("id:").append(id).append('\n');
        }
        b.append("event:").append(type).append('\n');
        // A line break inside the data would end the field early: each line goes on its own data: line.
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                b.append("data:").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        b.append("data:").append(data, start, data.length()).append("\n\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
