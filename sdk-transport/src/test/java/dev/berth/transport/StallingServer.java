package dev.berth.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A daemon that stops answering, on a Unix socket or TCP: it sends what the path asks for, then waits for the
 * client to hang up, counting connections so a test sees whether a cancelled call's socket was dropped.
 *
 * <ul>
 *   <li>{@code /_ping} and any other path: 200 with {@code Api-Version: 1.41} and "OK";</li>
 *   <li>{@code /silent}: nothing at all;</li>
 *   <li>{@code /stall}: headers and a first chunk "first";</li>
 *   <li>{@code /json-stall}: headers of a JSON answer and its first bytes, {@code {"a":};</li>
 *   <li>{@code /events}: headers and one JSON object of a stream;</li>
 *   <li>{@code /hijack}: 101 UPGRADED, then silence.</li>
 * </ul>
 */
final class StallingServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path path;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    private StallingServer(ServerSocketChannel server, Path path) {
        this.server = server;
        this.path = path;
        spawn(this::acceptLoop);
    }

    static StallingServer unix(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        return new StallingServer(s, path);
    }

    static StallingServer tcp() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new StallingServer(s, null);
    }

    /** A transport to this server with the API version pinned (no negotiation) and the given timeouts. */
    Transport transport(Timeouts timeouts) throws IOException {
        DockerHost host = path != null ? DockerHost.unix(path)
                : DockerHost.tcp("127.0.0.1", ((InetSocketAddress) server.getLocalAddress()).getPort());
        return new Transport(new Endpoint(host, null, ApiVersion.parse("1.41"), "test", List.of()), timeouts);
    }

    /** Connections the client has not closed yet. */
    int open() {
        return open.size();
    }

    /** Waits until at most {@code n} connections are open; returns how many are. */
    int awaitOpenAtMost(int n, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (open.size() > n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return open.size();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                connections.incrementAndGet();
                open.add(ch);
                spawn(() -> serve(ch));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try (ch) {
            while (true) {
                String head = UnixHttpServer.readHead(ch, buf, pending);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                String p = target.replaceFirst("^/v[0-9]+\\.[0-9]+/", "/").replaceFirst("\\?.*", "");
                switch (p) {
                    case "/silent" -> {
                        awaitHangUp(ch, buf);
                        return;
                    }
                    case "/stall" -> {
                        write(ch, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
                        awaitHangUp(ch, buf);
                        return;
                    }
                    case "/json-stall" -> {
                        write(ch, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n");
                        awaitHangUp(ch, buf);
                        return;
                    }
                    case "/events" -> {
                        String event = "{\"status\":\"one\"}\n";
                        write(ch, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                                + "\r\n\r\n" + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
                        awaitHangUp(ch, buf);
                        return;
                    }
                    case "/hijack" -> {
                        write(ch, "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                                + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
                        awaitHangUp(ch, buf);
                        return;
                    }
                    default -> write(ch, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 2\r\n\r\n" + (head.startsWith("HEAD") ? "" : "OK"));
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(ch);
        }
    }

    /** Reads (and drops) whatever comes until the client closes its end. */
    private static void awaitHangUp(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (true) {
            buf.clear();
            if (ch.read(buf) < 0) {
                return;
            }
        }
    }

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private void spawn(Runnable r) {
        Thread t = new Thread(r, "stalling-server");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }
}
