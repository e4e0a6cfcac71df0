package org.chairside.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The package build's training run for the class archive. Started with {@code -XX:ArchiveClassesAtExit} and
 * chairside.startup.exit-when-started, the server stops as soon as it has started, and the JVM writes the classes
 * the start loaded into the archive. Later starts given that archive ({@code -XX:SharedArchiveFile}) map those
 * classes instead of reading, parsing and verifying some 16,000 of them again: most of what a start costs on a
 * small machine (README, "Run it for a clinic").
 */
@ApplicationScoped
public class TrainingRun {
    private static final Logger LOG = Logger.getLogger(TrainingRun.class);

    private final boolean exitWhenStarted;
    private final Optional<Path> loadedClasses;

    public TrainingRun(@ConfigProperty(name = "chairside.startup.exit-when-started") boolean exitWhenStarted,
                       @ConfigProperty(name = "chairside.startup.loaded-classes") Optional<Path> loadedClasses) {
        this.exitWhenStarted = exitWhenStarted;
        this.loadedClasses = loadedClasses;
    }

    // After the other start-up observers, so that what they load is in the archive too.
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) throws IOException {
        if (!exitWhenStarted) {
            return;
        }
        if (loadedClasses.isPresent()) {
            LOG.infof("Training run: %d loaded classes linked", link(Files.readAllLines(loadedClasses.get())));
        }
        LOG.info("Training run: started, stopping now (chairside.startup.exit-when-started)");
        Quarkus.asyncExit(0);
    }

    /**
     * JDK 17 leaves out of the archive every class the run loaded but never linked, a third of what a start loads
     * (annotations, interfaces and types only looked at). Asking a class for its methods links it without running
     * its static initializer. Lines are the JVM's class+load log: "[time][info][class,load] name source: ...".
     */
    private int link(List<String> log) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int linked = 0;
        for (String line : log) {
            int end = line.indexOf(" source: ");
            if (end < 0 || line.contains("source: shared objects file")) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ', end - 1) + 1, end);
            try {
                Class.forName(name, false, loader).getDeclaredMethods();
                linked++;
            } catch (ClassNotFoundException | LinkageError notByName) {
                // hidden and generated classes, or ones whose dependencies are absent: left out, as before
            }
        }
        return linked;
    }
}
