package org.chairside.interop;

import java.util.Locale;
import java.util.Map;

import org.chairside.rules.Consciousness;

/**
 * What a nurse's spreadsheet writes for the two NEWS2 observations that are not numbers: whether the patient breathes
 * supplemental oxygen, and the level of consciousness (ACVPU). Pure: table-tested.
 */
public final class ChartedWords {
    private static final Map<String, Boolean> OXYGEN = Map.ofEntries(
            Map.entry("yes", true), Map.entry("y", true), Map.entry("true", true), Map.entry("1", true), Map.entry("o2", true),
            Map.entry("oxygen", true), Map.entry("on", true), Map.entry("onoxygen", true), Map.entry("ono2", true),
            Map.entry("no", false), Map.entry("n", false), Map.entry("false", false), Map.entry("0", false), Map.entry("air", false),
            Map.entry("roomair", false), Map.entry("ra", false), Map.entry("off", false));
    private static final Map<String, Consciousness> ACVPU = Map.ofEntries(
            Map.entry("a", Consciousness.ALERT), Map.entry("alert", Consciousness.ALERT),
            Map.entry("c", Consciousness.NEW_CONFUSION), Map.entry("confused", Consciousness.NEW_CONFUSION),
            Map.entry("confusion", Consciousness.NEW_CONFUSION), Map.entry("newconfusion", Consciousness.NEW_CONFUSION),
            Map.entry("v", Consciousness.VOICE), Map.entry("voice", Consciousness.VOICE),
            Map.entry("p", Consciousness.PAIN), Map.entry("pain", Consciousness.PAIN),
            Map.entry("u", Consciousness.UNRESPONSIVE), Map.entry("unresponsive", Consciousness.UNRESPONSIVE));

    private ChartedWords() {
    }

    /** @return whether the cell says the patient is on oxygen, or null when it says nothing this knows */
    public static Boolean onOxygen(String cell) {
        return OXYGEN.get(key(cell));
    }

    /** @return the ACVPU level the cell names, or null when it names none */
    public static Consciousness consciousness(String cell) {
        return ACVPU.get(key(cell));
    }

    private static String key(String cell) {
        return cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
