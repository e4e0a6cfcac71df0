package org.chairside.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JsonSetupTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void theApplicationsMapperWritesInstantsWithTheFastSerializerNotTheJavaTimeModules() throws Exception {
        assertInstanceOf(InstantSerializer.class, mapper.getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertEquals("\"2025-03-31T14:05:09.120Z\"", mapper.writeValueAsString(Instant.parse("2025-03-31T14:05:09.120Z")));
    }
}
