package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerStats;
import dev.berth.model.LogLine;
import dev.berth.model.RestartPolicy;
import dev.berth.transport.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Container calls whose answer or request differs from API 1.52 on, against a mock daemon at 1.56 with answers
 * from the v1.56 spec's examples: inspect without the legacy network fields, stats with {@code os_type}, update
 * and create bodies without the fields 1.52 to 1.55 dropped or started to apply, and logs without the JSON format
 * of 1.54.
 */
class ContainersApi156Test {
    private static final String ID = "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743";

    /** Inspect as from API 1.52: NetworkSettings has only SandboxID, SandboxKey, Ports and Networks. */
    private static final String INSPECT_156 = """
            {"Id":"%s","Created":"2025-02-17T17:43:39.64001363Z","Path":"/bin/sh","Args":["-c","exit 9"],
             "State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,
                      "Dead":false,"Pid":1234,"ExitCode":0,"Error":"","StartedAt":"2025-02-17T17:43:39.64001363Z",
                      "FinishedAt":"0001-01-01T00:00:00Z"},
             "Image":"sha256:72297848456d5d37d1262630108ab308d3e9ec7ed1c3286a32fe09856619a782",
             "Name":"/funny_chatelet","RestartCount":0,
             "Config":{"Hostname":"ede54ee1afda","User":"","Tty":%s,"OpenStdin":false,
                       "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                       "Cmd":["/bin/sh"],"Image":"example-image:1.0","WorkingDir":"","Entrypoint":null,
                       "Labels":{"com.example.some-label":"some-label-value"},"StopSignal":"SIGTERM",
                       "ExposedPorts":{"80/tcp":{}}},
             "HostConfig":{"Memory":0,"MemorySwap":0,"NanoCpus":0,"CpuShares":0,"PidsLimit":null,
                           "RestartPolicy":{"Name":"no","MaximumRetryCount":0},"NetworkMode":"bridge",
                           "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}},
             "NetworkSettings":{"SandboxID":"9d12daf2c33f5959c8bf90aa513e4f65b561738661003029ec84830cd503a0c3",
                                "SandboxKey":"/var/run/docker/netns/8ab54b426c38",
                                "Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},
                                                   {"HostIp":"::","HostPort":"8080"}],
                                         "2377/tcp":null},
                                "Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,
                                    "MacAddress":"02:42:ac:11:00:04","DriverOpts":null,"GwPriority":0,
                                    "NetworkID":"08754567f1f40222263eab4102e1c733ae697e8e354aa9cd6e18d7402835292a",
                                    "EndpointID":"b88f5b905aabf2893f3cbc4ee42d1ea7980bbc0a92e2c8922b1e1795298afb0b",
                                    "Gateway":"172.17.0.1","IPAddress":"172.17.0.4","IPPrefixLen":16,
                                    "IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,
                                    "DNSNames":null}}},
             "Mounts":[]}""";

    private static String inspect(boolean tty) {
        return INSPECT_156.formatted(ID, tty);
    }

    @Test
    void inspectWithoutTheLegacyNetworkFieldsOf152() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(inspect(false));
            ContainerDetails d = engine.docker().containers().inspect("funny_chatelet");
            assertEquals("/v1.56/containers/funny_chatelet/json", engine.request().getUrl().encodedPath());

            assertEquals("funny_chatelet", d.shortName());
            assertTrue(d.state().running());
            assertEquals(8080, d.hostPort(80).orElseThrow());
            assertTrue(d.networkSettings().ports().get("2377/tcp").isEmpty(), "an unpublished port: no bindings");
            assertNull(d.networkSettings().ipAddress(), "1.52 dropped the top-level IPAddress");
            assertEquals("172.17.0.4", d.networkSettings().networks().get("bridge").ipAddress());
            assertEquals("SIGTERM", d.config().stopSignal());
            assertTrue(d.config().entrypoint().isEmpty());
            assertNull(d.hostConfig().pidsLimit());
            assertFalse(d.config().extras().containsKey("OnBuild"));
        }
    }

    @Test
    void statsCarryTheOsTypeOf152() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("""
                    {"name":"boring_wozniak","id":"%s","os_type":"linux",
                     "read":"2025-01-16T13:55:22.165243637Z","preread":"2025-01-16T13:55:21.160452595Z",
                     "pids_stats":{"current":5,"limit":18446744073709551615},
                     "cpu_stats":{"cpu_usage":{"total_usage":129912000,"usage_in_kernelmode":21994000,
                                               "usage_in_usermode":107918000},
                                  "system_cpu_usage":5720000000000,"online_cpus":1,"throttling_data":{"periods":0}},
                     "precpu_stats":{"cpu_usage":{"total_usage":29912000},"system_cpu_usage":5719000000000,
                                     "online_cpus":1},
                     "memory_stats":{"usage":31645696,"limit":8217579520,
                                     "stats":{"inactive_file":16384,"active_file":12288}},
                     "networks":{"eth0":{"rx_bytes":5338,"tx_bytes":1200}}}""".formatted(ID));
            ContainerStats s = engine.docker().containers().stats(ID);
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/containers/" + ID + "/stats", r.getUrl().encodedPath());
            assertEquals("0", r.getUrl().queryParameter("stream"));

            assertEquals("linux", s.extras().get("os_type"));
            assertEquals(new java.math.BigInteger("18446744073709551615"), s.pidsStats().limit(),
                    "no limit: max uint64");
            assertEquals(5338, s.networks().get("eth0").rxBytes());
            assertEquals(31645696 - 16384, s.memoryUsage());
            assertEquals(10.0, s.cpuPercent(), 1e-9, "0.1 s of CPU in 1 s on one CPU");
            assertEquals("boring_wozniak", s.name());
        }
    }

    @Test
    void updateSendsOnlyWhatIsSetSoTheBlkioDeviceRulesOf155StayAsTheyAre() throws IOException {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("{\"Warnings\":[\"Your kernel does not support swap limit capabilities\"]}");
            List<String> warnings = engine.docker().containers().update(ID,
                    ContainerUpdate.create().memory("128m").cpus(0.5).restartPolicy(RestartPolicy.unlessStopped()));
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.56/containers/" + ID + "/update", r.getUrl().encodedPath());
            JsonNode body = Json.mapper().readTree(r.getBody().utf8());
            // From 1.55 the daemon applies Blkio*Device fields, and an empty list clears the container's rules;
            // KernelMemoryTCP is gone since 1.52. Neither may be sent unless asked for.
            assertEquals(Set.of("Memory", "NanoCpus", "RestartPolicy"), fieldNames(body));
            assertEquals(134217728, body.get("Memory").asLong());
            assertEquals("unless-stopped", body.get("RestartPolicy").get("Name").asText());
            assertEquals(List.of("Your kernel does not support swap limit capabilities"), warnings);
        }
    }

    @Test
    void createSendsNoContainerWideMacAddressNorEmptyPortBindings() throws IOException {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            String id = engine.docker().containers().create(ContainerSpec.builder("nginx:1.25").name("web")
                    .publish(8080, 80).expose(443).network("app-net").build());
            assertEquals(ID, id);
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/containers/create", r.getUrl().encodedPath());
            assertEquals("web", r.getUrl().queryParameter("name"));
            JsonNode body = Json.mapper().readTree(r.getBody().utf8());
            // 1.52 refuses Config.MacAddress; an empty PortBindings list draws a warning and is to be dropped.
            assertFalse(body.has("MacAddress"));
            JsonNode bindings = body.get("HostConfig").get("PortBindings");
            assertEquals(Set.of("80/tcp"), fieldNames(bindings));
            assertEquals("8080", bindings.get("80/tcp").get(0).get("HostPort").asText());
            assertEquals(Set.of("80/tcp", "443/tcp"), fieldNames(body.get("ExposedPorts")));
        }
    }

    @Test
    void logsAskForTheMultiplexedStreamNotTheJsonFormatOf154() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(inspect(false));
            Buffer frames = new Buffer();
            try {
                frames.readFrom(Frames.of().out("hello\n").err("oops\n").stream(64));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            engine.answer(new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/vnd.docker.multiplexed-stream").body(frames).build());
            List<LogLine> lines;
            try (Stream<LogLine> s = engine.docker().containers().logs(ID).tail(10).lines()) {
                lines = s.toList();
            }
            assertEquals("/v1.56/containers/" + ID + "/json", engine.request().getUrl().encodedPath());
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/containers/" + ID + "/logs", r.getUrl().encodedPath());
            assertEquals("10", r.getUrl().queryParameter("tail"));
            // From 1.54 either format=json or an Accept of a JSON stream type switches the answer to JSON records.
            assertNull(r.getUrl().queryParameter("format"));
            assertNull(r.getHeaders().get("Accept"));

            assertEquals(2, lines.size());
            assertEquals(LogLine.Source.STDOUT, lines.get(0).source());
            assertEquals("hello", lines.get(0).text());
            assertEquals(LogLine.Source.STDERR, lines.get(1).source());
            assertEquals("oops", lines.get(1).text());
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
