package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkSpecTest {

    /** Asserts an IllegalArgumentException whose message names the bad value. */
    private static void rejects(String badValue, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(badValue),
                () -> "message should name '" + badValue + "': " + e.getMessage());
    }

    @Test
    void aBareSpecAsksForABridgeAndRefusesDuplicateNames() {
        Map<String, Object> body = NetworkSpec.builder("app-net").build().toCreateBody();
        assertEquals(Map.of("Name", "app-net", "CheckDuplicate", true, "Driver", "bridge"), body);
        assertEquals(List.of("Name", "CheckDuplicate", "Driver"), List.copyOf(body.keySet()));
    }

    @Test
    void everySettingLandsInItsField() {
        NetworkSpec spec = NetworkSpec.builder("backend").driver("overlay")
                .subnet("10.10.0.0/24").gateway("10.10.0.1").ipRange("10.10.0.128/25")
                .label("team", "web").labels(Map.of("env", "test"))
                .option("com.docker.network.driver.mtu", "1400")
                .internal(true).attachable(true).enableIPv6(true).build();

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
        assertEquals(expected, spec.toCreateBody());
    }

    @Test
    void theJsonUsesTheDaemonsFieldNames() throws Exception {
        String json = new ObjectMapper().writeValueAsString(NetworkSpec.builder("n").subnet("10.1.2.0/24")
                .gateway("10.1.2.1").ipRange("10.1.2.0/25").label("a", "b").internal(true).build().toCreateBody());
        assertEquals("{\"Name\":\"n\",\"CheckDuplicate\":true,\"Driver\":\"bridge\",\"Internal\":true,"
                + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.1.2.0/24\",\"Gateway\":\"10.1.2.1\","
                + "\"IPRange\":\"10.1.2.0/25\"}]},\"Labels\":{\"a\":\"b\"}}", json);
    }

    @Test
    void aSubnetAloneMakesAPoolWithoutGatewayOrRange() {
        Object ipam = NetworkSpec.builder("n").subnet("192.168.77.0/24").build().toCreateBody().get("IPAM");
        assertEquals(Map.of("Driver", "default", "Config", List.of(Map.of("Subnet", "192.168.77.0/24"))), ipam);
    }

    @Test
    void falseFlagsAreLeftOut() {
        Map<String, Object> body = NetworkSpec.builder("n").internal(true).internal(false).attachable(false)
                .enableIPv6(false).build().toCreateBody();
        assertEquals(Map.of("Name", "n", "CheckDuplicate", true, "Driver", "bridge"), body);
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
    void eachBodyIsAFreshCopy() {
        NetworkSpec spec = NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").build();
        Map<String, Object> first = spec.toCreateBody();
        first.put("Name", "changed");
        ((Map<?, ?>) first.get("Labels")).clear();
        assertEquals("n", spec.toCreateBody().get("Name"));
        assertEquals(Map.of("a", "b"), spec.toCreateBody().get("Labels"));
        assertEquals("n", spec.name());
    }

    @Test
    void specsWithTheSameSettingsAreEqual() {
        NetworkSpec a = NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").build();
        NetworkSpec b = NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "c").build());
        assertNotEquals(a, NetworkSpec.builder("n").subnet("10.9.0.0/16").label("a", "b").internal(true).build());
    }
}
