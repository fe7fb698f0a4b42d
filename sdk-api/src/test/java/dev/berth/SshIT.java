package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.DaemonUnreachableException;
import dev.berth.model.ContainerSpec;
import dev.berth.model.LogLine;
import dev.berth.model.PingResult;
import dev.berth.transport.DockerHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssh://} addresses against the test bed's sshd on this machine: the remote {@code docker system dial-stdio}
 * relays to the test engine's socket, named in the address's path. The test key and known_hosts go in through the
 * {@value #OPTIONS_PROPERTY} system property, with {@code -F /dev/null} so no user ssh config
 * interferes.
 */
class SshIT {
    /** The system property Berth reads ssh options from, as DEVELOPERS.md names it (Berth's constant is internal). */
    private static final String OPTIONS_PROPERTY = "berth.ssh.options";
    private static final String LABEL_VALUE = "ssh";
    private static String sshHost;
    private static String address;
    private static String options;
    private static Docker local;
    private static Docker docker;

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() {
        sshHost = System.getenv("BERTH_TEST_SSH_HOST");
        String key = System.getenv("BERTH_TEST_SSH_KEY");
        if (sshHost == null || sshHost.isEmpty() || key == null || key.isEmpty()) {
            throw new IllegalStateException("BERTH_TEST_SSH_HOST and BERTH_TEST_SSH_KEY are not set: the ssh tests "
                    + "need the test bed's own engine and sshd. Run the tests through scripts/test.sh, or "
                    + "eval \"$(scripts/engine.sh start)\" first (with DOCKER_HOST unset, so it starts its own engine)");
        }
        DockerHost engine = DockerHost.parse(TestEngine.dockerHost());
        assertEquals(DockerHost.Scheme.UNIX, engine.scheme(), "the test bed's own engine listens on a socket");
        address = sshHost + engine.path();
        options = sshOptions(Path.of(key));
        local = TestEngine.docker();
        docker = sshDocker(address, options);
    }

    @AfterAll
    static void cleanUp() {
        if (local != null) {
            for (String id : local.containers().ids(ContainerQuery.all().label(TestEngine.LABEL + "=" + LABEL_VALUE))) {
                local.containers().remove(id, RemoveOptions.force());
            }
            local.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    /** Hermetic ssh options: only this key, only the test bed's host key, never a prompt. */
    private static String sshOptions(Path key) {
        Path knownHosts = key.resolveSibling("known_hosts");
        assertTrue(Files.isRegularFile(knownHosts), "scripts/engine.sh writes " + knownHosts);
        String opts = "-F /dev/null -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes"
                + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + knownHosts;
        assertFalse(key.toString().contains(" "), "the options property is split on spaces");
        return opts;
    }

    /** A client for {@code addr} whose ssh runs with {@code opts} (the property is read when the client is made). */
    private static Docker sshDocker(String addr, String opts) {
        String before = System.getProperty(OPTIONS_PROPERTY);
        System.setProperty(OPTIONS_PROPERTY, opts);
        try {
            return Docker.builder().host(addr).build();
        } finally {
            if (before == null) {
                System.clearProperty(OPTIONS_PROPERTY);
            } else {
                System.setProperty(OPTIONS_PROPERTY, before);
            }
        }
    }

    /** The ssh processes this JVM runs for Berth: its descendants whose command line has {@code dial-stdio}. */
    private static Set<Long> sshProcesses() {
        try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
            return all.filter(p -> {
                String cmd = commandLine(p.pid());
                return cmd.contains("ssh") && cmd.contains("dial-stdio");
            }).map(ProcessHandle::pid).collect(Collectors.toSet());
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // ended meanwhile
        }
    }

    private String run(String... cmd) {
        return docker.containers().run(ContainerSpec.builder(TestEngine.image())
                .label(TestEngine.LABEL, LABEL_VALUE).cmd(cmd).build()).id();
    }

    @Test
    void pingAndVersionReachTheSameDaemonAsTheSocket() {
        assertEquals(DockerHost.Scheme.SSH, docker.endpoint().host().scheme());
        assertEquals(address, docker.endpoint().host().toString());
        PingResult ping = docker.system().ping();
        assertNotNull(ping.apiVersion());
        assertEquals("linux", ping.osType());
        assertEquals(local.system().version().version(), docker.system().version().version());
        assertEquals(local.system().info().id(), docker.system().info().id(), "the same engine, through ssh");
        assertEquals(local.apiVersion(), docker.apiVersion(), "negotiated over ssh as over the socket");
    }

    @Test
    void runAndFollowLogs() {
        String id = run("sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.3; done; echo oops >&2");
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Stream<LogLine> s = docker.containers().logs(id).follow().lines()) {
                return s.map(LogLine::toString).collect(Collectors.toList());
            }
        }, "a followed log ends when the container exits");
        assertEquals(List.of("line1", "line2", "line3", "[stderr] oops"), lines);
    }

    @Test
    void interactiveExecSeesEofWhenStdinCloses() {
        String id = run("sleep", "120");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Session sh = docker.containers().execInteractive(id, ExecOptions.of("sh"))) {
                sh.stdin().write("echo hi\n".getBytes(StandardCharsets.US_ASCII));
                sh.stdin().close(); // half-close: through ssh's stdin, dial-stdio's CloseWrite, to the shell
                assertEquals("hi\n", new String(sh.stdout().readAllBytes(), StandardCharsets.US_ASCII));
                assertEquals(0, sh.exitCode());
            }
        }, "sh only ends when EOF reaches it through ssh");
    }

    @Test
    void aMebibyteOfStdinGoesThroughAndBack() {
        String id = run("sleep", "120");
        byte[] data = new byte[1 << 20];
        Arrays.fill(data, (byte) 'x');
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Session wc = docker.containers().execInteractive(id, ExecOptions.of("wc", "-c"))) {
                OutputStream in = wc.stdin();
                in.write(data);
                in.close();
                assertEquals(Integer.toString(data.length),
                        new String(wc.stdout().readAllBytes(), StandardCharsets.US_ASCII).strip());
                assertEquals(0, wc.exitCode());
            }
        });
    }

    @Test
    void sequentialCallsShareOneSshProcessAndCloseEndsIt() throws Exception {
        Set<Long> before = sshProcesses();
        Set<Long> seen = new HashSet<>();
        try (Docker d = sshDocker(address, options)) {
            for (int i = 0; i < 100; i++) {
                assertNotNull(d.system().ping().apiVersion());
                Set<Long> now = sshProcesses();
                now.removeAll(before);
                seen.addAll(now);
            }
            assertFalse(seen.isEmpty(), "the calls ran through an ssh process of this JVM");
            assertTrue(seen.size() <= 2, "100 sequential pings started " + seen.size() + " ssh processes: " + seen);
        }
        for (long pid : seen) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "closing the client ends its ssh process " + pid);
        }
    }

    @Test
    void aWrongKeyIsUnreachableWithSshsOwnMessage() throws Exception {
        Path wrongKey = temp.resolve("wrong_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertEquals(0, keygen.waitFor());
        try (Docker d = sshDocker(address, sshOptions(Path.of(System.getenv("BERTH_TEST_SSH_KEY")))
                .replace(System.getenv("BERTH_TEST_SSH_KEY"), wrongKey.toString()))) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, () -> d.system().ping());
            assertEquals(address, e.endpoint());
            assertTrue(e.getMessage().startsWith("Cannot reach the Docker daemon at " + address + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("ssh exited with code 255"), e.getMessage());
            assertTrue(e.getMessage().contains("Permission denied (publickey)"), e.getMessage());
            assertInstanceOf(ConnectException.class, e.getCause());
        }
    }

    @Test
    void aClosedPortIsUnreachableWithSshsOwnMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String closed = "ssh://root@127.0.0.1:" + port + DockerHost.parse(address).path();
        try (Docker d = sshDocker(closed, options)) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, () -> d.system().ping());
            assertEquals(closed, e.endpoint());
            assertTrue(e.getMessage().startsWith("Cannot reach the Docker daemon at " + closed + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("port " + port + ": Connection refused"), e.getMessage());
        }
    }

    @Test
    void aWrongRemoteSocketIsUnreachableWithTheRemoteClisMessage() {
        String missing = sshHost + "/tmp/berth-no-such-dir/docker.sock";
        try (Docker d = sshDocker(missing, options)) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, () -> d.system().ping());
            assertEquals(missing, e.endpoint());
            assertTrue(e.getMessage().contains("/tmp/berth-no-such-dir/docker.sock"), e.getMessage());
            assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
        }
    }
}
