package org.chairside.alerts;

public enum AlertState {
    ACTIVE, ACKNOWLEDGED, RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
