package dev.berth.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on a Unix socket, one thread per connection, for tests that need a real socket file:
 * {@code GET /_ping} and other GETs answer "OK"; {@code POST /hijack} upgrades and echoes stdin until EOF, then
 * writes {@code [EOF]}; {@code GET /stall} sends headers and a first chunk, then goes silent.
 */
final class UnixHttpServer implements AutoCloseable {
    final Path path;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocketChannel server;
    private final Thread acceptor;

    UnixHttpServer(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        acceptor = new Thread(this::acceptLoop, "unix-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(ch), "unix-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (true) {
                String head = readHead(ch, buf, pending);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                String path = target.replaceFirst("^/v[0-9]+\\.[0-9]+/", "/");
                if (path.equals("/hijack")) {
                    write(ch, "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                            + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
                    echoUntilEof(ch, buf, pending);
                    return;
                }
                if (path.equals("/stall")) {
                    write(ch, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
                    Thread.sleep(60_000);
                    return;
                }
                if (path.equals("/silent")) {
                    Thread.sleep(60_000);
                    return;
                }
                write(ch, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 2\r\n\r\n" + (head.startsWith("HEAD") ? "" : "OK"));
            }
        } catch (IOException | InterruptedException e) {
            // connection ends
        }
    }

    /** The request head up to its blank line, the bytes after it left in {@code pending}; null at the end. */
    static String readHead(SocketChannel ch, ByteBuffer buf, ByteArrayOutputStream pending)
            throws IOException {
        while (true) {
            String s = pending.toString(StandardCharsets.ISO_8859_1);
            int end = s.indexOf("\r\n\r\n");
            if (end >= 0) {
                byte[] rest = pending.toByteArray();
                pending.reset();
                pending.write(rest, end + 4, rest.length - end - 4);
                return s.substring(0, end);
            }
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                return null;
            }
            pending.write(buf.array(), 0, n);
        }
    }

    private static void echoUntilEof(SocketChannel ch, ByteBuffer buf, ByteArrayOutputStream pending)
            throws IOException {
        ch.write(ByteBuffer.wrap(pending.toByteArray()));
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            buf.flip();
            ch.write(buf);
        }
        write(ch, "[EOF]");
    }

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    Transport transport(Timeouts timeouts) {
        return new Transport(new Endpoint(DockerHost.unix(path), null, null, "test", java.util.List.of()), timeouts);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
