package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkSpecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The create body the spec writes, as Berth's mapper writes it, read back as maps and lists in its order. */
    private static Map<String, Object> body(NetworkSpec spec) throws Exception {
        return MAPPER.readValue(MAPPER.writeValueAsString(spec), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Asserts an IllegalArgumentException whose message names the bad value. */
    private static void rejects(String badValue, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(badValue),
                () -> "message should name '" + badValue + "': " + e.getMessage());
    }

    @Test
    void aBareSpecAsksForABridgeAndRefusesDuplicateNamesWithoutFlags() throws Exception {
        Map<String, Object> body = body(NetworkSpec.builder("app-net").build());
        assertEquals(Map.of("Name", "app-net", "CheckDuplicate", true, "Driver", "bridge"), body);
        assertEquals(List.of("Name", "CheckDuplicate", "Driver"), List.copyOf(body.keySet()));
    }

    @Test
    void everySettingLandsInItsField() throws Exception {
        NetworkSpec spec = NetworkSpec.builder("backend").driver("overlay")
                .subnet("10.10.0.0/24").gateway("10.10.0.1").ipRange("10.10.0.128/25")
                .label("team", "web").labels(Map.of("env", "test"))
                .option("com.docker.network.driver.mtu", "1400")
                .internal().attachable().enableIPv6().build();

        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("Subnet", "10.10.0.0/24");
        pool.put("Gateway", "10.10.0.1");
        pool.put("IPRange", "10.10.0.128/25");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Name", "backend");
        expected.put("CheckDuplicate", true);
        expected.put("Driver", "overlay");
        expected.put("Internal", true);
        expected.put("Attachable", true);
        expected.put("EnableIPv6", true);
        expected.put("IPAM", Map.of("Driver", "default", "Config", List.of(pool)));
        expected.put("Options", Map.of("com.docker.network.driver.mtu", "1400"));
        expected.put("Labels", Map.of("team", "web", "env", "test"));
        assertEquals(expected, body(spec));
    }

    @Test
    void theJsonUsesTheDaemonsFieldNames() throws Exception {
        String json = MAPPER.writeValueAsString(NetworkSpec.builder("n").subnet("10.1.2.0/24")
                .gateway("10.1.2.1").ipRange("10.1.2.0/25").label("a", "b").internal().build());
        assertEquals("{\"Name\":\"n\",\"CheckDuplicate\":true,\"Driver\":\"bridge\",\"Internal\":true,"
                + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.1.2.0/24\",\"Gateway\":\"10.1.2.1\","
                + "\"IPRange\":\"10.1.2.0/25\"}]},\"Labels\":{\"a\":\"b\"}}", json);
    }

    @Test
    void aSubnetAloneMakesAPoolWithoutGatewayOrRange() throws Exception {
        Object ipam = body(NetworkSpec.builder("n").subnet("192.168.77.0/24").build()).get("IPAM");
        assertEquals(Map.of("Driver", "default", "Config", List.of(Map.of("Subnet", "192.168.77.0/24"))), ipam);
    }

    @Test
    void aGatewayOrRangeWithoutSubnetIsRefused() {
        rejects("needs a subnet", () -> NetworkSpec.builder("n").gateway("10.0.0.1").build());
        rejects("needs a subnet", () -> NetworkSpec.builder("n").ipRange("10.0.0.0/25").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/", "/24", "10.0.0.0/24/1", "10.0.0.0/x", "10.0.0.0/1024",
        "10.0.0.0 /24"})
    void badCidrsAreRefusedByName(String bad) {
        rejects(bad, () -> NetworkSpec.builder("n").subnet(bad));
        rejects(bad, () -> NetworkSpec.builder("n").ipRange(bad));
    }

    @Test
    void badNamesDriversGatewaysLabelsAndOptionsAreRefused() {
        rejects("''", () -> NetworkSpec.builder(""));
        rejects("my net", () -> NetworkSpec.builder("my net"));
        rejects("null", () -> NetworkSpec.builder(null));
        rejects("''", () -> NetworkSpec.builder("n").driver(""));
        rejects("10.0.0.1/24", () -> NetworkSpec.builder("n").gateway("10.0.0.1/24"));
        rejects("team", () -> NetworkSpec.builder("n").label("team", null));
        rejects("empty", () -> NetworkSpec.builder("n").label("", "x"));
        rejects("mtu", () -> NetworkSpec.builder("n").option("mtu", null));
        rejects("empty", () -> NetworkSpec.builder("n").option("", "1"));
    }

    @Test
    void theNameIsReadBack() {
        assertEquals("n", NetworkSpec.builder("n").subnet("10.9.0.0/16").build().name());
    }

    @Test
    void specsWithTheSameSettingsAreEqual() {
        NetworkSpec a = NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").build();
        NetworkSpec b = NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "c").build());
        assertNotEquals(a, NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").internal().build());
    }
}
