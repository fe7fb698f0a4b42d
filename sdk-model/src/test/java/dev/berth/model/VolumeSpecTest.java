package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeSpecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesWhatIsSetInTheDaemonsNamesAndNothingElse() throws Exception {
        assertEquals("{}", MAPPER.writeValueAsString(VolumeSpec.anonymous()));
        assertEquals("{\"Name\":\"data\"}", MAPPER.writeValueAsString(VolumeSpec.named("data")));
        assertEquals("{\"Name\":\"cache\",\"Driver\":\"local\",\"DriverOpts\":{\"type\":\"tmpfs\",\"o\":\"size=64m\"},"
                + "\"Labels\":{\"team\":\"web\",\"env\":\"test\"}}",
                MAPPER.writeValueAsString(VolumeSpec.named("cache").driver("local").option("type", "tmpfs")
                        .option("o", "size=64m").label("team", "web").labels(Map.of("env", "test"))));
    }

    @Test
    void eachMethodReturnsANewSpec() {
        VolumeSpec base = VolumeSpec.named("data");
        VolumeSpec labelled = base.label("team", "web");
        assertEquals(Map.of(), base.labels());
        assertEquals(Map.of("team", "web"), labelled.labels());
        assertEquals(Optional.of("data"), labelled.name());
        assertEquals(Optional.empty(), labelled.driver());
        assertEquals(Optional.empty(), VolumeSpec.anonymous().name());
        assertEquals(List.of("o"), List.copyOf(base.option("o", "x").option("o", "y").options().keySet()));
        assertEquals("y", base.option("o", "x").option("o", "y").options().get("o"));
        assertThrows(UnsupportedOperationException.class, () -> labelled.labels().clear());
    }

    @Test
    void specsWithTheSameSettingsAreEqual() {
        assertEquals(VolumeSpec.named("d").driver("local").label("a", "b"),
                VolumeSpec.named("d").driver("local").label("a", "b"));
        assertEquals(VolumeSpec.named("d").hashCode(), VolumeSpec.named("d").hashCode());
        assertNotEquals(VolumeSpec.named("d"), VolumeSpec.named("d").option("o", "x"));
        assertNotEquals(VolumeSpec.named("d"), VolumeSpec.anonymous());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertMessage("my data", () -> VolumeSpec.named("my data"));
        assertMessage("''", () -> VolumeSpec.named(""));
        assertMessage("null", () -> VolumeSpec.named(null));
        assertMessage("''", () -> VolumeSpec.named("d").driver(""));
        assertMessage("empty", () -> VolumeSpec.named("d").option("", "x"));
        assertMessage("o", () -> VolumeSpec.named("d").option("o", null));
        assertMessage("team", () -> VolumeSpec.named("d").label("team", null));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "message should name '" + part + "': " + e.getMessage());
    }
}
