package org.chairside.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.alerts.Alert;
import org.chairside.alerts.AlertView;
import org.chairside.live.EventLog;
import org.chairside.recliner.Recliner;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.session.SessionView;
import org.chairside.storage.ReadOnly;
import org.chairside.vitals.Reading;
import org.chairside.vitals.ReadingView;

/**
 * What the dashboard needs to draw the live board in one request, and the event-log position it reflects:
 * the page subscribes to the stream from {@code lastEventId}, so nothing committed after the snapshot is missed
 * (events already in it are applied again, harmlessly: the page keeps things by id).
 */
@Path("/api")
@Authenticated
public class BoardResource {
    /** How many recent readings each occupied tile gets for its trend line. */
    static final int TREND_READINGS = 12;

    private final EventLog events;
    private final SessionService sessions;
    private final Duration heartbeat;
    private final Duration historicalAfter;

    public BoardResource(EventLog events, SessionService sessions,
                         @ConfigProperty(name = "chairside.live.heartbeat") Duration heartbeat,
                         @ConfigProperty(name = "chairside.alerts.historical-after") Duration historicalAfter) {
        this.events = events;
        this.sessions = sessions;
        this.heartbeat = heartbeat;
        this.historicalAfter = historicalAfter;
    }

    public record Tile(Long reclinerId, String reclinerName, SessionView session, List<ReadingView> readings, List<AlertView> alerts) {
    }

    public record Board(long lastEventId, Instant serverTime, List<Tile> tiles) {
    }

    /** Settings the page needs: how often the stream sends a heartbeat (silence longer than this means "not live"). */
    public record ClientConfig(long heartbeatMillis, long audioPauseSeconds, long historicalAfterSeconds) {
    }

    @GET
    @Path("/config")
    public ClientConfig config() {
        return new ClientConfig(heartbeat.toMillis(), 120, historicalAfter.toSeconds());
    }

    @GET
    @Path("/board")
    @Transactional
    public Board board() {
        ReadOnly.forThisTransaction(InfusionSession.getEntityManager());
        // The position first: whatever commits after it is replayed by the stream.
        long position = events.lastId();
        Instant now = Instant.now();
        Map<Long, InfusionSession> open = InfusionSession.openByRecliner();
        List<Long> sessionIds = open.values().stream().map(s -> s.id).toList();
        Map<Long, List<AlertView>> alerts = sessionIds.isEmpty() ? Map.of()
                : Alert.<Alert>list("sessionId in ?1 and openCondition is not null", Sort.descending("updatedAt"), sessionIds).stream()
                .map(AlertView::of).collect(Collectors.groupingBy(AlertView::sessionId));
        Function<InfusionSession, SessionView> views = sessions.views();
        List<Tile> tiles = new ArrayList<>();
        for (Recliner r : Recliner.<Recliner>listAll(Sort.by("name"))) {
            InfusionSession s = open.get(r.id);
            if (s == null && !r.inService()) {
                continue;
            }
            if (s == null) {
                tiles.add(new Tile(r.id, r.name, null, List.of(), List.of()));
                continue;
            }
            List<ReadingView> recent = new ArrayList<>(Reading.<Reading>find("sessionId = ?1 and supersededById is null"
                            + Reading.NEWEST_FIRST, s.id)
                    .page(0, TREND_READINGS).list().stream().map(ReadingView::of).toList());
            Collections.reverse(recent);
            tiles.add(new Tile(r.id, r.name, views.apply(s), recent, alerts.getOrDefault(s.id, List.of())));
        }
        return new Board(position, now, tiles);
    }
}
