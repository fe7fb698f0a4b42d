package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The named-pipe socket is a {@link ChannelSocket} over a file opened for reading and writing. Windows pipes are not
 * available here, so a Linux FIFO opened read-write stands in: what is written comes back, which exercises the
 * socket adapter, the factory and close, though not the Windows pipe server.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class NamedPipeSocketTest {
    @TempDir
    Path dir;

    @Test
    void bytesGoThroughThePipeFile() throws Exception {
        Path fifo = dir.resolve("docker_engine");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Socket s = new NamedPipeSocketFactory(fifo.toString()).createSocket("ignored", 0);
        assertTrue(s.isConnected());
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] msg = "GET /_ping HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(msg);
        out.flush(); // writes are buffered until a flush, as OkHttp does after each request
        assertArrayEquals(msg, in.readNBytes(msg.length));
        assertThrows(UnsupportedOperationException.class, s::shutdownOutput,
                "a pipe has no half-close; OkHttp then closes the stream");
        s.close();
        assertTrue(s.isClosed());
        assertThrows(IOException.class, () -> s.getInputStream());
    }

    @Test
    void missingPipeFailsAtOnce() {
        Socket s = new NamedPipeSocketFactory(dir.resolve("nope").toString()).createSocket();
        assertThrows(NoSuchFileException.class, () -> s.connect(null, 5_000));
    }
}
