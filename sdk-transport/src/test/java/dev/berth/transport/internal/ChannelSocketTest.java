package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unix socket adapter on its own: buffering, timeouts, half-close. */
class ChannelSocketTest {
    @TempDir
    Path dir;

    @Test
    void aReadTimeoutLeavesNoStaleBytesBehind() throws Exception {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Socket client = new UnixSocketFactory(path).createSocket("ignored", 0);
            try (SocketChannel peer = server.accept()) {
                InputStream in = client.getInputStream();
                peer.write(ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)));
                assertEquals("first", new String(in.readNBytes(5), StandardCharsets.US_ASCII));

                // what OkHttp's health check of an idle pooled connection does: a 1 ms read that times out
                client.setSoTimeout(1);
                assertThrows(SocketTimeoutException.class, () -> in.read(new byte[8]));
                client.setSoTimeout(0);

                peer.write(ByteBuffer.wrap("second".getBytes(StandardCharsets.US_ASCII)));
                assertEquals("second", new String(in.readNBytes(6), StandardCharsets.US_ASCII),
                        "only the new bytes, not the buffer's old content");
            }
            client.close();
        }
    }

    @Test
    void writesWaitForFlushAndShutdownOutputFlushesFirst() throws Exception {
        Path path = dir.resolve("w.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Socket client = new UnixSocketFactory(path).createSocket("ignored", 0);
            try (SocketChannel peer = server.accept()) {
                OutputStream out = client.getOutputStream();
                byte[] big = new byte[ChannelSocket.BUFFER * 3 + 17];
                big[big.length - 1] = 42;
                out.write(big);
                client.shutdownOutput();
                assertTrue(client.isOutputShutdown());
                ByteBuffer got = ByteBuffer.allocate(big.length + 1);
                while (peer.read(got) >= 0) {
                    // until EOF, which the half-close sends after every byte
                }
                assertEquals(big.length, got.position());
                assertEquals(42, got.get(big.length - 1));
            }
            client.close();
        }
    }
}
