package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Berth's mapper is its own: what a user does to {@link Json#mapper()} changes nothing in how Berth reads. */
class JsonSharingTest {
    record Answer(String id) {
    }

    @Test
    void reconfiguringTheMapperAUserGotLeavesBerthsReadingAsItWas() throws IOException {
        ObjectMapper mine = Json.mapper();
        mine.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        assertThrows(UnrecognizedPropertyException.class,
                () -> mine.readValue("{\"id\":\"a\",\"NewField\":1}", Answer.class), "the copy has the change");

        String newerDaemon = "{\"id\":\"a\",\"NewField\":1}";
        assertEquals(new Answer("a"), Json.Databind.MAPPER.readValue(newerDaemon, Answer.class), "Berth still ignores it");
        assertEquals(new Answer("a"), Json.reader().forType(Answer.class).readValue(newerDaemon));
        assertNotSame(Json.mapper(), Json.mapper());
    }

    @Test
    void theCopyWritesAsBerthDoes() throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", "busybox");
        body.put("Cmd", null);
        assertEquals(Json.write(body), Json.mapper().writeValueAsString(body), "nulls left out in both");
        assertEquals("{\"Image\":\"busybox\"}", Json.writer().writeValueAsString(body));
    }
}
