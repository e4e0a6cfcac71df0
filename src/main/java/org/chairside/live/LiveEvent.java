package org.chairside.live;

/** A committed event as it travels to dashboards: id from the event log, type (session, reading, alert), JSON data. */
public record LiveEvent(long id, String type, Long sessionId, String data) {

    static LiveEvent of(LoggedEvent e) {
        return new LiveEvent(e.id, e.type, e.sessionId, e.payload);
    }
}
