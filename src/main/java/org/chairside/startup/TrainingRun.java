package org.chairside.startup;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The package build's training run for the class archive. Started with {@code -XX:ArchiveClassesAtExit} and
 * chairside.startup.exit-when-started, the server stops as soon as it has started, and the JVM writes every class
 * the start loaded into the archive. Later starts given that archive ({@code -XX:SharedArchiveFile}) map those
 * classes instead of reading, parsing and verifying some 16,000 of them again: most of what a start costs on a
 * small machine (README, "Startup").
 */
@ApplicationScoped
public class TrainingRun {
    private static final Logger LOG = Logger.getLogger(TrainingRun.class);

    private final boolean exitWhenStarted;

    public TrainingRun(@ConfigProperty(name = "chairside.startup.exit-when-started") boolean exitWhenStarted) {
        this.exitWhenStarted = exitWhenStarted;
    }

    // After the other start-up observers, so that what they load is in the archive too.
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) {
        if (exitWhenStarted) {
            LOG.info("Training run: started, stopping now (chairside.startup.exit-when-started)");
            Quarkus.asyncExit(0);
        }
    }
}
