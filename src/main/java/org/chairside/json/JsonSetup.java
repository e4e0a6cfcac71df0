package org.chairside.json;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The application's JSON: instants as ISO-8601 text, written by the fast {@link InstantSerializer}; and a body read
 * strictly, so that what is stored is what was sent: a field given twice is refused (not "the last one wins", which
 * charted {@code {"spo2":98,"spo2":85}} as 85), a fraction in a whole-number field is refused (not cut: SpO2 87.9
 * was charted as 87 and raised a HIGH alert that 88 would not have), and so is a number for an enum (not its position).
 */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("chairside-instants").addSerializer(Instant.class, new InstantSerializer()));
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // an enum is given by its name: a number was read as the constant's position, {"to": 4} discharged a session
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
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
