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
}
