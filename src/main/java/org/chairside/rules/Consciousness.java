package org.chairside.rules;

/**
 * Level of consciousness on the ACVPU scale NEWS2 uses: alert, or new confusion, or responding only to voice, only to
 * pain, or not at all. Anything but {@link #ALERT} scores 3 points.
 */
public enum Consciousness {
    ALERT,
    NEW_CONFUSION,
    VOICE,
    PAIN,
    UNRESPONSIVE
}
