package org.chairside.json;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The application's JSON: instants as ISO-8601 text, written by the fast {@link InstantSerializer}. */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("chairside-instants").addSerializer(Instant.class, new InstantSerializer()));
    }

    /**
     * Runs after Quarkus's own customizer, which registers the JSR-310 module: Jackson asks the module registered last
     * first, so at the default priority that module's {@code Instant} serializer won and this one was never used.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
