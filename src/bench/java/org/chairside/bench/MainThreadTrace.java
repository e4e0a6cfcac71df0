package org.chairside.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Where a page's main thread spent a Chrome trace (scenario 9 with {@code -Dbench.trace=true}): the self time of each
 * kind of event on the renderer's main thread (style, layout, paint, script, the collector...), so that a busy share
 * Chrome's counters give as a whole can be taken apart, and the page's script by function from a CPU profile. The
 * trace file stays beside the report for DevTools.
 */
final class MainThreadTrace {
    /** The kinds of event a trace is summed into: enough to see what a busy share is made of. */
    private static final int KINDS = 14;

    private record Event(long ts, long dur, String name) {
    }

    private MainThreadTrace() {
    }

    /** Self milliseconds by event name on the busiest renderer main thread, the largest first; "(all tasks)" their sum. */
    static Map<String, Object> selfTimes(Path trace) throws IOException {
        Map<String, String> threadNames = new HashMap<>();
        Map<String, List<Event>> byThread = new HashMap<>();
        try (Reader in = Files.newBufferedReader(trace, StandardCharsets.UTF_8); JsonReader json = new JsonReader(in)) {
            json.beginObject();
            while (json.hasNext()) {
                if (!json.nextName().equals("traceEvents")) {
                    json.skipValue();
                    continue;
                }
                json.beginArray();
                while (json.hasNext() && json.peek() == JsonToken.BEGIN_OBJECT) {
                    JsonObject e = JsonParser.parseReader(json).getAsJsonObject();
                    String ph = e.has("ph") ? e.get("ph").getAsString() : "";
                    String thread = e.has("pid") && e.has("tid") ? e.get("pid").getAsString() + "/" + e.get("tid").getAsString() : null;
                    if (thread == null) {
                        continue;
                    }
                    if (ph.equals("M") && e.get("name").getAsString().equals("thread_name")) {
                        threadNames.put(thread, e.getAsJsonObject("args").get("name").getAsString());
                    } else if (ph.equals("X") && e.has("dur")) {
                        byThread.computeIfAbsent(thread, k -> new ArrayList<>())
                                .add(new Event(e.get("ts").getAsLong(), e.get("dur").getAsLong(), e.get("name").getAsString()));
                    }
                }
                json.endArray();
            }
        }
        List<Event> main = byThread.entrySet().stream().filter(t -> "CrRendererMain".equals(threadNames.get(t.getKey())))
                .max(Comparator.comparingInt(t -> t.getValue().size())).map(Map.Entry::getValue).orElse(List.of());
        return summed(main);
    }

    /**
     * Self milliseconds by function ("name file:line") of a V8 CPU profile (CDP {@code Profiler.stop}): which of the
     * page's functions the script share is made of. Each sample's time is the delta to the next one.
     */
    static Map<String, Object> functions(JsonObject profile) {
        Map<Long, String> names = new HashMap<>();
        for (var n : profile.getAsJsonArray("nodes")) {
            JsonObject node = n.getAsJsonObject();
            JsonObject frame = node.getAsJsonObject("callFrame");
            String url = frame.get("url").getAsString();
            String name = frame.get("functionName").getAsString();
            names.put(node.get("id").getAsLong(), (name.isEmpty() ? "(anonymous)" : name)
                    + (url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1) + ":" + (frame.get("lineNumber").getAsInt() + 1)));
        }
        var samples = profile.getAsJsonArray("samples");
        var deltas = profile.getAsJsonArray("timeDeltas");
        Map<String, Long> self = new HashMap<>();
        for (int i = 0; i + 1 < samples.size(); i++) {
            self.merge(names.get(samples.get(i).getAsLong()), deltas.get(i + 1).getAsLong(), Long::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(KINDS)
                .forEach(e -> out.put(e.getKey(), Bench.round(e.getValue() / 1000.0)));
        return out;
    }

    /** An event's self time is its duration less its children's; events on one thread nest by time. */
    private static Map<String, Object> summed(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::ts).thenComparing(Comparator.comparingLong(Event::dur).reversed()));
        Map<String, Long> self = new HashMap<>();
        Deque<Event> open = new ArrayDeque<>();
        long top = 0;
        for (Event e : sorted) {
            while (!open.isEmpty() && open.peek().ts() + open.peek().dur() <= e.ts()) {
                open.pop();
            }
            if (open.isEmpty()) {
                top += e.dur();
            } else {
                self.merge(open.peek().name(), -Math.min(e.dur(), open.peek().dur()), Long::sum);
            }
            self.merge(e.name(), e.dur(), Long::sum);
            open.push(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("(all tasks)", Bench.round(top / 1000.0));
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(KINDS)
                .forEach(e -> out.put(e.getKey(), Bench.round(e.getValue() / 1000.0)));
        return out;
    }
}
