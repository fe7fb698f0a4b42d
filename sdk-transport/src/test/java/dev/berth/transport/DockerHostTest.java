package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.transport.DockerHost.Scheme;
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
        assertEquals(2376, h.effectivePort(true));
        assertEquals(2375, h.effectivePort(false));
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
        assertEquals(22, DockerHost.parse("ssh://box").effectivePort(false));
    }

    @Test
    void rejectsWhatCannotBeUsed() {
        assertMessage("unsupported scheme 'ftp'", "ftp://x");
        assertMessage("no socket path", "unix://");
        assertMessage("no host name", "tcp://:2375");
        assertMessage("password", "ssh://me:secret@box");
        assertMessage("empty", " ");
    }

    private static void assertMessage(String expected, String address) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerHost.parse(address));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "a password never shows: " + e.getMessage());
    }
}
