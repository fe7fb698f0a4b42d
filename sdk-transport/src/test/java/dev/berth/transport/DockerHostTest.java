package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.InvalidDockerHostException;
import dev.berth.transport.DockerHost.Scheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHostTest {

    @Test
    void unixSocket() {
        DockerHost h = DockerHost.parse("unix:///var/run/docker.sock");
        assertEquals(Scheme.UNIX, h.scheme());
        assertEquals("/var/run/docker.sock", h.path());
        assertEquals("unix:///var/run/docker.sock", h.toString());
    }

    @Test
    void tcpWithPortAndBasePath() {
        DockerHost h = DockerHost.parse("tcp://10.0.0.5:2376/base/");
        assertEquals(Scheme.TCP, h.scheme());
        assertEquals("10.0.0.5", h.host());
        assertEquals(2376, h.port());
        assertEquals("/base", h.basePath());
        assertEquals("tcp://10.0.0.5:2376/base", h.toString());
    }

    @Test
    void tcpDefaultPortDependsOnTls() {
        DockerHost h = DockerHost.parse("tcp://example.org");
        assertEquals(-1, h.port());
        assertEquals(2376, h.effectiveTlsPort());
        assertEquals(2375, h.effectivePort());
    }

    @Test
    void httpAndHttpsAreTcp() {
        assertEquals(Scheme.TCP, DockerHost.parse("http://localhost:2375").scheme());
        assertEquals(Scheme.TCP, DockerHost.parse("https://localhost:2376").scheme());
    }

    @Test
    void bareHostPortIsTcp() {
        DockerHost h = DockerHost.parse("127.0.0.1:2375");
        assertEquals(Scheme.TCP, h.scheme());
        assertEquals(2375, h.port());
    }

    @Test
    void ipv6Host() {
        DockerHost h = DockerHost.parse("tcp://[::1]:2376");
        assertEquals("::1", h.host());
        assertEquals("tcp://[::1]:2376", h.toString());
    }

    @Test
    void namedPipe() {
        DockerHost h = DockerHost.parse("npipe:////./pipe/docker_engine");
        assertEquals(Scheme.NPIPE, h.scheme());
        assertEquals("\\\\.\\pipe\\docker_engine", h.path());
        assertEquals("npipe:////./pipe/docker_engine", h.toString());
    }

    @Test
    void sshWithUserPortAndSocket() {
        DockerHost h = DockerHost.parse("ssh://me@build-box:2222/run/docker.sock");
        assertEquals(Scheme.SSH, h.scheme());
        assertEquals("me", h.user());
        assertEquals("build-box", h.host());
        assertEquals(2222, h.port());
        assertEquals("/run/docker.sock", h.path());
        assertEquals(22, DockerHost.parse("ssh://box").effectivePort());
    }

    @Test
    void rejectsWhatCannotBeUsed() {
        assertMessage("unsupported scheme 'ftp'", "ftp://x");
        assertMessage("no socket path", "unix://");
        assertMessage("no host name", "tcp://:2375");
        assertMessage("password", "ssh://me:secret@box");
        assertMessage("empty", " ");
    }

    @Test
    void sshUserNamesArePlainPosixOnes() {
        for (String user : List.of("me", "build.bot", "ci_user", "a-b", "_svc", "1000", "HOST$", "u".repeat(32))) {
            assertEquals(user, DockerHost.parse("ssh://" + user + "@box").user());
        }
        Map<String, String> refused = Map.of(
                "-oProxyCommand=x", "starts with '-'",
                "%2DoProxyCommand=touch%20x", "starts with '-'",
                "ev%0Ail", "holds the control character (U+000A)",
                "ev%1B%5B2Jil", "holds the control character (U+001B)",
                "a%20b", "holds ' ' (U+0020)",
                "caf%C3%A9", "holds '\u00e9' (U+00E9)",
                "a$b", "holds '$' (U+0024)",
                "u".repeat(33), "is longer than 32 characters");
        refused.forEach((user, problem) -> {
            InvalidDockerHostException e = assertThrows(InvalidDockerHostException.class,
                    () -> DockerHost.parse("ssh://" + user + "@box:2222"), user);
            assertTrue(e.getMessage().startsWith("invalid Docker host 'ssh://" + user + "@box:2222': the ssh user"
                    + " name '"), e.getMessage());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "no control character: " + user);
        });
        // built directly, as SshSocketFactory takes it
        InvalidDockerHostException direct = assertThrows(InvalidDockerHostException.class,
                () -> new DockerHost(Scheme.SSH, "box", -1, "", "", "-oProxyCommand=sh\n"));
        assertEquals("invalid ssh user for box: the ssh user name '-oProxyCommand=sh\\u000a' starts with '-', which"
                + " ssh tools take for an option; a user name is 1 to 32 letters, digits, '.', '_' and '-', not"
                + " starting with '-', and may end with '$'", direct.getMessage());
        assertEquals("", new DockerHost(Scheme.TCP, "h", 1, "", "", "").user(), "no user is fine");
    }

    @Test
    void controlCharactersInAnAddressNeverShowInTheMessage() {
        for (String address : List.of("ssh://a\nb@box", "tcp://h\r\n:2375", "ftp\u001b[2J://x", "unix\n://")) {
            InvalidDockerHostException e = assertThrows(InvalidDockerHostException.class,
                    () -> DockerHost.parse(address));
            assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
        }
    }

    private static void assertMessage(String expected, String address) {
        InvalidDockerHostException e = assertThrows(InvalidDockerHostException.class, () -> DockerHost.parse(address));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "a password never shows: " + e.getMessage());
    }
}
