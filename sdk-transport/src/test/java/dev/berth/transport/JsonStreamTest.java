package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.errors.StreamException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonStreamTest {
    record Progress(String status, String id) {
    }

    private static JsonStream<Progress> of(String text) {
        return JsonStream.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Progress.class, "t");
    }

    @Test
    void readsObjectsSeparatedByCrLf() {
        try (JsonStream<Progress> s = of("{\"status\":\"Pulling\",\"id\":\"a\"}\r\n{\"status\":\"Done\"}\r\n")) {
            List<String> statuses = s.stream().map(Progress::status).collect(Collectors.toList());
            assertEquals(List.of("Pulling", "Done"), statuses);
        }
    }

    @Test
    void readsObjectsWithoutSeparators() {
        try (JsonStream<Progress> s = of("{\"status\":\"a\"}{\"status\":\"b\"}")) {
            assertEquals(2, s.stream().count());
        }
    }

    @Test
    void errorDetailInsideA200StreamThrows() {
        try (JsonStream<Progress> s = of("{\"status\":\"Pulling\"}\r\n"
                + "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}\r\n")) {
            assertEquals("Pulling", s.next().status());
            StreamException e = assertThrows(StreamException.class, s::next);
            assertEquals("manifest unknown", e.daemonMessage());
        }
    }

    @Test
    void emptyStreamHasNothing() {
        try (JsonStream<Progress> s = of("")) {
            assertFalse(s.hasNext());
        }
    }

    @Test
    void genericMapsWork() {
        JsonStream<Map<?, ?>> s = JsonStream.of(new ByteArrayInputStream("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)),
                Json.mapper().getTypeFactory().constructMapType(Map.class, String.class, Object.class), "t");
        assertEquals(1, s.next().get("a"));
    }
}
