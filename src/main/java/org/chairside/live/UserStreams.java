package org.chairside.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.chairside.security.AccessChanged;
import org.chairside.security.LoggedOut;

/**
 * The open streams of each user on this instance. A stream is authenticated when it opens; when its user logs out
 * (here, or on another instance: {@link LiveReceiver}) every one of them is cut. A tab of the browser that logged
 * out is refused when it reconnects; the user's other workstations reconnect with their own login and resume from
 * their last id, losing nothing. A change to the user's access (disabled, roles, password) ends them the same way, and
 * a disabled user's reconnect is refused.
 */
@ApplicationScoped
public class UserStreams {
    private final Map<String, Set<LiveHub.Sink>> byUser = new ConcurrentHashMap<>();

    // Adding and removing inside compute: a user's last stream closing never takes a new one's set away with it.
    void opened(String user, LiveHub.Sink stream) {
        byUser.compute(user, (u, streams) -> {
            Set<LiveHub.Sink> mine = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            mine.add(stream);
            return mine;
        });
    }

    void closed(String user, LiveHub.Sink stream) {
        byUser.computeIfPresent(user, (u, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    void end(String user) {
        Set<LiveHub.Sink> streams = byUser.get(user);
        if (streams != null) {
            streams.forEach(LiveHub.Sink::cut);
        }
    }

    void loggedOut(@Observes LoggedOut logout) {
        end(logout.username());
    }

    void accessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessChanged change) {
        end(change.username());
    }
}
