package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.ConflictException;
import dev.berth.errors.ForbiddenException;
import dev.berth.model.NetworkDetails;
import dev.berth.model.NetworkSpec;
import dev.berth.model.PruneResult;
import dev.berth.transport.Json;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Networks} call against a mock daemon at API 1.41: method, path, query and body as the spec says, and
 * the answer as read.
 */
class NetworksApiTest {
    /** A {@code GET /networks/{id}} answer, after the v1.41 spec's example. */
    private static final String APP_NET = """
            {"Name":"app-net","Id":"7d86d31b1478e7cca9ebed7e73aa0fdeec46c5ca29497431d3007d2d9e15ed99",
             "Created":"2016-10-19T04:33:30.360899459Z","Scope":"local","Driver":"bridge","EnableIPv6":false,
             "IPAM":{"Driver":"default","Config":[{"Subnet":"10.10.0.0/24","Gateway":"10.10.0.1"}],"Options":{}},
             "Internal":false,"Attachable":false,"Ingress":false,
             "Containers":{"19a4d5d687db25203351ed79d478946f861258f018fe384f229f2efa4b23513c":
                           {"Name":"db","EndpointID":"628cadb8bcb92de107b2a1e516cbffe463e321f548feb37697cce00ad694f21a",
                            "MacAddress":"02:42:0a:0a:00:32","IPv4Address":"10.10.0.50/24","IPv6Address":""}},
             "Options":{"com.docker.network.driver.mtu":"1400"},"Labels":{"team":"web"}}""";

    private static JsonNode body(RecordedRequest r) throws IOException {
        assertTrue(String.valueOf(r.getHeaders().get("Content-Type")).startsWith("application/json"),
                "Content-Type: " + r.getHeaders().get("Content-Type"));
        return Json.mapper().readTree(r.getBody().utf8());
    }

    private static JsonNode tree(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private static MockResponse noContent() {
        return new MockResponse.Builder().code(204).build();
    }

    private static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"" + message + "\"}").build();
    }

    @Test
    void listSendsTheFiltersAndReadsEachNetwork() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            // list rows leave the containers out
            engine.answer("""
                    [{"Name":"app-net","Id":"7d86d31b1478","Scope":"local","Driver":"bridge","Containers":{},
                      "Labels":{"team":"web"}}]""");
            List<NetworkDetails> list = engine.docker().networks()
                    .list(Filters.label("team=web").and("driver", "bridge"));

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/networks", r.getUrl().encodedPath());
            assertEquals(tree("{\"label\":{\"team=web\":true},\"driver\":{\"bridge\":true}}"),
                    tree(r.getUrl().queryParameter("filters")));
            assertEquals(1, list.size());
            assertEquals("app-net", list.get(0).name());
            assertTrue(list.get(0).containers().isEmpty());
        }
    }

    @Test
    void listWithoutFiltersSendsNone() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[]");
            assertEquals(List.of(), engine.docker().networks().list());
            assertNull(engine.request().getUrl().query());
        }
    }

    @Test
    void inspectReadsTheNetworkAndItsEndpoints() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(APP_NET);
            NetworkDetails n = engine.docker().networks().inspect("app-net");

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/networks/app-net", r.getUrl().encodedPath());
            assertEquals("7d86d31b1478e7cca9ebed7e73aa0fdeec46c5ca29497431d3007d2d9e15ed99", n.id());
            assertEquals("10.10.0.0/24", n.ipam().config().get(0).subnet());
            assertEquals("1400", n.options().get("com.docker.network.driver.mtu"));
            NetworkDetails.Endpoint db = n.containers()
                    .get("19a4d5d687db25203351ed79d478946f861258f018fe384f229f2efa4b23513c");
            assertEquals("db", db.name());
            assertEquals("10.10.0.50/24", db.ipv4Address());
        }
    }

    @Test
    void createSendsTheSpecAndAnswersTheId() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                    .body("{\"Id\":\"22be93d5babb089c5aab8dbc369042fad48ff791584ca2da2100db837a1c7c30\","
                            + "\"Warning\":\"\"}").build());
            String id = engine.docker().networks().create(NetworkSpec.builder("app-net").driver("bridge")
                    .subnet("10.10.0.0/24").gateway("10.10.0.1").ipRange("10.10.0.128/25").internal().attachable()
                    .enableIPv6().option("com.docker.network.driver.mtu", "1400").label("team", "web").build());

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/networks/create", r.getUrl().encodedPath());
            assertNull(r.getUrl().query());
            assertEquals(tree("""
                    {"Name":"app-net","CheckDuplicate":true,"Driver":"bridge","Internal":true,"Attachable":true,
                     "EnableIPv6":true,
                     "IPAM":{"Driver":"default","Config":[{"Subnet":"10.10.0.0/24","Gateway":"10.10.0.1",
                                                           "IPRange":"10.10.0.128/25"}]},
                     "Options":{"com.docker.network.driver.mtu":"1400"},"Labels":{"team":"web"}}"""), body(r));
            assertEquals("22be93d5babb089c5aab8dbc369042fad48ff791584ca2da2100db837a1c7c30", id);
        }
    }

    @Test
    void aTakenNameIsAConflict() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(409, "network with name app-net already exists"));
            ConflictException e = assertThrows(ConflictException.class,
                    () -> engine.docker().networks().create(NetworkSpec.builder("app-net").build()));
            assertEquals("network with name app-net already exists", e.daemonMessage());
        }
    }

    @Test
    void connectWithoutOptionsSendsAnEmptyEndpoint() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(200).build());
            engine.docker().networks().connect("app-net", "web");

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/networks/app-net/connect", r.getUrl().encodedPath());
            assertEquals(tree("{\"Container\":\"web\",\"EndpointConfig\":{}}"), body(r));
        }
    }

    @Test
    void connectSendsEveryEndpointSetting() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(200).build());
            engine.docker().networks().connect("app-net", "db", NetworkConnectOptions.defaults()
                    .withAliases("database", "pg").withAliases("database").withIpv4Address("10.10.0.50")
                    .withIpv6Address("2001:db8::5689").withLinks("cache:redis")
                    .withDriverOption("com.example.opt", "1"));

            assertEquals(tree("""
                    {"Container":"db",
                     "EndpointConfig":{"IPAMConfig":{"IPv4Address":"10.10.0.50","IPv6Address":"2001:db8::5689"},
                                       "Links":["cache:redis"],"Aliases":["database","pg"],
                                       "DriverOpts":{"com.example.opt":"1"}}}"""), body(engine.request()));
        }
    }

    @Test
    void connectingTwiceIsForbiddenOn2010() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(403, "endpoint with name db already exists in network app-net"));
            ForbiddenException e = assertThrows(ForbiddenException.class,
                    () -> engine.docker().networks().connect("app-net", "db"));
            assertTrue(e.daemonMessage().contains("already exists"), e.daemonMessage());
        }
    }

    @Test
    void disconnectSendsForceOnlyWhenAsked() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(200).build());
            engine.answer(new MockResponse.Builder().code(200).build());
            engine.docker().networks().disconnect("app-net", "db");
            engine.docker().networks().disconnect("app-net", "db", NetworkDisconnectOptions.force());

            RecordedRequest plain = engine.request();
            assertEquals("POST", plain.getMethod());
            assertEquals("/v1.41/networks/app-net/disconnect", plain.getUrl().encodedPath());
            assertEquals(tree("{\"Container\":\"db\"}"), body(plain));
            assertEquals(tree("{\"Container\":\"db\",\"Force\":true}"), body(engine.request()));
        }
    }

    @Test
    void removeIsADelete() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(noContent());
            engine.docker().networks().remove("app-net");

            RecordedRequest r = engine.request();
            assertEquals("DELETE", r.getMethod());
            assertEquals("/v1.41/networks/app-net", r.getUrl().encodedPath());
            assertNull(r.getUrl().query());
        }
    }

    @Test
    void pruneSendsTheFiltersAndReadsTheNames() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"NetworksDeleted\":[\"app-net\",\"old-net\"]}");
            engine.answer("{\"NetworksDeleted\":null}");
            PruneResult r = engine.docker().networks().prune(Filters.label("team=web").and("until", "24h"));
            PruneResult none = engine.docker().networks().prune();

            RecordedRequest sent = engine.request();
            assertEquals("POST", sent.getMethod());
            assertEquals("/v1.41/networks/prune", sent.getUrl().encodedPath());
            assertEquals(tree("{\"label\":{\"team=web\":true},\"until\":{\"24h\":true}}"),
                    tree(sent.getUrl().queryParameter("filters")));
            assertEquals(List.of("app-net", "old-net"), r.deleted());
            assertEquals(0, r.spaceReclaimed());
            assertNull(engine.request().getUrl().query());
            assertEquals(List.of(), none.deleted());
        }
    }

    @Test
    void connectOptionsRefuseBadValuesByName() {
        NetworkConnectOptions o = NetworkConnectOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> o.withIpv4Address("10.10.0.50/24"));
        assertThrows(IllegalArgumentException.class, () -> o.withIpv6Address(""));
        assertThrows(IllegalArgumentException.class, () -> o.withAliases("a b"));
        assertThrows(IllegalArgumentException.class, () -> o.withDriverOption("k", null));
        assertEquals("NetworkConnectOptions[aliases=[db], ipv4Address=(any), ipv6Address=(any), links=[], "
                + "driverOptions={com.example.token=***}]",
                o.withAliases("db").withDriverOption("com.example.token", "tok").toString());
        assertEquals(o.withAliases("db"), NetworkConnectOptions.defaults().withAliases("db"));
    }
}
