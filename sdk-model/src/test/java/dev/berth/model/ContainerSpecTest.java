package dev.berth.model;

import static dev.berth.model.AccessMode.READ_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSpecTest {
    private static final long MIB = 1024L * 1024;

    private static ContainerSpec.Builder busybox() {
        return ContainerSpec.builder("demo/busybox:1");
    }

    /** Asserts an IllegalArgumentException whose message names the bad value. */
    private static void rejects(String badValue, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(badValue),
                () -> "message should name '" + badValue + "': " + e.getMessage());
    }

    private static Map<?, ?> map(Object o) {
        assertTrue(o instanceof Map, () -> "not a map: " + o);
        return (Map<?, ?>) o;
    }

    private static Map<?, ?> hostConfig(ContainerSpec spec) {
        return map(spec.toCreateBody().get("HostConfig"));
    }

    // ---- -p ----------------------------------------------------------------------------------------------------

    @Nested
    class PublishSyntax {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "80                | ''        | 0    | 80 | tcp  | 80/tcp",
            "8080:80           | ''        | 8080 | 80 | tcp  | 8080:80/tcp",
            "127.0.0.1:8080:80 | 127.0.0.1 | 8080 | 80 | tcp  | 127.0.0.1:8080:80/tcp",
            "127.0.0.1::80     | 127.0.0.1 | 0    | 80 | tcp  | 127.0.0.1::80/tcp",
            "8080:80/udp       | ''        | 8080 | 80 | udp  | 8080:80/udp",
            "[::1]:8080:80     | ::1       | 8080 | 80 | tcp  | [::1]:8080:80/tcp",
            "[::1]::53/udp     | ::1       | 0    | 53 | udp  | [::1]::53/udp",
            ":80               | ''        | 0    | 80 | tcp  | 80/tcp",
            "0:80              | ''        | 0    | 80 | tcp  | 80/tcp",
            "9000/SCTP         | ''        | 0    | 9000 | sctp | 9000/sctp",
            "65535:1           | ''        | 65535 | 1 | tcp  | 65535:1/tcp",
        })
        void parsesDockerForms(String spec, String ip, int hostPort, int containerPort, String protocol,
                               String canonical) {
            PortBinding p = PortBinding.parse(spec);
            assertEquals(new PortBinding(ip, hostPort, containerPort, protocol), p);
            assertEquals(canonical, p.toString());
            assertEquals(p, PortBinding.parse(p.toString()), "toString is -p syntax that reads back");
            assertEquals(containerPort + "/" + protocol, p.portKey());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "70000:80", "80/xyz", "1:2:3:4", "8080:", "0", "80:0", "8080:abc",
            "8000-8010:80", "[::1]:80", "300.1.1.1:80:80", "::1:8080:80", "[::g]:80:80", "localhost:80:80",
            "80/", "-1", "8080:80:", "99999999999:80"})
        void rejectsBadSpecsNamingThem(String bad) {
            rejects(bad, () -> PortBinding.parse(bad));
            if (!List.of("0", "80:0", "8000-8010:80", "8080:", "::1:8080:80").contains(bad)) {
                rejects(bad, () -> busybox().publish(bad)); // the others the CLI accepts (ranges, port 0, ...)
            }
        }

        @Test
        void rejectsEmptyAndNull() {
            assertThrows(IllegalArgumentException.class, () -> PortBinding.parse(""));
            assertThrows(IllegalArgumentException.class, () -> PortBinding.parse(null));
        }

        @Test
        void numericPublishChecksRanges() {
            rejects("70000", () -> busybox().publish(70000, 80));
            rejects("0", () -> busybox().publish(8080, 0));
            rejects("-1", () -> busybox().publish(-1, 80));
            rejects("65536", () -> busybox().expose(65536));
            rejects("xyz", () -> busybox().expose("80/xyz"));
            rejects("8080:80", () -> busybox().expose("8080:80"));
            assertEquals(List.of(PortBinding.of(0, 80)), busybox().publish(0, 80).build().publish());
        }

        @Test
        void recordNormalisesAndValidates() {
            assertEquals(new PortBinding("", 1, 2, "tcp"), new PortBinding(null, 1, 2, null));
            assertEquals("::1", new PortBinding("[::1]", 1, 2, "UDP").hostIp());
            assertEquals("udp", new PortBinding("[::1]", 1, 2, "UDP").protocol());
            rejects("1.2.3", () -> new PortBinding("1.2.3", 1, 2, "tcp"));
        }

        @Test
        void ipv6Literals() {
            for (String ok : List.of("::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8",
                    "::ffff:192.0.2.1", "1::")) {
                assertTrue(PortBinding.isIpv6(ok), ok);
            }
            for (String bad : List.of("1:2", "1:2:3:4:5:6:7:8:9", "1:::2", "::1::", "12345::", ":1", "1.2.3.4",
                    "1:2:3:4:5:6:7::8:9", "::1.2.3")) {
                assertFalse(PortBinding.isIpv6(bad), bad);
            }
        }
    }

    // ---- -v ----------------------------------------------------------------------------------------------------

    @Nested
    class VolumeSyntax {
        @Test
        void bind() {
            assertEquals(new Mount(Mount.Type.BIND, "/srv/www", "/www", false, 0), Mount.parseVolume("/srv/www:/www"));
        }

        @Test
        void bindReadOnlyAndReadWrite() {
            assertEquals(new Mount(Mount.Type.BIND, "/srv/www", "/www", true, 0),
                    Mount.parseVolume("/srv/www:/www:ro"));
            assertFalse(Mount.parseVolume("/srv/www:/www:rw").readOnly());
        }

        @Test
        void relativeBindIsMadeAbsolute() {
            Mount m = Mount.parseVolume("./conf:/etc/app");
            assertEquals(Mount.Type.BIND, m.type());
            assertEquals(Path.of("conf").toAbsolutePath().normalize().toString(), m.source());
        }

        @Test
        void namedVolume() {
            assertEquals(new Mount(Mount.Type.VOLUME, "data", "/data", false, 0), Mount.parseVolume("data:/data"));
            assertTrue(Mount.parseVolume("data:/data:ro").readOnly());
        }

        @Test
        void anonymousVolume() {
            assertEquals(new Mount(Mount.Type.VOLUME, "", "/cache", false, 0), Mount.parseVolume("/cache"));
        }

        @Test
        void toStringIsDashVSyntax() {
            for (String spec : List.of("/srv/www:/www:ro", "/srv:/srv", "data:/data", "data:/data:ro", "/cache")) {
                assertEquals(spec, Mount.parseVolume(spec).toString());
            }
            assertEquals("/tmp:size=64m", Mount.tmpfs("/tmp", 64 * MIB).toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {":/data", "/host:", "/host::ro", "data::", "::", "/a:/b:ro:x", "/data:ro",
            "data:relative", "/a:/b:z", "x:/data", "relative", "/a:/", "~/x:/x", "da ta:/x"})
        void rejectsBadSpecsNamingThem(String bad) {
            rejects(bad, () -> Mount.parseVolume(bad));
            if (!List.of("/data:ro", "/a:/b:z", "x:/data", "da ta:/x", "~/x:/x", "/a:/").contains(bad)) {
                rejects(bad, () -> busybox().volume(bad)); // the others -v takes as the CLI does
            }
        }

        @Test
        void rejectsEmpty() {
            assertThrows(IllegalArgumentException.class, () -> Mount.parseVolume(""));
            assertThrows(IllegalArgumentException.class, () -> busybox().volume(null));
        }

        @Test
        void builderMountsCheckTheirArguments() {
            rejects("www", () -> busybox().bind(Path.of("/srv"), "www"));
            rejects("/a:b", () -> busybox().bind(Path.of("/a:b"), "/x"));
            rejects("-bad", () -> busybox().namedVolume("-bad", "/x"));
            rejects("tmp", () -> busybox().tmpfs("tmp"));
            rejects("-1", () -> busybox().tmpfs("/tmp", -1));
            assertThrows(IllegalArgumentException.class, () -> busybox().bind(null, "/x"));
        }
    }

    // ---- sizes -------------------------------------------------------------------------------------------------

    @Nested
    class Sizes {
        @ParameterizedTest
        @CsvSource({
            "64m, 67108864", "64M, 67108864", "64mb, 67108864", "64MiB, 67108864", "64MB, 67108864",
            "1k, 1024", "1kb, 1024", "1KiB, 1024", "512, 512", "512b, 512", "512B, 512", "0, 0",
            "1g, 1073741824", "1.5g, 1610612736", "1t, 1099511627776", "2 g, 2147483648", "1p, 1125899906842624",
            "' 8m ', 8388608", "0.5k, 512", "1.0001k, 1024"})
        void parses(String text, long bytes) {
            assertEquals(bytes, ByteSize.parse(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "-1", "-5m", "64x", "1.5.5m", "9999999999t", "64ib", "m", "1e3",
            "64 mb b", "1,5g"})
        void rejectsBadSizes(String bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }

        @Test
        void rejectsNull() {
            assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(null));
        }

        @Test
        void formatsInTheLargestExactUnit() {
            assertEquals("64m", ByteSize.format(64 * MIB));
            assertEquals("1g", ByteSize.format(1024 * MIB));
            assertEquals("1536k", ByteSize.format(1536 * 1024));
            assertEquals("1000", ByteSize.format(1000));
            assertEquals("0", ByteSize.format(0));
            assertEquals("-1", ByteSize.format(-1));
            for (long n : new long[] {1, 1023, 1024, 6 * MIB + 1, 3L << 40, Long.MAX_VALUE}) {
                assertEquals(n, ByteSize.parse(ByteSize.format(n)), "round trip " + n);
            }
        }
    }

    // ---- limits and cross-field rules --------------------------------------------------------------------------

    @Nested
    class Limits {
        @Test
        void negativeMemoryIsRejectedAtTheCall() {
            rejects("-1", () -> busybox().memory(-1));
            rejects("-5m", () -> busybox().memory("-5m"));
            rejects("1k", () -> busybox().memory("1k"));
            rejects("-2", () -> busybox().memorySwap(-2));
            rejects("lots", () -> busybox().memorySwap("lots"));
        }

        @Test
        void swapBelowMemoryIsRejectedAtBuild() {
            ContainerSpec.Builder b = busybox().memory("128m").memorySwap("64m");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("64m") && e.getMessage().contains("128m"), e.getMessage());
        }

        @Test
        void swapWithoutMemoryIsRejectedAtBuild() {
            ContainerSpec.Builder b = busybox().memorySwap("1g");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("1g"), e.getMessage());
        }

        @Test
        void validSwapCombinations() {
            assertEquals(OptionalLong.of(-1), busybox().memorySwap("-1").build().memorySwap());
            ContainerSpec same = busybox().memory("64m").memorySwap("64m").build();
            assertEquals(64 * MIB, hostConfig(same).get("MemorySwap"));
            ContainerSpec unlimited = busybox().memory("64m").memorySwap(-1).build();
            assertEquals(-1L, hostConfig(unlimited).get("MemorySwap"));
        }

        @Test
        void memoryZeroMeansUnset() {
            ContainerSpec spec = busybox().memory("64m").memory(0).build();
            assertEquals(OptionalLong.empty(), spec.memory());
            assertFalse(spec.toCreateBody().containsKey("HostConfig"));
        }

        @Test
        void cpus() {
            assertEquals(OptionalLong.of(1_500_000_000L), busybox().cpus(1.5).build().nanoCpus());
            assertEquals(OptionalLong.of(100_000_000L), busybox().cpus(0.1).build().nanoCpus());
            assertEquals(1.5, busybox().cpus(1.5).build().cpus().getAsDouble());
            rejects("0.0", () -> busybox().cpus(0));
            rejects("-1.0", () -> busybox().cpus(-1));
            rejects("NaN", () -> busybox().cpus(Double.NaN));
            rejects("Infinity", () -> busybox().cpus(Double.POSITIVE_INFINITY));
            rejects("1.0E-12", () -> busybox().cpus(1e-12));
        }

        @Test
        void otherArgumentChecks() {
            rejects("-3", () -> busybox().cpuShares(-3));
            rejects("-2", () -> busybox().pidsLimit(-2));
            rejects("1.5s", () -> busybox().stopTimeout(Duration.ofMillis(1500)));
            rejects("-5s", () -> busybox().stopTimeout(Duration.ofSeconds(-5)));
            rejects("SIGFOO", () -> busybox().stopSignal("SIGFOO"));
            rejects("65", () -> busybox().stopSignal("65"));
            rejects("app", () -> busybox().workingDir("app"));
            rejects("bad host", () -> busybox().hostname("bad host"));
            rejects("-web", () -> busybox().hostname("-web"));
            rejects("a b", () -> busybox().user("a b"));
            rejects("container:", () -> busybox().network("container:"));
            rejects("my net", () -> busybox().network("my net"));
            rejects("NET ADMIN", () -> busybox().capAdd("NET_RAW", "NET ADMIN"));
            rejects("db", () -> busybox().extraHost("db"));
            rejects("db:nowhere", () -> busybox().extraHost("db:nowhere"));
            rejects("8.8.8", () -> busybox().dns("8.8.8"));
            rejects("sometimes", () -> busybox().restartPolicy("sometimes"));
            rejects("has space", () -> ContainerSpec.builder("has space"));
            assertThrows(IllegalArgumentException.class, () -> ContainerSpec.builder(" "));
            assertThrows(IllegalArgumentException.class, () -> busybox().cmd("a", null));
            assertThrows(IllegalArgumentException.class, () -> busybox().healthcheck(null));
        }

        @Test
        void signalsDockerAccepts() {
            for (String s : List.of("SIGTERM", "TERM", "sigint", "9", "64", "SIGRTMIN+3", "RTMAX-1", "SIGUSR1")) {
                assertEquals(Optional.of(s), busybox().stopSignal(s).build().stopSignal(), s);
            }
        }

        @Test
        void autoRemoveConflictsWithRestart() {
            ContainerSpec.Builder b = busybox().autoRemove().restartPolicy(RestartPolicy.always());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("--restart and --rm"), e.getMessage());
            assertTrue(busybox().autoRemove().restartPolicy(RestartPolicy.no()).build().autoRemove());
        }

        @Test
        void duplicateMountTargetsAndHostPorts() {
            rejects("8080", () -> busybox().publish("8080:80").publish("127.0.0.1:8080:81").build());
            busybox().publish("8080:80").publish("8080:80/udp").publish("0:81").publish("0:82").build();
            busybox().publish("127.0.0.1:8080:80").publish("127.0.0.2:8080:81").build();
        }

        @Test
        void containerNetworkForbidsItsOwnNetworkSettings() {
            rejects("published ports", () -> busybox().network("container:db").publish(8080, 80).build());
            rejects("a hostname", () -> busybox().network("container:db").hostname("x1").build());
            rejects("DNS", () -> busybox().network("container:db").dns("1.1.1.1").build());
            assertEquals("container:db", hostConfig(busybox().network("container:db").build()).get("NetworkMode"));
        }
    }

    // ---- names, env --------------------------------------------------------------------------------------------

    @Test
    void nameRuleAndQueryParameter() {
        ContainerSpec spec = busybox().name("web_1.a-b").build();
        assertEquals(Optional.of("web_1.a-b"), spec.name());
        assertFalse(spec.toCreateBody().containsKey("Name"));
        assertFalse(spec.toCreateBody().toString().contains("web_1"), "the name is not in the body");
        assertEquals(Optional.of("web"), busybox().name("/web").build().name());
        assertEquals(Optional.empty(), busybox().build().name());
        for (String bad : List.of("a", "-web", "_web", "we b", "web/1", "wéb", "//web")) {
            rejects(bad, () -> busybox().name(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> busybox().name(""));
    }

    @Test
    void envForms() {
        ContainerSpec spec = busybox().env("A", "1").env("JAVA_OPTS=-Dx=y -Xmx1g").env("EMPTY=").env("A", "2").build();
        assertEquals(List.of("A=2", "JAVA_OPTS=-Dx=y -Xmx1g", "EMPTY="), spec.toCreateBody().get("Env"));
        assertEquals(List.of("BERTH_SURELY_UNSET"), busybox().env("BERTH_SURELY_UNSET").build().toCreateBody()
                .get("Env"), "as the CLI: a name alone takes its value from the environment, or stays a name");
        rejects("=x", () -> busybox().env("=x"));
        rejects("A=B", () -> busybox().env("A=B", "c"));
        rejects("K", () -> busybox().env("K", null));
    }

    // ---- the body ----------------------------------------------------------------------------------------------

    @Test
    void emptySpecWritesOnlyImageAndAttachFlags() {
        Map<String, Object> body = busybox().build().toCreateBody();
        assertEquals(Map.of("Image", "demo/busybox:1", "AttachStdin", false, "AttachStdout", true,
                "AttachStderr", true), body);
        assertFalse(body.containsKey("HostConfig"), "no HostConfig when nothing in it is set");
        assertFalse(body.containsValue(null));
    }

    @Test
    void fullSpecBody() {
        ContainerSpec spec = busybox()
                .name("web")
                .cmd("httpd", "-f", "-p", "80")
                .entrypoint("/bin/sh", "-c")
                .env("MODE", "prod").env("GREETING=a=b")
                .label("app", "web")
                .workingDir("/www").user("1000:1000").hostname("web-1")
                .tty().openStdin()
                .publish("8080:80").publish("127.0.0.1::80").publish("[::1]:5353:53/udp").publish(9443, 443)
                .publishAll()
                .expose(9000).expose("53/udp")
                .bind(Path.of("/srv/www"), "/www", READ_ONLY)
                .volume("data:/data").volume("/cache").namedVolume("logs", "/logs")
                .tmpfs("/run").tmpfs("/tmp", 64 * MIB)
                .network("my-net")
                .restartPolicy(RestartPolicy.onFailure(3))
                .memory("64m").memorySwap("128m").cpus(1.5).cpuShares(512).pidsLimit(100)
                .healthcheck(Healthcheck.cmd("wget", "-q", "localhost").withInterval(Duration.ofSeconds(10))
                        .withTimeout(Duration.ofSeconds(2)).withStartPeriod(Duration.ofSeconds(30)).withRetries(3))
                .stopSignal("SIGINT").stopTimeout(Duration.ofSeconds(30))
                .init().privileged().capAdd("NET_ADMIN").capDrop("MKNOD")
                .extraHost("db:10.0.0.5").dns("1.1.1.1").readOnlyRootfs()
                .build();
        Map<String, Object> body = spec.toCreateBody();

        assertEquals(Set.of("Image", "Hostname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
                "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck", "Entrypoint", "Volumes",
                "WorkingDir", "Labels", "StopSignal", "StopTimeout", "HostConfig", "NetworkingConfig"), body.keySet());
        assertEquals("demo/busybox:1", body.get("Image"));
        assertEquals("web-1", body.get("Hostname"));
        assertEquals("1000:1000", body.get("User"));
        assertEquals(true, body.get("AttachStdin"), "-i attaches stdin, as docker create -i");
        assertEquals(true, body.get("AttachStdout"));
        assertEquals(true, body.get("AttachStderr"));
        assertEquals(true, body.get("Tty"));
        assertEquals(true, body.get("OpenStdin"));
        assertEquals(true, body.get("StdinOnce"), "as docker create -i");
        assertEquals(Set.of("80/tcp", "53/udp", "443/tcp", "9000/tcp"), map(body.get("ExposedPorts")).keySet());
        assertEquals(Map.of(), map(body.get("ExposedPorts")).get("80/tcp"));
        assertEquals(List.of("MODE=prod", "GREETING=a=b"), body.get("Env"));
        assertEquals(List.of("httpd", "-f", "-p", "80"), body.get("Cmd"));
        assertEquals(List.of("/bin/sh", "-c"), body.get("Entrypoint"));
        assertEquals(Map.of("Test", List.of("CMD", "wget", "-q", "localhost"), "Interval", 10_000_000_000L,
                "Timeout", 2_000_000_000L, "Retries", 3L, "StartPeriod", 30_000_000_000L), body.get("Healthcheck"));
        assertEquals(Map.of("/cache", Map.of()), body.get("Volumes"));
        assertEquals("/www", body.get("WorkingDir"));
        assertEquals(Map.of("app", "web"), body.get("Labels"));
        assertEquals("SIGINT", body.get("StopSignal"));
        assertEquals(30L, body.get("StopTimeout"));

        Map<?, ?> host = map(body.get("HostConfig"));
        assertEquals(Set.of("Binds", "NetworkMode", "PortBindings", "PublishAllPorts", "RestartPolicy",
                "Tmpfs", "CapAdd", "CapDrop", "Dns", "ExtraHosts", "Privileged", "ReadonlyRootfs", "Init", "Memory",
                "MemorySwap", "NanoCpus", "CpuShares", "PidsLimit"), host.keySet());
        assertEquals(List.of("/srv/www:/www:ro", "data:/data", "logs:/logs"), host.get("Binds"));
        assertEquals("my-net", host.get("NetworkMode"));
        Map<?, ?> bindings = map(host.get("PortBindings"));
        assertEquals(Set.of("80/tcp", "53/udp", "443/tcp"), bindings.keySet());
        assertEquals(List.of(Map.of("HostIp", "", "HostPort", "8080"), Map.of("HostIp", "127.0.0.1", "HostPort", "")),
                bindings.get("80/tcp"));
        assertEquals(List.of(Map.of("HostIp", "::1", "HostPort", "5353")), bindings.get("53/udp"));
        assertEquals(List.of(Map.of("HostIp", "", "HostPort", "9443")), bindings.get("443/tcp"));
        assertEquals(true, host.get("PublishAllPorts"));
        assertEquals(Map.of("Name", "on-failure", "MaximumRetryCount", 3), host.get("RestartPolicy"));
        assertEquals(Map.of("/run", "", "/tmp", "size=64m"), host.get("Tmpfs"), "as docker run --tmpfs");
        assertEquals(List.of("CAP_NET_ADMIN"), host.get("CapAdd"), "as the CLI writes them");
        assertEquals(List.of("CAP_MKNOD"), host.get("CapDrop"));
        assertEquals(List.of("1.1.1.1"), host.get("Dns"));
        assertEquals(List.of("db:10.0.0.5"), host.get("ExtraHosts"));
        assertEquals(true, host.get("Privileged"));
        assertEquals(true, host.get("ReadonlyRootfs"));
        assertEquals(true, host.get("Init"));
        assertEquals(64 * MIB, host.get("Memory"));
        assertEquals(128 * MIB, host.get("MemorySwap"));
        assertEquals(1_500_000_000L, host.get("NanoCpus"));
        assertEquals(512L, host.get("CpuShares"));
        assertEquals(100L, host.get("PidsLimit"));
        assertFalse(host.containsKey("AutoRemove"));

        assertEquals(Optional.of("web"), spec.name());
        assertEquals(spec, spec.toBuilder().build());
        assertEquals(spec.hashCode(), spec.toBuilder().build().hashCode());
    }

    @Test
    void bodyLeavesOutWhatIsNotSetAndFalseDefaults() {
        ContainerSpec spec = busybox().option("--tty", "false").option("--privileged", "false")
                .autoRemove().cmd().build();
        Map<String, Object> body = spec.toCreateBody();
        assertEquals(false, body.get("Tty"), "--tty=false is written as the CLI writes it");
        assertFalse(body.containsKey("Cmd"), "empty cmd means the image's");
        assertEquals(Map.of("AutoRemove", true, "Init", false, "Privileged", false),
                busybox().option("--privileged", "false").autoRemove().option("--init", "false").build()
                        .toCreateBody().get("HostConfig"),
                "Init false is written: it overrides a daemon default of init=true");
    }

    @Test
    void entrypointCanBeClearedLikeTheCli() {
        assertEquals(List.of(""), busybox().entrypoint("").build().toCreateBody().get("Entrypoint"));
        assertFalse(busybox().entrypoint().build().toCreateBody().containsKey("Entrypoint"));
    }

    @Test
    void bodyIsAFreshCopyEachTime() {
        ContainerSpec spec = busybox().cmd("ls").publish(8080, 80).build();
        Map<String, Object> body = spec.toCreateBody();
        body.put("Extra", 1);
        assertTrue(body.get("Cmd") instanceof List<?>);
        map(body.get("HostConfig")).clear();
        assertEquals(Set.of("PortBindings"), hostConfig(spec).keySet());
        assertFalse(spec.toCreateBody().containsKey("Extra"));
    }

    @Test
    void specIsImmutableAndToBuilderIsIndependent() {
        ContainerSpec spec = busybox().cmd("ls").env("A", "1").build();
        assertThrows(UnsupportedOperationException.class, () -> spec.cmd().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> spec.env().put("B", "2"));
        List<String> cmd = new ArrayList<>(List.of("echo"));
        ContainerSpec fromList = busybox().cmd(cmd).build();
        cmd.add("changed");
        assertEquals(List.of("echo"), fromList.cmd());

        ContainerSpec changed = spec.toBuilder().env("B", "2").image("demo/busybox:2").build();
        assertEquals(Map.of("A", "1"), spec.env());
        assertEquals(Map.of("A", "1", "B", "2"), changed.env());
        assertEquals("demo/busybox:2", changed.image());
        assertNotEquals(spec, changed);
    }

    // ---- toString ----------------------------------------------------------------------------------------------

    @Test
    void toStringShowsSetFieldsInHumanUnits() {
        ContainerSpec spec = busybox().name("web").cmd("httpd", "-f").publish(8080, 80).memory("64m").build();
        assertEquals("ContainerSpec[image=demo/busybox:1, name=web, cmd=[httpd, -f], publish=[8080:80/tcp], "
                + "memory=64m]", spec.toString());
        assertEquals("ContainerSpec[image=demo/busybox:1]", busybox().build().toString());
        String more = busybox().volume("/srv:/srv:ro").tmpfs("/tmp", 64 * MIB).cpus(0.5).memory("1g")
                .memorySwap(-1).stopTimeout(Duration.ofSeconds(90)).restartPolicy("on-failure:2").build().toString();
        assertTrue(more.contains("volume=[/srv:/srv:ro]"), more);
        assertTrue(more.contains("tmpfs=[/tmp:size=64m]"), more);
        assertTrue(more.contains("cpus=0.5"), more);
        assertTrue(more.contains("memory=1g"), more);
        assertTrue(more.contains("memorySwap=-1"), more);
        assertTrue(more.contains("stopTimeout=90"), more);
        assertTrue(more.contains("restart=on-failure:2"), more);
    }

    @Test
    void toStringMasksSecretLookingValues() {
        ContainerSpec spec = busybox().env("MODE", "prod").env("DB_Password", "hunter2").env("api_key", "k-123")
                .env("GITHUB_TOKEN", "ghp_x").env("my_secret", "s3").label("auth.token", "t0k").build();
        String s = spec.toString();
        assertTrue(s.contains("env=[MODE=prod, DB_Password=***, api_key=***, GITHUB_TOKEN=***, my_secret=***]"), s);
        assertTrue(s.contains("label=[auth.token=***]"), s);
        for (String secret : List.of("hunter2", "k-123", "ghp_x", "s3", "t0k")) {
            assertFalse(s.contains(secret), secret + " leaked: " + s);
        }
        assertEquals("hunter2", spec.env().get("DB_Password"), "the getter still returns the value");
    }

    // ---- the small types ---------------------------------------------------------------------------------------

    @Test
    void restartPolicies() {
        assertEquals(new RestartPolicy("on-failure", 3), RestartPolicy.parse("on-failure:3"));
        assertEquals(RestartPolicy.onFailure(0), RestartPolicy.parse("on-failure"));
        assertEquals(RestartPolicy.always(), RestartPolicy.parse("always"));
        assertEquals(RestartPolicy.unlessStopped(), RestartPolicy.parse("unless-stopped"));
        assertEquals(RestartPolicy.no(), RestartPolicy.parse("no"));
        assertEquals(RestartPolicy.no(), new RestartPolicy("", 0));
        assertEquals("on-failure:3", RestartPolicy.onFailure(3).toString());
        assertEquals("unless-stopped", RestartPolicy.unlessStopped().toString());
        for (String bad : List.of("sometimes", "always:3", "on-failure:-1", "on-failure:x", "ALWAYS")) {
            rejects(bad, () -> RestartPolicy.parse(bad));
        }
        rejects("-1", () -> RestartPolicy.onFailure(-1));
    }

    @Test
    void healthchecks() {
        assertEquals(List.of("CMD", "pg_isready", "-U", "pg"), Healthcheck.cmd("pg_isready", "-U", "pg").test());
        assertEquals(List.of("CMD-SHELL", "curl -f localhost || exit 1"),
                Healthcheck.shell("curl -f localhost || exit 1").test());
        assertEquals(Map.of("Test", List.of("NONE")), Healthcheck.none().toJson());
        Healthcheck h = Healthcheck.shell("true").withRetries(2).withInterval(Duration.ofMillis(1500));
        assertEquals(Map.of("Test", List.of("CMD-SHELL", "true"), "Interval", 1_500_000_000L, "Retries", 2),
                h.toJson());
        assertEquals("Healthcheck[test=[CMD-SHELL, true], interval=1.5s, retries=2]", h.toString());
        assertEquals(Duration.ZERO, h.timeout());
        rejects("-1s", () -> Healthcheck.none().withInterval(Duration.ofSeconds(-1)).test());
        rejects("500us", () -> Healthcheck.none().withTimeout(Duration.ofNanos(500_000)));
        rejects("-1", () -> Healthcheck.none().withRetries(-1));
        rejects("[CMD]", () -> Healthcheck.cmd());
        rejects("[BOGUS]", () -> new Healthcheck(List.of("BOGUS"), null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Healthcheck.shell(" "));
        assertThrows(IllegalArgumentException.class, () -> Healthcheck.cmd("a", null));
        Map<String, Object> body = busybox().healthcheck(Healthcheck.none()).build().toCreateBody();
        assertEquals(Map.of("Test", List.of("NONE")), body.get("Healthcheck"));
    }

    @Test
    void openStdinFlags() {
        Map<String, Object> body = busybox().openStdin().build().toCreateBody();
        assertEquals(true, body.get("OpenStdin"));
        assertEquals(true, body.get("StdinOnce"), "as docker create -i: stdin attached, closed after one attach");
        assertEquals(true, body.get("AttachStdin"));
        Map<String, Object> detached = busybox().openStdin().option("-d").build().toCreateBody();
        assertEquals(false, detached.get("StdinOnce"), "as docker run -di");
        assertEquals(false, detached.get("AttachStdin"));
    }

    @Test
    void extraHostsAndDnsAcceptIpv6() {
        ContainerSpec spec = busybox().extraHost("v6:::1").extraHost("gw:host-gateway").extraHost("b:[fe80::1]")
                .dns("2001:4860:4860::8888").build();
        assertEquals(List.of("v6:::1", "gw:host-gateway", "b:fe80::1"), hostConfig(spec).get("ExtraHosts"));
        assertEquals(List.of("2001:4860:4860::8888"), hostConfig(spec).get("Dns"));
    }

    @Test
    void labelsMapAddsAndValidates() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("b", "2");
        more.put("a", "3");
        ContainerSpec spec = busybox().label("a", "1").labels(more).build();
        assertEquals(List.of("a", "b"), new ArrayList<>(spec.labels().keySet()));
        assertEquals("3", spec.labels().get("a"));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("k", null);
        rejects("k", () -> busybox().labels(bad));
        assertThrows(IllegalArgumentException.class, () -> busybox().label("", "v"));
    }
}
