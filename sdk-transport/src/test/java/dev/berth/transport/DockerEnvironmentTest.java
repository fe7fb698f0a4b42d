package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEnvironmentTest {
    @TempDir
    Path home;

    private Endpoint resolve(Map<String, String> env) {
        return new DockerEnvironment(env, home).resolve();
    }

    @Test
    void dockerHostWinsOverContexts() throws IOException {
        Path config = home.resolve(".docker");
        ContextStoreFixture.write(config, "remote", "tcp://remote:2376", false);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"remote\"}");
        Endpoint e = resolve(Map.of("DOCKER_HOST", "unix:///tmp/x.sock", "DOCKER_CONTEXT", "remote"));
        assertEquals("unix:///tmp/x.sock", e.host().toString());
        assertEquals("DOCKER_HOST", e.source());
    }

    @Test
    void dockerContextWinsOverCurrentContext() throws IOException {
        Path config = home.resolve(".docker");
        ContextStoreFixture.write(config, "a", "tcp://a:2375", false);
        ContextStoreFixture.write(config, "b", "tcp://b:2375", false);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"b\"}");
        assertEquals("a", resolve(Map.of("DOCKER_CONTEXT", "a")).host().host());
        Endpoint current = resolve(Map.of());
        assertEquals("b", current.host().host());
        assertTrue(current.source().contains("currentContext"), current.source());
    }

    @Test
    void contextWithTlsFilesUsesThem() throws IOException {
        Path config = home.resolve("cfg");
        ContextStoreFixture.write(config, "secure", "tcp://127.0.0.1:2376", true);
        Endpoint e = resolve(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "secure"));
        assertTrue(e.isTls());
        assertTrue(e.tls().hasCa());
        assertTrue(e.tls().hasClientCertificate());
    }

    @Test
    void defaultContextMeansDefaultSocket() {
        Endpoint e = resolve(Map.of("DOCKER_CONTEXT", "default"));
        assertEquals(DockerHost.Scheme.UNIX, e.host().scheme());
    }

    @Test
    void missingContextIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("DOCKER_CONTEXT", "nope")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCKER_CONTEXT"), e.getMessage());
    }

    @Test
    void tlsVerifyReadsCertPath() throws IOException {
        Path certs = home.resolve("certs");
        Files.createDirectories(certs);
        Files.writeString(certs.resolve("ca.pem"), ContextStoreFixture.CA);
        Endpoint e = resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()));
        assertTrue(e.isTls());
        assertTrue(e.tls().hasCa());
        assertFalse(e.tls().hasClientCertificate(), "missing cert and key are skipped, as the CLI does");
    }

    @Test
    void noTlsWithoutVerifyOrTlsVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", "tcp://h:2375");
        env.put("DOCKER_CERT_PATH", "/nowhere");
        assertFalse(resolve(env).isTls(), "DOCKER_CERT_PATH alone does not turn TLS on (CLI semantics)");
        env.put("DOCKER_TLS_VERIFY", "");
        assertFalse(resolve(env).isTls(), "an empty DOCKER_TLS_VERIFY is unset");
        env.put("DOCKER_TLS", "1");
        assertTrue(resolve(env).isTls());
    }

    @Test
    void certificatesUnusedForWantOfTlsVerifyAreWarnedAboutOnce() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(certs.resolve(f), ContextStoreFixture.CA);
        }
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_CERT_PATH", certs.toString());
        String first = stderrOf(() -> assertFalse(resolve(env).isTls(), "plain HTTP, as the CLI"));
        assertTrue(first.contains("WARN dev.berth.transport.DockerEnvironment - DOCKER_HOST is tcp://h:2375 and "
                + certs + " holds ca.pem, cert.pem, key.pem, but DOCKER_TLS_VERIFY is not set: connecting in plain"
                + " HTTP, without TLS, as the docker CLI does. Set DOCKER_TLS_VERIFY=1 to use TLS."), first);
        assertEquals("", stderrOf(() -> resolve(env)), "once per address and folder");
        assertTrue(stderrOf(() -> resolve(Map.of("DOCKER_HOST", "tcp://other:2375", "DOCKER_CERT_PATH",
                certs.toString()))).contains("tcp://other:2375"), "another address is warned about again");
    }

    @Test
    void certificatesInTheConfigFolderCountWhenThereIsNoCertPath() throws IOException {
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("key.pem"), ContextStoreFixture.CA);
        String err = stderrOf(() -> resolve(Map.of("DOCKER_HOST", "tcp://h:2375")));
        assertTrue(err.contains(config + " holds key.pem, but DOCKER_TLS_VERIFY is not set"), err);
    }

    @Test
    void noWarningWithTlsOnWithoutFilesOrForPlainHttpAsked() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), ContextStoreFixture.CA);
        String dir = certs.toString();
        String err = stderrOf(() -> {
            assertTrue(resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1",
                    "DOCKER_CERT_PATH", dir)).isTls());
            assertTrue(resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS", "1", "DOCKER_CERT_PATH", dir))
                    .isTls());
            assertTrue(resolve(Map.of("DOCKER_HOST", "HTTPS://h:2376", "DOCKER_CERT_PATH", dir)).isTls(),
                    "the scheme is case-insensitive");
            assertFalse(resolve(Map.of("DOCKER_HOST", "http://h:2375", "DOCKER_CERT_PATH", dir)).isTls());
            assertFalse(resolve(Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_CERT_PATH",
                    home.resolve("empty").toString())).isTls());
            resolve(Map.of("DOCKER_HOST", "unix:///x.sock", "DOCKER_CERT_PATH", dir));
        });
        assertEquals("", err);
    }

    /** What {@code action} printed to System.err, where slf4j-simple writes Berth's log. */
    private static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tlsDoesNotApplyToSockets() {
        assertNull(resolve(Map.of("DOCKER_HOST", "unix:///x.sock", "DOCKER_TLS_VERIFY", "1")).tls());
    }

    @Test
    void apiVersionPinned() {
        Endpoint e = resolve(Map.of("DOCKER_HOST", "unix:///x.sock", "DOCKER_API_VERSION", "1.43"));
        assertEquals(ApiVersion.of(1, 43), e.pinnedVersion());
    }

    @Test
    void defaultSocketListsWhatWasTriedAndWhy() throws IOException {
        Path stale = home.resolve(".colima/default/docker.sock");
        Files.createDirectories(stale.getParent());
        Files.createFile(stale);
        Endpoint e = resolve(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()));
        if (!Files.exists(Path.of("/var/run/docker.sock"))) {
            assertTrue(e.source().contains("none answered"), e.source());
            assertTrue(e.tried().stream().anyMatch(t -> t.contains("/var/run/docker.sock (no such file)")),
                    e.tried().toString());
            assertTrue(e.tried().stream().anyMatch(t -> t.contains(".docker/run/docker.sock")), e.tried().toString());
            assertTrue(e.tried().stream().anyMatch(t -> t.contains("podman")), e.tried().toString());
            assertTrue(e.tried().stream().anyMatch(t -> t.startsWith("unix://" + stale) && !t.contains("no such file")),
                    "a file that is there but answers nothing says why: " + e.tried());
        }
    }

    @Test
    @SuppressWarnings("try") // the server only has to listen while the test runs
    void firstKnownSocketThatAnswersIsTaken() throws IOException {
        Path dead = home.resolve(".docker/run/docker.sock");
        Files.createDirectories(dead.getParent());
        Files.createFile(dead); // Docker Desktop's socket path, but nothing listens
        Path orbstack = home.resolve(".orbstack/run/docker.sock");
        Files.createDirectories(orbstack.getParent());
        try (UnixHttpServer server = new UnixHttpServer(orbstack)) {
            Endpoint e = resolve(Map.of());
            if (!Files.exists(Path.of("/var/run/docker.sock"))) {
                assertEquals(orbstack.toString(), e.host().path());
                assertTrue(e.tried().stream().anyMatch(t -> t.contains(dead.toString())), e.tried().toString());
            }
        }
    }

    @Test
    void knownSocketsInTheCliOrderThenFurther() {
        List<Path> known = new DockerEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home).knownSockets();
        assertEquals(Path.of("/var/run/docker.sock"), known.get(0));
        assertEquals(home.resolve(".docker/run/docker.sock"), known.get(1));
        assertTrue(known.indexOf(Path.of("/run/user/1000/docker.sock"))
                < known.indexOf(home.resolve(".colima/default/docker.sock")));
        assertEquals(Path.of("/run/podman/podman.sock"), known.get(known.size() - 1));
    }
}
