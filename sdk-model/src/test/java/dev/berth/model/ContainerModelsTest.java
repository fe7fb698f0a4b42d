package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerModelsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static <T> T read(String json, Class<T> type) throws Exception {
        return MAPPER.readValue(json, type);
    }

    private static <T> T read(String json, TypeReference<T> type) throws Exception {
        return MAPPER.readValue(json, type);
    }

    // ---------------------------------------------------------------- docker ps

    private static final String CONTAINER_LIST = """
            [
              {
                "Id": "8dfafdbc3a40",
                "Names": ["/boring_feynman"],
                "Image": "ubuntu:latest",
                "ImageID": "d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
                "Command": "echo 1",
                "Created": 1367854155,
                "State": "Exited",
                "Status": "Exit 0",
                "Ports": [
                  {"IP": "0.0.0.0", "PrivatePort": 2222, "PublicPort": 3333, "Type": "tcp"},
                  {"PrivatePort": 53, "Type": "udp"}
                ],
                "Labels": {"com.example.vendor": "Acme", "com.example.license": "GPL"},
                "SizeRw": 12288,
                "SizeRootFs": 0,
                "HostConfig": {"NetworkMode": "default"},
                "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}},
                "Mounts": [{"Name": "fac362...80535", "Source": "/data", "Destination": "/data", "RW": false}]
              },
              {
                "Id": "9cd87474be90",
                "Names": ["/coolName", "/other/alias"],
                "Image": "ubuntu:latest",
                "ImageID": "d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
                "Command": "echo 222222",
                "Created": 1367854155,
                "State": "running",
                "Status": "Up 2 hours (healthy)",
                "Ports": [],
                "Labels": {},
                "Health": {"Status": "healthy", "FailingStreak": 0}
              }
            ]
            """;

    @Test
    void containerSummaryDeserializesTheListSample() throws Exception {
        List<ContainerSummary> list = read(CONTAINER_LIST, new TypeReference<List<ContainerSummary>>() { });
        assertEquals(2, list.size());

        ContainerSummary first = list.get(0);
        assertEquals("8dfafdbc3a40", first.id());
        assertEquals(List.of("/boring_feynman"), first.names());
        assertEquals("boring_feynman", first.name());
        assertEquals("ubuntu:latest", first.image());
        assertEquals("d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82", first.imageId());
        assertEquals("echo 1", first.command());
        assertEquals(1367854155L, first.created());
        assertEquals(Instant.parse("2013-05-06T15:29:15Z"), first.createdAt());
        assertEquals("Exited", first.state());
        assertEquals("Exit 0", first.status());
        assertEquals(new ContainerSummary.Port("0.0.0.0", 2222, 3333, "tcp"), first.ports().get(0));
        ContainerSummary.Port unpublished = first.ports().get(1);
        assertEquals(53, unpublished.privatePort());
        assertNull(unpublished.publicPort());
        assertNull(unpublished.ip());
        assertEquals("udp", unpublished.type());
        assertEquals("Acme", first.labels().get("com.example.vendor"));
        assertEquals(12288L, first.sizeRw());
        assertEquals(0L, first.sizeRootFs());
        // Fields the record does not model are kept.
        assertEquals(Map.of("NetworkMode", "default"), first.extras().get("HostConfig"));
        assertTrue(first.extras().containsKey("NetworkSettings"));
        assertTrue(first.extras().containsKey("Mounts"));
        assertFalse(first.extras().containsKey("Id"), "modelled fields must not land in extras");

        ContainerSummary second = list.get(1);
        assertEquals("coolName", second.name());
        assertTrue(second.ports().isEmpty());
        assertTrue(second.labels().isEmpty());
        assertNull(second.sizeRw(), "SizeRw is absent unless size=true");
        assertNull(second.sizeRootFs());
        // API 1.52 adds Health to the list: kept in extras.
        assertEquals(Map.of("Status", "healthy", "FailingStreak", 0), second.extras().get("Health"));
    }

    @Test
    void containerSummaryWithoutNamesHasEmptyName() throws Exception {
        ContainerSummary s = read("{\"Id\":\"abc\",\"Names\":null}", ContainerSummary.class);
        assertEquals("", s.name());
        assertTrue(s.names().isEmpty());
        assertTrue(s.ports().isEmpty());
        assertTrue(s.labels().isEmpty());
        assertTrue(s.extras().isEmpty());
        assertEquals("plain", read("{\"Names\":[\"plain\"]}", ContainerSummary.class).name());
    }

    // ---------------------------------------------------------------- docker inspect

    private static final String INSPECT = """
            {
              "AppArmorProfile": "",
              "Args": ["-c", "exit 9"],
              "Config": {
                "AttachStderr": true,
                "AttachStdin": false,
                "AttachStdout": true,
                "Cmd": ["/bin/sh", "-c", "exit 9"],
                "Domainname": "",
                "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                "Healthcheck": {"Test": ["CMD-SHELL", "exit 0"]},
                "Hostname": "ba033ac44011",
                "Image": "ubuntu",
                "Labels": {"com.example.vendor": "Acme", "com.example.license": "GPL", "com.example.version": "1.0"},
                "MacAddress": "",
                "NetworkDisabled": false,
                "OpenStdin": false,
                "StdinOnce": false,
                "Tty": true,
                "User": "",
                "Volumes": {"/volumes/data": {}},
                "WorkingDir": "",
                "StopSignal": "SIGTERM",
                "StopTimeout": 10,
                "Entrypoint": null,
                "ExposedPorts": {"80/tcp": {}, "443/tcp": {}, "53/udp": {}}
              },
              "Created": "2015-01-06T15:47:31.485331387Z",
              "Driver": "overlay2",
              "ExecIDs": ["b35395de42bc8abd327f9dd65d913b9ba28c74d2f0734eeeae84fa1c616a0fca"],
              "HostConfig": {
                "BlkioWeight": 0,
                "CpuPercent": 80,
                "CpuShares": 512,
                "CpuPeriod": 100000,
                "Devices": [],
                "DeviceRequests": [{"Driver": "nvidia", "Count": -1, "DeviceIDs": ["0", "1"]}],
                "Memory": 536870912,
                "MemorySwap": -1,
                "NanoCpus": 1500000000,
                "PidsLimit": null,
                "KernelMemory": 0,
                "OomScoreAdj": 500,
                "NetworkMode": "bridge",
                "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": ""}]},
                "Privileged": false,
                "AutoRemove": true,
                "Binds": null,
                "RestartPolicy": {"MaximumRetryCount": 2, "Name": "on-failure"},
                "LogConfig": {"Type": "json-file"},
                "Sysctls": {"net.ipv4.ip_forward": "1"},
                "ShmSize": 67108864
              },
              "HostnamePath": "/var/lib/docker/containers/ba033ac44011/hostname",
              "Id": "ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39",
              "Image": "04c5d3b7b0656168630d3ba35d8889bd0e9caafcaeb3004d2bfbc47e7c5d35d2",
              "MountLabel": "",
              "Name": "/boring_euclid",
              "NetworkSettings": {
                "Bridge": "",
                "SandboxID": "",
                "HairpinMode": false,
                "IPAddress": "172.17.0.2",
                "IPPrefixLen": 16,
                "Ports": {
                  "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "32768"}, {"HostIp": "::", "HostPort": "32768"}],
                  "443/tcp": null,
                  "53/udp": [{"HostIp": "0.0.0.0", "HostPort": "5353"}]
                },
                "Networks": {
                  "bridge": {
                    "NetworkID": "7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",
                    "Gateway": "172.17.0.1",
                    "IPAddress": "172.17.0.2",
                    "IPPrefixLen": 16,
                    "MacAddress": "02:42:ac:12:00:02"
                  }
                }
              },
              "Path": "/bin/sh",
              "ProcessLabel": "",
              "RestartCount": 1,
              "State": {
                "Error": "",
                "ExitCode": 9,
                "FinishedAt": "2015-01-06T15:47:32.080254511Z",
                "Health": {
                  "Status": "healthy",
                  "FailingStreak": 0,
                  "Log": [{"Start": "2019-12-22T10:59:05.6385933Z", "End": "2019-12-22T10:59:05.8078452Z",
                           "ExitCode": 0, "Output": ""}]
                },
                "OOMKilled": true,
                "Dead": false,
                "Paused": false,
                "Pid": 1234,
                "Restarting": false,
                "Running": true,
                "StartedAt": "2015-01-06T15:47:32.072697474Z",
                "Status": "running",
                "FutureStateField": "x"
              },
              "Mounts": [
                {"Type": "volume", "Name": "fac362...80535", "Source": "/data", "Destination": "/data",
                 "Driver": "local", "Mode": "ro,Z", "RW": false, "Propagation": ""}
              ],
              "SomeFutureField": {"nested": [1, 2, 3]}
            }
            """;

    @Test
    void containerDetailsDeserializesTheInspectSample() throws Exception {
        ContainerDetails d = read(INSPECT, ContainerDetails.class);
        assertEquals("ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39", d.id());
        assertEquals("2015-01-06T15:47:31.485331387Z", d.created());
        assertEquals("/bin/sh", d.path());
        assertEquals(List.of("-c", "exit 9"), d.args());
        assertEquals("04c5d3b7b0656168630d3ba35d8889bd0e9caafcaeb3004d2bfbc47e7c5d35d2", d.image());
        assertEquals("/boring_euclid", d.name());
        assertEquals("boring_euclid", d.shortName());
        assertEquals(1, d.restartCount());

        ContainerDetails.State s = d.state();
        assertEquals("running", s.status());
        assertTrue(s.running());
        assertFalse(s.paused());
        assertFalse(s.restarting());
        assertTrue(s.oomKilled());
        assertFalse(s.dead());
        assertEquals(1234, s.pid());
        assertEquals(9, s.exitCode());
        assertEquals("", s.error());
        assertEquals("2015-01-06T15:47:32.072697474Z", s.startedAt());
        assertEquals("2015-01-06T15:47:32.080254511Z", s.finishedAt());
        assertEquals("healthy", s.health().status());
        assertEquals(0, s.health().failingStreak());
        assertEquals(List.of(new ContainerDetails.HealthLog("2019-12-22T10:59:05.6385933Z",
                "2019-12-22T10:59:05.8078452Z", 0, "")), s.health().log());
        assertEquals("x", s.extras().get("FutureStateField"));

        ContainerDetails.Config c = d.config();
        assertEquals("ba033ac44011", c.hostname());
        assertEquals("", c.user());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), c.env());
        assertEquals(List.of("/bin/sh", "-c", "exit 9"), c.cmd());
        assertEquals(List.of(), c.entrypoint(), "a JSON null list becomes empty");
        assertEquals("ubuntu", c.image());
        assertEquals("", c.workingDir());
        assertEquals("GPL", c.labels().get("com.example.license"));
        assertTrue(c.tty());
        assertFalse(c.openStdin());
        assertEquals(List.of("80/tcp", "443/tcp", "53/udp"), c.exposedPorts());
        assertEquals("SIGTERM", c.stopSignal());
        assertEquals(10, c.stopTimeout());
        assertEquals(List.of("CMD-SHELL", "exit 0"), c.healthcheck().test());

        ContainerDetails.HostConfig h = d.hostConfig();
        assertEquals(536870912L, h.memory());
        assertEquals(-1L, h.memorySwap());
        assertEquals(1500000000L, h.nanoCpus());
        assertEquals(512L, h.cpuShares());
        assertNull(h.pidsLimit());
        assertEquals(RestartPolicy.onFailure(2), h.restartPolicy());
        assertTrue(h.autoRemove());
        assertFalse(h.privileged());
        assertEquals(List.of(), h.binds());
        assertEquals("bridge", h.networkMode());
        assertEquals(67108864L, h.shmSize());

        ContainerDetails.NetworkSettings n = d.networkSettings();
        assertEquals("172.17.0.2", n.ipAddress());
        assertEquals(List.of(new ContainerDetails.NetworkSettings.HostPort("0.0.0.0", "32768"),
                new ContainerDetails.NetworkSettings.HostPort("::", "32768")), n.ports().get("80/tcp"));
        assertTrue(n.ports().containsKey("443/tcp"), "an exposed but unpublished port keeps its key");
        assertEquals(List.of(), n.ports().get("443/tcp"));
        assertEquals(3, n.ports().size());
        ContainerDetails.EndpointSettings bridge = n.networks().get("bridge");
        assertEquals("172.17.0.1", bridge.gateway());
        assertEquals("172.17.0.2", bridge.ipAddress());
        assertEquals(16, bridge.ipPrefixLen());
        assertEquals("02:42:ac:12:00:02", bridge.macAddress());
        assertTrue(bridge.networkId().startsWith("7ea29fc1"));
        assertNull(bridge.ipamConfig());
        assertEquals(List.of(), bridge.aliases());
        assertEquals(false, n.extras().get("HairpinMode"));

        assertEquals(1, d.mounts().size());
        ContainerDetails.MountPoint m = d.mounts().get(0);
        assertEquals("volume", m.type());
        assertEquals("fac362...80535", m.name());
        assertEquals("/data", m.source());
        assertEquals("/data", m.destination());
        assertEquals("ro,Z", m.mode());
        assertFalse(m.rw());
        assertEquals("local", m.extras().get("Driver"));

        // Unknown top-level fields are kept.
        assertEquals(Map.of("nested", List.of(1, 2, 3)), d.extras().get("SomeFutureField"));
        assertEquals("overlay2", d.extras().get("Driver"));
        assertFalse(d.extras().containsKey("State"));
    }

    @Test
    void hostPortFindsThePublishedPort() throws Exception {
        ContainerDetails d = read(INSPECT, ContainerDetails.class);
        assertEquals(Optional.of(32768), d.hostPort(80));
        assertEquals(Optional.of(32768), d.hostPort(80, "tcp"));
        assertEquals(Optional.of(32768), d.hostPort(80, "TCP"));
        assertEquals(Optional.of(5353), d.hostPort(53, "udp"));
        assertEquals(Optional.empty(), d.hostPort(53), "53 is published for udp only");
        assertEquals(Optional.empty(), d.hostPort(443), "exposed but not published");
        assertEquals(Optional.empty(), d.hostPort(8080), "not exposed");
        assertEquals(Optional.empty(), d.hostPort(80, "udp"));
    }

    @Test
    void hostPortSkipsEmptyBindingsAndHandlesMissingSettings() throws Exception {
        ContainerDetails d = read("""
                {"Name": "web", "NetworkSettings": {"Ports": {
                  "80/tcp": [{"HostIp": "", "HostPort": ""}, {"HostIp": "::", "HostPort": "8080"}]}}}
                """, ContainerDetails.class);
        assertEquals(Optional.of(8080), d.hostPort(80));
        assertEquals("web", d.shortName());

        ContainerDetails bare = read("{\"Id\": \"x\"}", ContainerDetails.class);
        assertEquals(Optional.empty(), bare.hostPort(80));
        assertEquals("", bare.shortName());
        assertNull(bare.networkSettings());
        assertTrue(bare.args().isEmpty());
        assertTrue(bare.mounts().isEmpty());
    }

    @Test
    void containerDetailsFromApi152WithoutLegacyNetworkFields() throws Exception {
        ContainerDetails d = read("""
                {"Id": "abc", "Name": "/api152",
                 "NetworkSettings": {"SandboxID": "123", "Ports": {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "49153"}]},
                   "Networks": {"bridge": {"IPAddress": "172.17.0.3", "DNSNames": null, "GwPriority": 0}}},
                 "ImageManifestDescriptor": {"mediaType": "application/vnd.oci.image.manifest.v1+json"}}
                """, ContainerDetails.class);
        assertNull(d.networkSettings().ipAddress());
        assertEquals(Optional.of(49153), d.hostPort(8080));
        assertTrue(d.extras().containsKey("ImageManifestDescriptor"));
    }

    // ---------------------------------------------------------------- docker stats

    /** The spec's example (cgroup v1, total_inactive_file 0) with an unknown field. */
    private static final String STATS_SPEC = """
            {
              "read": "2015-01-08T22:57:31.547920715Z",
              "preread": "2015-01-08T22:57:30.547920715Z",
              "pids_stats": {"current": 3},
              "networks": {
                "eth0": {"rx_bytes": 5338, "rx_dropped": 0, "rx_errors": 0, "rx_packets": 36,
                         "tx_bytes": 648, "tx_dropped": 0, "tx_errors": 0, "tx_packets": 8}
              },
              "memory_stats": {
                "stats": {"total_pgmajfault": 0, "cache": 0, "mapped_file": 0, "total_inactive_file": 0,
                          "pgpgout": 414, "rss": 6537216, "total_rss": 6537216, "inactive_file": 0,
                          "hierarchical_memory_limit": 67108864},
                "max_usage": 6651904,
                "usage": 6537216,
                "failcnt": 0,
                "limit": 67108864
              },
              "blkio_stats": {},
              "cpu_stats": {
                "cpu_usage": {
                  "percpu_usage": [8646879, 24472255, 36438778, 30657443],
                  "usage_in_usermode": 50000000,
                  "total_usage": 100215355,
                  "usage_in_kernelmode": 30000000
                },
                "system_cpu_usage": 739306590000000,
                "online_cpus": 4,
                "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0}
              },
              "precpu_stats": {
                "cpu_usage": {
                  "percpu_usage": [8646879, 24350896, 36438778, 30657443],
                  "usage_in_usermode": 50000000,
                  "total_usage": 100093996,
                  "usage_in_kernelmode": 30000000
                },
                "system_cpu_usage": 9492140000000,
                "online_cpus": 4
              },
              "name": "/boring_euclid",
              "id": "ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39",
              "num_procs": 0
            }
            """;

    @Test
    void containerStatsDeserializesTheSpecSample() throws Exception {
        ContainerStats s = read(STATS_SPEC, ContainerStats.class);
        assertEquals("2015-01-08T22:57:31.547920715Z", s.read());
        assertEquals("2015-01-08T22:57:30.547920715Z", s.preread());
        assertEquals("/boring_euclid", s.name());
        assertEquals("ba033ac4401106a3b513bc9d639eee123ad78ca3616b921167cd74b20e25ed39", s.id());
        assertEquals(3, s.pidsStats().current());
        assertEquals(new ContainerStats.NetworkCounters(5338, 36, 0, 0, 648, 8, 0, 0), s.networks().get("eth0"));
        assertEquals(100215355L, s.cpuStats().cpuUsage().totalUsage());
        assertEquals(List.of(8646879L, 24472255L, 36438778L, 30657443L), s.cpuStats().cpuUsage().percpuUsage());
        assertEquals(739306590000000L, s.cpuStats().systemCpuUsage());
        assertEquals(4, s.cpuStats().onlineCpus());
        assertEquals(100093996L, s.precpuStats().cpuUsage().totalUsage());
        assertEquals(9492140000000L, s.precpuStats().systemCpuUsage());
        assertEquals(6537216L, s.memoryStats().usage());
        assertEquals(67108864L, s.memoryStats().limit());
        assertEquals(6537216L, s.memoryStats().stats().get("rss"));
        assertEquals(0, s.extras().get("num_procs"));
        assertEquals(Map.of(), s.extras().get("blkio_stats"));

        // (100215355 - 100093996) / (739306590000000 - 9492140000000) * 4 * 100
        assertEquals(6.651498884408222e-8, s.cpuPercent(), 1e-20);
        assertEquals(6537216L, s.memoryUsage());
        assertEquals(67108864L, s.memoryLimit());
        assertEquals(9.7412109375, s.memoryPercent(), 1e-12);
    }

    @Test
    void statsOnCgroupV1SubtractTotalInactiveFile() throws Exception {
        ContainerStats s = read("""
                {
                  "cpu_stats": {"cpu_usage": {"total_usage": 400000000, "percpu_usage": [200000000, 200000000]},
                                "system_cpu_usage": 20000000000, "online_cpus": 4},
                  "precpu_stats": {"cpu_usage": {"total_usage": 200000000, "percpu_usage": [100000000, 100000000]},
                                   "system_cpu_usage": 18000000000, "online_cpus": 4},
                  "memory_stats": {"usage": 100000000, "limit": 400000000, "max_usage": 120000000,
                                   "stats": {"cache": 30000000, "total_inactive_file": 20000000,
                                             "inactive_file": 5000000, "rss": 60000000}}
                }
                """, ContainerStats.class);
        // cpu: 200e6 / 2e9 * 4 (online_cpus, not the 2 percpu entries) * 100
        assertEquals(40.0, s.cpuPercent(), 1e-9);
        // memory: 100e6 - total_inactive_file 20e6 (not inactive_file, not cache)
        assertEquals(80_000_000L, s.memoryUsage());
        assertEquals(400_000_000L, s.memoryLimit());
        assertEquals(20.0, s.memoryPercent(), 1e-9);
    }

    @Test
    void statsOnCgroupV2SubtractInactiveFile() throws Exception {
        ContainerStats s = read("""
                {
                  "cpu_stats": {"cpu_usage": {"total_usage": 1500000000, "usage_in_usermode": 1000000000},
                                "system_cpu_usage": 12000000000, "online_cpus": 2},
                  "precpu_stats": {"cpu_usage": {"total_usage": 1000000000},
                                   "system_cpu_usage": 10000000000, "online_cpus": 2},
                  "memory_stats": {"usage": 50000000, "limit": 160000000,
                                   "stats": {"anon": 30000000, "file": 15000000, "inactive_file": 10000000,
                                             "active_file": 5000000}}
                }
                """, ContainerStats.class);
        assertTrue(s.cpuStats().cpuUsage().percpuUsage().isEmpty(), "cgroup v2 sends no percpu_usage");
        // cpu: 500e6 / 2e9 * 2 * 100
        assertEquals(50.0, s.cpuPercent(), 1e-9);
        // memory: 50e6 - inactive_file 10e6
        assertEquals(40_000_000L, s.memoryUsage());
        assertEquals(160_000_000L, s.memoryLimit());
        assertEquals(25.0, s.memoryPercent(), 1e-9);
    }

    @Test
    void statsCountPercpuUsageWhenOnlineCpusIsZero() throws Exception {
        ContainerStats s = read("""
                {
                  "cpu_stats": {"cpu_usage": {"total_usage": 600000000, "percpu_usage": [200000000, 200000000, 200000000]},
                                "system_cpu_usage": 6000000000, "online_cpus": 0},
                  "precpu_stats": {"cpu_usage": {"total_usage": 300000000, "percpu_usage": [100000000, 100000000, 100000000]},
                                   "system_cpu_usage": 3000000000}
                }
                """, ContainerStats.class);
        // cpu: 300e6 / 3e9 * 3 (percpu entries) * 100
        assertEquals(30.0, s.cpuPercent(), 1e-9);
    }

    @Test
    void statsEdgeCases() throws Exception {
        // total_inactive_file not below usage: fall through to inactive_file, as the CLI does.
        ContainerStats fallThrough = read("""
                {"memory_stats": {"usage": 100, "limit": 0,
                                  "stats": {"total_inactive_file": 200, "inactive_file": 30}}}
                """, ContainerStats.class);
        assertEquals(70L, fallThrough.memoryUsage());
        assertEquals(0.0, fallThrough.memoryPercent(), "limit 0 gives 0, not NaN or infinity");

        ContainerStats noCacheStats = read("{\"memory_stats\": {\"usage\": 100, \"limit\": 1000}}",
                ContainerStats.class);
        assertEquals(100L, noCacheStats.memoryUsage());
        assertEquals(10.0, noCacheStats.memoryPercent(), 1e-9);

        // First sample of a stream: precpu is all zeros except... the system delta is not positive here.
        ContainerStats noSystemDelta = read("""
                {"cpu_stats": {"cpu_usage": {"total_usage": 500}, "system_cpu_usage": 1000, "online_cpus": 1},
                 "precpu_stats": {"cpu_usage": {"total_usage": 100}, "system_cpu_usage": 1000}}
                """, ContainerStats.class);
        assertEquals(0.0, noSystemDelta.cpuPercent());

        ContainerStats empty = read("{}", ContainerStats.class);
        assertEquals(0.0, empty.cpuPercent());
        assertEquals(0L, empty.memoryUsage());
        assertEquals(0L, empty.memoryLimit());
        assertEquals(0.0, empty.memoryPercent());
        assertTrue(empty.networks().isEmpty());
        assertNull(empty.pidsStats());
    }

    // ---------------------------------------------------------------- docker events

    @Test
    void eventFromApi141HasLegacyFields() throws Exception {
        Event e = read("""
                {"status": "start", "id": "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743",
                 "from": "alpine:latest", "Type": "container", "Action": "start",
                 "Actor": {"ID": "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743",
                           "Attributes": {"com.example.some-label": "some-label-value", "image": "alpine:latest",
                                          "name": "my-container"}},
                 "scope": "local", "time": 1629574695, "timeNano": 1629574695515050031}
                """, Event.class);
        assertEquals("container", e.type());
        assertEquals("start", e.action());
        assertEquals("ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743", e.actor().id());
        assertEquals("my-container", e.actor().attributes().get("name"));
        assertEquals("local", e.scope());
        assertEquals(1629574695L, e.time());
        assertEquals(1629574695515050031L, e.timeNano());
        assertEquals("start", e.status());
        assertEquals("ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743", e.id());
        assertEquals("alpine:latest", e.from());
        assertEquals(Instant.parse("2021-08-21T19:38:15.515050031Z"), e.instant());
        assertTrue(e.extras().isEmpty(), "legacy fields are modelled, not extras: " + e.extras());
    }

    @Test
    void eventFromApi152LacksLegacyFields() throws Exception {
        Event e = read("""
                {"Type": "network", "Action": "connect",
                 "Actor": {"ID": "7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",
                           "Attributes": {"container": "ede54ee1afda", "name": "bridge", "type": "bridge"}},
                 "scope": "local", "time": 1762790400, "timeNano": 1762790400000000123,
                 "FutureField": true}
                """, Event.class);
        assertNull(e.status());
        assertNull(e.id());
        assertNull(e.from());
        assertEquals("network", e.type());
        assertEquals("connect", e.action());
        assertEquals("bridge", e.actor().attributes().get("type"));
        assertEquals(Instant.parse("2025-11-10T16:00:00.000000123Z"), e.instant());
        assertEquals(true, e.extras().get("FutureField"));
    }

    @Test
    void eventInstantFallsBackToTime() throws Exception {
        Event e = read("{\"Type\": \"daemon\", \"Action\": \"reload\", \"time\": 1629574695}", Event.class);
        assertEquals(Instant.ofEpochSecond(1629574695L), e.instant());
        assertNull(e.actor());
    }

    // ---------------------------------------------------------------- top, diff, wait, prune

    @Test
    void topResultPairsTitlesWithProcesses() throws Exception {
        TopResult top = read("""
                {"Titles": ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
                 "Processes": [["root", "13642", "882", "0", "17:03", "pts/0", "00:00:00", "/bin/bash"],
                               ["root", "13735", "13642", "0", "17:06", "pts/0", "00:00:00", "sleep 10"]]}
                """, TopResult.class);
        assertEquals(8, top.titles().size());
        assertEquals(2, top.processes().size());
        List<Map<String, String>> rows = top.rows();
        assertEquals(2, rows.size());
        assertEquals("/bin/bash", rows.get(0).get("CMD"));
        assertEquals("13735", rows.get(1).get("PID"));
        assertEquals("13642", rows.get(1).get("PPID"));
        assertEquals("sleep 10", rows.get(1).get("CMD"));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                new ArrayList<>(rows.get(0).keySet()));
        assertThrows(UnsupportedOperationException.class, () -> rows.get(0).put("CMD", "x"));
        assertThrows(UnsupportedOperationException.class, () -> top.processes().get(0).set(0, "x"));

        TopResult none = read("{\"Titles\": null, \"Processes\": null}", TopResult.class);
        assertTrue(none.titles().isEmpty());
        assertTrue(none.processes().isEmpty());
        assertTrue(none.rows().isEmpty());
    }

    @Test
    void filesystemChangesMapKinds() throws Exception {
        List<FilesystemChange> changes = read("""
                [{"Path": "/dev", "Kind": 0}, {"Path": "/dev/kmsg", "Kind": 1}, {"Path": "/test", "Kind": 2}]
                """, new TypeReference<List<FilesystemChange>>() { });
        assertEquals(3, changes.size());
        assertEquals("/dev", changes.get(0).path());
        assertEquals(0, changes.get(0).kind());
        assertEquals(FilesystemChange.Kind.MODIFIED, changes.get(0).change());
        assertEquals(FilesystemChange.Kind.ADDED, changes.get(1).change());
        assertEquals(FilesystemChange.Kind.DELETED, changes.get(2).change());
        assertThrows(IllegalStateException.class, () -> new FilesystemChange("/x", 7).change());
    }

    @Test
    void waitResultExposesTheErrorMessage() throws Exception {
        WaitResult ok = read("{\"StatusCode\": 0, \"Error\": null}", WaitResult.class);
        assertEquals(0L, ok.statusCode());
        assertNull(ok.error());
        assertEquals(Optional.empty(), ok.errorMessage());

        WaitResult failed = read("{\"StatusCode\": 137, \"Error\": {\"Message\": \"container removed\"}}",
                WaitResult.class);
        assertEquals(137L, failed.statusCode());
        assertEquals("container removed", failed.error().message());
        assertEquals(Optional.of("container removed"), failed.errorMessage());

        WaitResult emptyMessage = read("{\"StatusCode\": 1, \"Error\": {\"Message\": \"\"}}", WaitResult.class);
        assertEquals(Optional.empty(), emptyMessage.errorMessage());
    }

    @Test
    void pruneResultReadsContainersVolumesAndNetworks() throws Exception {
        PruneResult containers = read("{\"ContainersDeleted\": [\"8dfafdbc3a40\", \"9cd87474be90\"],"
                + " \"SpaceReclaimed\": 109}", PruneResult.class);
        assertEquals(List.of("8dfafdbc3a40", "9cd87474be90"), containers.deleted());
        assertEquals(109L, containers.spaceReclaimed());

        PruneResult volumes = read("{\"VolumesDeleted\": [\"myvolume\"], \"SpaceReclaimed\": 4096}",
                PruneResult.class);
        assertEquals(List.of("myvolume"), volumes.deleted());
        assertEquals(4096L, volumes.spaceReclaimed());

        PruneResult networks = read("{\"NetworksDeleted\": [\"mynet\"]}", PruneResult.class);
        assertEquals(List.of("mynet"), networks.deleted());
        assertEquals(0L, networks.spaceReclaimed());

        PruneResult nothing = read("{\"ContainersDeleted\": null, \"SpaceReclaimed\": 0}", PruneResult.class);
        assertTrue(nothing.deleted().isEmpty());
    }

    // ---------------------------------------------------------------- immutability

    @Test
    void deserializedRecordsAreUnmodifiable() throws Exception {
        ContainerSummary s = read(CONTAINER_LIST, new TypeReference<List<ContainerSummary>>() { }).get(0);
        assertThrows(UnsupportedOperationException.class, () -> s.names().add("/x"));
        assertThrows(UnsupportedOperationException.class, () -> s.ports().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.labels().put("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> s.extras().remove("HostConfig"));

        ContainerDetails d = read(INSPECT, ContainerDetails.class);
        assertThrows(UnsupportedOperationException.class, () -> d.args().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> d.mounts().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.extras().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> d.config().env().add("A=b"));
        assertThrows(UnsupportedOperationException.class, () -> d.config().cmd().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.config().entrypoint().add("sh"));
        assertThrows(UnsupportedOperationException.class, () -> d.config().labels().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.config().exposedPorts().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.state().health().log().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.hostConfig().binds().add("/a:/b"));
        assertThrows(UnsupportedOperationException.class, () -> d.networkSettings().ports().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.networkSettings().ports().get("80/tcp").clear());
        assertThrows(UnsupportedOperationException.class,
                () -> d.networkSettings().ports().get("443/tcp").add(null));
        assertThrows(UnsupportedOperationException.class, () -> d.networkSettings().networks().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.mounts().get(0).extras().clear());

        ContainerStats st = read(STATS_SPEC, ContainerStats.class);
        assertThrows(UnsupportedOperationException.class, () -> st.cpuStats().cpuUsage().percpuUsage().add(1L));
        assertThrows(UnsupportedOperationException.class, () -> st.memoryStats().stats().clear());
        assertThrows(UnsupportedOperationException.class, () -> st.networks().clear());

        Event e = read("{\"Actor\": {\"ID\": \"x\", \"Attributes\": {\"name\": \"web\"}}}", Event.class);
        assertThrows(UnsupportedOperationException.class, () -> e.actor().attributes().clear());
        assertThrows(UnsupportedOperationException.class, () -> e.extras().put("x", 1));

        PruneResult p = read("{\"ContainersDeleted\": [\"a\"]}", PruneResult.class);
        assertThrows(UnsupportedOperationException.class, () -> p.deleted().add("b"));
    }

    @Test
    void constructorsCopyAndReplaceNulls() {
        List<String> names = new ArrayList<>(List.of("/web"));
        Map<String, String> labels = new HashMap<>(Map.of("a", "b"));
        ContainerSummary s = new ContainerSummary("id", names, null, null, null, 0, null, null, null, labels,
                null, null, null);
        names.add("/other");
        labels.put("c", "d");
        assertEquals(List.of("/web"), s.names(), "the record keeps a copy, not the caller's list");
        assertEquals(Map.of("a", "b"), s.labels());
        assertEquals(List.of(), s.ports());
        assertEquals(Map.of(), s.extras());

        ContainerDetails d = new ContainerDetails(null, null, null, null, null, null, null, 0, null, null, null,
                null, null);
        assertEquals(List.of(), d.args());
        assertEquals(List.of(), d.mounts());
        assertEquals(Map.of(), d.extras());

        ContainerDetails.Config c = new ContainerDetails.Config(null, null, null, false, false, false, false, false,
                false, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of(), c.env());
        assertEquals(List.of(), c.cmd());
        assertEquals(List.of(), c.entrypoint());
        assertEquals(Map.of(), c.labels());
        assertEquals(List.of(), c.exposedPorts());
        assertEquals(List.of(), c.volumes());
        assertEquals(Map.of(), c.extras());

        ContainerDetails.HostConfig h = new ContainerDetails.HostConfig(0, 0, 0, null, 0, 0, 0, 0, null, null, null,
                0, null, 0, null, false, false, false, null, null, null, null, null, null, null, false, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertEquals(RestartPolicy.no(), h.restartPolicy());
        assertEquals(Map.of(), h.portBindings());
        assertEquals(List.of(), h.ulimits());
        assertEquals(List.of(), h.binds());

        ContainerDetails.State st = new ContainerDetails.State(null, false, false, false, false, false, 0, 0,
                null, null, null, null, null);
        assertNull(st.health());
        assertEquals(Map.of(), st.extras());

        Map<String, List<ContainerDetails.NetworkSettings.HostPort>> ports = new HashMap<>();
        ports.put("443/tcp", null);
        List<ContainerDetails.NetworkSettings.HostPort> bindings =
                new ArrayList<>(List.of(new ContainerDetails.NetworkSettings.HostPort("0.0.0.0", "8080")));
        ports.put("80/tcp", bindings);
        ContainerDetails.NetworkSettings n = new ContainerDetails.NetworkSettings(ports, null, null, null);
        bindings.clear();
        ports.clear();
        assertEquals(List.of(), n.ports().get("443/tcp"));
        assertEquals(1, n.ports().get("80/tcp").size(), "inner lists are copied too");
        assertEquals(Map.of(), n.networks());
        assertEquals(Map.of(), new ContainerDetails.NetworkSettings(null, null, null, null).ports());

        assertEquals(List.of(), new ContainerDetails.MountPoint(null, null, null, null, null, false, null)
                .extras().keySet().stream().toList());
        assertEquals(List.of(), new ContainerStats.Cpu.Usage(0, null).percpuUsage());
        assertEquals(Map.of(), new ContainerStats.Memory(0, 0, null).stats());
        ContainerStats stats = new ContainerStats(null, null, null, null, null, null, null, null, null, null);
        assertNull(stats.pidsStats());
        assertEquals(Map.of(), stats.networks());
        assertEquals(Map.of(), stats.extras());
        assertEquals(Map.of(), new Event.Actor("x", null).attributes());
        assertEquals(Map.of(), new Event(null, null, null, null, 0, 0, null, null, null, null).extras());
        assertEquals(List.of(), new PruneResult(null, 0).deleted());

        List<List<String>> processes = new ArrayList<>();
        List<String> row = new ArrayList<>(List.of("root", "1"));
        processes.add(row);
        processes.add(null);
        TopResult top = new TopResult(List.of("UID", "PID"), processes);
        row.set(0, "changed");
        assertEquals(List.of("root", "1"), top.processes().get(0), "rows are copied too");
        assertEquals(List.of(), top.processes().get(1), "a null row becomes empty");
        assertEquals(Map.of(), top.rows().get(1));
    }
}
