package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.NetworkDetails;
import dev.berth.transport.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Network inspect and connect against a mock daemon at API 1.56: inspect adds {@code Status} (1.52), and connect
 * applies an endpoint's {@code MacAddress} from 1.54 on (before, it was ignored).
 */
class NetworksApi156Test {

    @Test
    void inspectKeepsTheIpamStatusOf152EvenWhenItSaturatesAnUnsignedLong() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("""
                    {"Name":"my_network","Id":"7d86d31b1478e7cca9ebed7e73aa0fdeec46c5ca29497431d3007d2d9e15ed99",
                     "Created":"2016-10-19T04:33:30.360899459Z","Scope":"local","Driver":"bridge","EnableIPv4":true,
                     "EnableIPv6":false,"IPAM":{"Driver":"default","Config":[{"Subnet":"172.19.0.0/16",
                                                                               "Gateway":"172.19.0.1"}],
                                             "Options":{}},
                     "Internal":false,"Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},
                     "ConfigOnly":false,"Options":{"com.docker.network.bridge.default_bridge":"true"},
                     "Labels":{"com.example.some-label":"some-value"},
                     "Containers":{"19a4d5d687db25203351ed79d478946f861258f018fe384f229f2efa4b23513c":
                                   {"Name":"test","EndpointID":"628cadb8bcb92de107b2a1e516cbffe463e321f548feb37697cce00ad694f21a",
                                    "MacAddress":"02:42:ac:13:00:02","IPv4Address":"172.19.0.2/16","IPv6Address":""}},
                     "Status":{"IPAM":{"Subnets":{"172.19.0.0/16":{"IPsInUse":3,"DynamicIPsAvailable":65533},
                                                  "2001:db8:abcd:12::/64":{"IPsInUse":5,
                                                      "DynamicIPsAvailable":18446744073709551615}}}}}""");
            NetworkDetails n = engine.docker().networks().inspect("my_network");
            assertEquals("/v1.56/networks/my_network", engine.request().getUrl().encodedPath());

            assertEquals("172.19.0.1", n.ipam().config().get(0).gateway());
            NetworkDetails.Endpoint e = n.containers().values().iterator().next();
            assertEquals("172.19.0.2/16", e.ipv4Address());
            Map<?, ?> subnets = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) n.extras().get("Status")).get("IPAM"))
                    .get("Subnets");
            assertEquals(65533, ((Map<?, ?>) subnets.get("172.19.0.0/16")).get("DynamicIPsAvailable"));
            // uint64, saturating at 2^64 - 1: more than a long holds, so it stays a BigInteger rather than failing.
            assertEquals(new BigInteger("18446744073709551615"),
                    ((Map<?, ?>) subnets.get("2001:db8:abcd:12::/64")).get("DynamicIPsAvailable"));
        }
    }

    @Test
    void connectSendsNoMacAddressWhich154WouldApply() throws IOException {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("");
            engine.docker().networks().connect("app-net", "db",
                    NetworkConnectOptions.defaults().withAliases("database").withIpv4Address("10.10.0.50"));
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.56/networks/app-net/connect", r.getUrl().encodedPath());
            JsonNode body = Json.mapper().readTree(r.getBody().utf8());
            assertEquals("db", body.get("Container").asText());
            JsonNode endpoint = body.get("EndpointConfig");
            assertEquals("10.10.0.50", endpoint.get("IPAMConfig").get("IPv4Address").asText());
            assertEquals("database", endpoint.get("Aliases").get(0).asText());
            assertFalse(endpoint.has("MacAddress"));
        }
    }
}
