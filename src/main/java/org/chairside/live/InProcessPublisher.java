package org.chairside.live;

import java.util.List;

import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One node: committed events go to the hub as they are. No channel in between, so nothing is written as JSON and
 * read back on the charting writer's thread.
 */
@ApplicationScoped
@UnlessBuildProperty(name = "chairside.live.broker", stringValue = "rabbitmq", enableIfMissing = true)
public class InProcessPublisher implements LivePublisher {
    private static final Logger LOG = Logger.getLogger(InProcessPublisher.class);

    private final LiveHub hub;

    public InProcessPublisher(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void publish(List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            hub.offer(events);
        } catch (RuntimeException failure) {
            // the events are in the log: the hub reads them from there
            LOG.warnf("Live events %d-%d not handed to the hub (%s); dashboards get them from the event log",
                    events.get(0).id(), events.get(events.size() - 1).id(), failure.getClass().getSimpleName());
            hub.catchUpSoon();
        }
    }
}
