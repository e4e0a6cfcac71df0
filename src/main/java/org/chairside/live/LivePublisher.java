package org.chairside.live;

import java.util.List;

/**
 * Hands a transaction's events, once it has committed, to the dashboards: straight to this instance's hub on a
 * single node, through the broker to every instance in scale-out (the build property chairside.live.broker).
 */
public interface LivePublisher {
    /** Called after commit with the transaction's events in id order; never throws into the committed write. */
    void publish(List<LiveEvent> events);
}
