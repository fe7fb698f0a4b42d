package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.model.PingResult;
import dev.berth.model.SystemInfo;
import dev.berth.model.Version;
import dev.berth.transport.ApiVersion;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.transport.DockerEnvironment;
import dev.berth.errors.DockerException;
import dev.berth.transport.TlsConfig;
import dev.berth.errors.TlsHandshakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ping, version and info against the real engine, over the Unix socket and over mutual TLS. */
class SystemIT {
    @TempDir
    Path temp;

    private static void assertSameDaemon(Docker docker) {
        PingResult ping = docker.system().ping();
        assertNotNull(ping.apiVersion());
        assertEquals("linux", ping.osType());
        Version v = docker.system().version();
        assertFalse(v.version().isEmpty());
        assertEquals(ping.apiVersion(), v.apiVersion());
        assertTrue(ApiVersion.parse(v.apiVersion()).isAtLeast(ApiVersion.FLOOR));
        SystemInfo info = docker.system().info();
        assertFalse(info.id().isEmpty());
        assertTrue(info.cpus() > 0);
        assertTrue(info.memTotal() > 0);
        assertTrue(info.extras().containsKey("CgroupDriver"), "fields Berth does not model are kept");
    }

    @Test
    void pingVersionInfoOverTheUnixSocket() {
        try (Docker docker = TestEngine.docker()) {
            assertSameDaemon(docker);
            ApiVersion daemon = ApiVersion.parse(docker.system().version().apiVersion());
            assertEquals(daemon.min(ApiVersion.LATEST), docker.apiVersion(), "negotiated min(daemon, Berth)");
        }
    }

    @Test
    void negotiatesTheEnginesApiVersionAndNamesItsImageStore() {
        Map<String, ApiVersion> expected = Map.of("20.10", ApiVersion.of(1, 41), "28", ApiVersion.of(1, 51),
                "28-containerd", ApiVersion.of(1, 51));
        assumeTrue(expected.containsKey(TestEngine.engine()), "an engine the test bed did not start");
        try (Docker docker = TestEngine.docker()) {
            assertEquals(expected.get(TestEngine.engine()), docker.apiVersion());
            assertEquals(TestEngine.engine().equals("28-containerd"), docker.system().info().containerdImageStore());
        }
    }

    @Test
    void aPinnedVersionWorksUpToTheDaemonsAndIsRefusedAboveIt() {
        try (Docker docker = Docker.builder().host(TestEngine.dockerHost()).apiVersion("1.44").build()) {
            assertEquals(ApiVersion.of(1, 44), docker.apiVersion());
            ApiVersion daemon;
            try (Docker negotiated = TestEngine.docker()) {
                daemon = ApiVersion.parse(negotiated.system().version().apiVersion());
            }
            if (daemon.isAtLeast(ApiVersion.of(1, 44))) {
                assertSameDaemon(docker);
                assertTrue(docker.images().exists(TestEngine.image()));
            } else {
                DockerException e = assertThrows(DockerException.class, () -> docker.images().list());
                assertTrue(e.getMessage().contains("1.44"), e.getMessage());
            }
        }
    }

    @Test
    void pinnedVersionIsUsedAsIs() {
        try (Docker docker = Docker.builder().host(TestEngine.dockerHost()).apiVersion("1.41").build()) {
            assertEquals(ApiVersion.of(1, 41), docker.apiVersion());
            assertSameDaemon(docker);
        }
    }

    @ParameterizedTest(name = "client key {0}")
    @ValueSource(strings = {"client", "client-pkcs8", "client-ec"})
    void pingVersionInfoOverTlsWithClientCertificates(String keyFormat) {
        String tls = TestEngine.tlsHost();
        try (Docker docker = Docker.builder().host(tls).tls(TestEngine.certs(keyFormat)).build()) {
            assertTrue(docker.endpoint().isTls());
            assertSameDaemon(docker);
        }
    }

    @Test
    void tlsMaterialAsPemStrings() throws IOException {
        Path dir = TestEngine.certs("client");
        TlsConfig pem = TlsConfig.ofPem(Files.readString(dir.resolve("ca.pem")), Files.readString(dir.resolve("cert.pem")),
                Files.readString(dir.resolve("key.pem")));
        assertFalse(pem.toString().contains("PRIVATE KEY"), "toString never shows the key");
        try (Docker docker = Docker.builder().host(TestEngine.tlsHost()).tls(pem).build()) {
            assertNotNull(docker.system().ping().apiVersion());
        }
    }

    @Test
    void wrongCaIsATlsErrorNamingTheEndpoint() {
        String tls = TestEngine.tlsHost();
        try (Docker docker = Docker.builder().host(tls).tls(TestEngine.certs("other-ca")).build()) {
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> docker.system().ping());
            assertTrue(e.getMessage().contains(tls), e.getMessage());
            assertEquals(tls, e.endpoint());
            assertInstanceOf(SSLException.class, e.getCause());
        }
    }

    @Test
    void plainHttpToTheTlsPortIsAClearError() {
        String tls = TestEngine.tlsHost();
        try (Docker docker = Docker.builder().host(tls).build()) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                    () -> docker.system().version());
            assertTrue(e.getMessage().contains("expects TLS"), e.getMessage());
            assertTrue(e.getMessage().contains(tls), e.getMessage());
        }
    }

    @Test
    void missingSocketIsAnUnreachableDaemonNamingWhatWasTried() {
        Path missing = temp.resolve("no-daemon.sock");
        try (Docker docker = Docker.builder().host("unix://" + missing).build()) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                    () -> docker.system().ping());
            assertTrue(e.getMessage().contains("unix://" + missing), e.getMessage());
        }
    }

    @Test
    void contextStoreSelectsTheTlsDaemonThroughDockerContext() throws Exception {
        Path config = writeContext("berth-tls");
        DockerEnvironment env = new DockerEnvironment(Map.of("DOCKER_CONFIG", config.toString(),
                "DOCKER_CONTEXT", "berth-tls"), temp);
        try (Docker docker = Docker.builder().environment(env).build()) {
            assertEquals(TestEngine.tlsHost(), docker.endpoint().host().toString());
            assertTrue(docker.endpoint().source().contains("DOCKER_CONTEXT"), docker.endpoint().source());
            assertSameDaemon(docker);
        }
    }

    @Test
    void contextStoreSelectsTheTlsDaemonThroughCurrentContext() throws Exception {
        Path config = writeContext("berth-current");
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"berth-current\"}");
        DockerEnvironment env = new DockerEnvironment(Map.of("DOCKER_CONFIG", config.toString()), temp);
        try (Docker docker = Docker.builder().environment(env).build()) {
            assertTrue(docker.endpoint().source().contains("currentContext"), docker.endpoint().source());
            assertSameDaemon(docker);
        }
    }

    @Test
    void dockerHostBeatsTheContext() throws Exception {
        Path config = writeContext("berth-ignored");
        DockerEnvironment env = new DockerEnvironment(Map.of("DOCKER_CONFIG", config.toString(),
                "DOCKER_CONTEXT", "berth-ignored", "DOCKER_HOST", TestEngine.dockerHost()), temp);
        try (Docker docker = Docker.builder().environment(env).build()) {
            assertEquals("DOCKER_HOST", docker.endpoint().source());
            assertFalse(docker.endpoint().isTls());
            assertSameDaemon(docker);
        }
    }

    @Test
    void connectFindsADesktopStyleSocketInAFakeHome() throws Exception {
        Path fakeHome = temp.resolve("home");
        Path desktop = Files.createDirectories(fakeHome.resolve(".docker/desktop")).resolve("docker.sock");
        Files.createSymbolicLink(desktop, Path.of(TestEngine.dockerHost().substring("unix://".length())));
        try (Docker docker = Docker.builder().environment(new DockerEnvironment(Map.of(), fakeHome)).build()) {
            assertEquals(desktop.toString(), docker.endpoint().host().path());
            assertSameDaemon(docker);
        }
    }

    @Test
    void withNothingListeningTheErrorNamesEveryPlaceTried() {
        Path emptyHome = temp.resolve("empty-home");
        try (Docker docker = Docker.builder().environment(new DockerEnvironment(
                Map.of("XDG_RUNTIME_DIR", emptyHome.resolve("run").toString()), emptyHome)).build()) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                    () -> docker.system().ping());
            for (String place : new String[] {"/var/run/docker.sock", ".docker/run/docker.sock",
                "/run/docker.sock", ".colima/default/docker.sock", ".orbstack/run/docker.sock", "podman.sock"}) {
                assertTrue(e.getMessage().contains(place), place + " in " + e.getMessage());
            }
        }
    }

    @Test
    void badRequestCarriesTheDaemonsMessage() {
        try (Docker docker = TestEngine.docker()) {
            DockerException e = assertThrows(dev.berth.errors.NotFoundException.class,
                    () -> docker.transport().json(dev.berth.transport.ApiRequest.get("/containers/{id}/json",
                            "berth-no-such-container").build(), Map.class));
            assertTrue(e.daemonMessage().contains("berth-no-such-container"), e.daemonMessage());
            assertTrue(e.request().endsWith("/containers/berth-no-such-container/json"), e.request());
        }
    }

    /** Writes a context store the way {@code docker context create --docker host=...,ca=...,cert=...,key=...} does. */
    private Path writeContext(String name) throws Exception {
        String tls = TestEngine.tlsHost();
        Path config = temp.resolve("docker-config");
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\"\"},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + tls + "\",\"SkipTLSVerify\":false}}}");
        Path tlsDir = Files.createDirectories(config.resolve("contexts/tls").resolve(id).resolve("docker"));
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.copy(TestEngine.certs("client").resolve(f), tlsDir.resolve(f));
        }
        return config;
    }
}
