package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.transport.DockerHost;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh command line, and HTTP through a stand-in "ssh" program (a shell script that answers on its stdout), so
 * pooling and error reports are checked without an ssh server; {@code SshIT} runs the real thing.
 */
class SshSocketFactoryTest {
    @TempDir
    Path dir;

    private static List<String> command(String address, Duration timeout, List<String> options) {
        return new SshSocketFactory(DockerHost.parse(address), timeout, options).command();
    }

    @Test
    void commandIsTheClisWithUserAndPort() {
        assertEquals(List.of("ssh", "-o", "ConnectTimeout=10", "-T", "-l", "me", "-p", "2222", "--", "build-box",
                        "docker", "system", "dial-stdio"),
                command("ssh://me@build-box:2222", Duration.ofSeconds(10), List.of()));
    }

    @Test
    void aPathNamesTheRemoteSocketAndNoUserOrPortMeansNoFlags() {
        assertEquals(List.of("ssh", "-o", "ConnectTimeout=30", "-T", "--", "build-box",
                        "docker", "--host=unix:///run/user/1000/docker.sock", "system", "dial-stdio"),
                command("ssh://build-box/run/user/1000/docker.sock", Duration.ZERO, List.of()),
                "zero connect timeout: the CLI's 30 s");
    }

    @Test
    void timeoutIsRoundedUpToWholeSeconds() {
        assertEquals("ConnectTimeout=2", command("ssh://h", Duration.ofMillis(1500), List.of()).get(2));
        assertEquals("ConnectTimeout=1", command("ssh://h", Duration.ofMillis(1), List.of()).get(2));
    }

    @Test
    void aPathTheRemoteShellWouldSplitIsQuoted() {
        List<String> c = command("ssh://h/tmp/my%20dir/it's.sock", Duration.ofSeconds(5), List.of());
        assertEquals("'--host=unix:///tmp/my dir/it'\\''s.sock'", c.get(c.size() - 3));
        assertEquals("--host=unix:///a/b-c_d.sock", SshSocketFactory.shellQuote("--host=unix:///a/b-c_d.sock"));
    }

    @Test
    void optionsGoFirstAndThePropertyAddsMore() {
        String before = System.getProperty(SshSocketFactory.OPTIONS_PROPERTY);
        System.setProperty(SshSocketFactory.OPTIONS_PROPERTY, "  -i /k/id_ed25519   -o BatchMode=yes ");
        try {
            assertEquals(List.of("ssh", "-F", "/cfg", "-i", "/k/id_ed25519", "-o", "BatchMode=yes",
                            "-o", "ConnectTimeout=10", "-T", "--", "h", "docker", "system", "dial-stdio"),
                    command("ssh://h", Duration.ofSeconds(10), List.of("-F", "/cfg")));
        } finally {
            if (before == null) {
                System.clearProperty(SshSocketFactory.OPTIONS_PROPERTY);
            } else {
                System.setProperty(SshSocketFactory.OPTIONS_PROPERTY, before);
            }
        }
        assertEquals(List.of(), SshSocketFactory.propertyOptions("   "));
    }

    @Test
    void onlySshHostsAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> new SshSocketFactory(DockerHost.parse("tcp://h:2375"), Duration.ZERO, List.of()));
    }

    /** A stand-in for ssh: a script that ignores its arguments, logs each start and runs {@code body}. */
    private Path fakeSsh(String body) throws IOException {
        Path script = dir.resolve("fake-ssh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >>'" + dir.resolve("starts") + "'\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private long starts() throws IOException {
        Path log = dir.resolve("starts");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sequentialCallsShareOneProcess() throws Exception {
        // answers every request (headers end with an empty line) with a small keep-alive response
        Path ssh = fakeSsh("cr=$(printf '\\r')\n"
                + "while IFS= read -r line; do\n"
                + "  if [ \"$line\" = \"$cr\" ]; then printf 'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nOK'; fi\n"
                + "done");
        SshSocketFactory factory = new SshSocketFactory(ssh.toString(), DockerHost.parse("ssh://u@box:2200/s.sock"),
                Duration.ofSeconds(5), List.of());
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(factory).build();
        try {
            for (int i = 0; i < 20; i++) {
                try (Response r = http.newCall(new Request.Builder().url("http://[::1]/_ping").build()).execute()) {
                    assertEquals(200, r.code());
                    assertEquals("OK", r.body().string());
                }
            }
            assertEquals(1, starts(), "one process for 20 sequential calls");
            String args = Files.readString(dir.resolve("starts"), StandardCharsets.UTF_8).strip();
            assertEquals("-o ConnectTimeout=5 -T -l u -p 2200 -- box docker --host=unix:///s.sock system dial-stdio",
                    args);
        } finally {
            http.connectionPool().evictAll();
            http.dispatcher().executorService().shutdown();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aProcessThatEndsBeforeAnsweringIsAConnectFailureWithItsStderr() throws Exception {
        Path ssh = fakeSsh("echo 'ssh: connect to host box port 22: Connection refused' >&2\nexit 255");
        SshSocketFactory factory = new SshSocketFactory(ssh.toString(), DockerHost.parse("ssh://box"),
                Duration.ofSeconds(5), List.of());
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(factory).build();
        try {
            IOException e = assertThrows(IOException.class,
                    () -> http.newCall(new Request.Builder().url("http://[::1]/_ping").build()).execute());
            assertInstanceOf(ConnectException.class, e, () -> "got " + e);
            assertTrue(e.getMessage().contains("exited with code 255"), e.getMessage());
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
            assertEquals(1, starts(), "a connection that never answered is not retried");
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }
}
