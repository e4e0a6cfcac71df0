package org.chairside.live;

import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** On a single node the live channel loops back inside the process; with a broker this bean is not built. */
@ApplicationScoped
@UnlessBuildProperty(name = "chairside.live.broker", stringValue = "rabbitmq", enableIfMissing = true)
public class InProcessLoop {

    @Incoming("live-out")
    @Outgoing("live-in")
    public String loop(String event) {
        return event;
    }
}
