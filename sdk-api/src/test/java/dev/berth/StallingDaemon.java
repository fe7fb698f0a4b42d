package dev.berth;

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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A daemon on a Unix socket that starts answering and then stops: each path prefix is given the first part of an
 * answer (headers and some body), after which the connection stays silent until the client hangs up. Any other
 * request gets a 200 with {@code {}}. Connections are counted, so a test sees a cancelled call's socket go.
 *
 * <pre>{@code
 * try (StallingDaemon d = new StallingDaemon(dir.resolve("d.sock"))) {
 *     d.stallAfter("POST /images/create", StallingDaemon.chunkedJson("{\"status\":\"Pulling\"}"));
 *     Docker docker = d.docker();
 * }
 * }</pre>
 */
final class StallingDaemon implements AutoCloseable {
    private final Path path;
    private final ServerSocketChannel server;
    private final Map<String, String> stalls = new ConcurrentHashMap<>();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();

    StallingDaemon(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        spawn(this::acceptLoop);
    }

    /** A client of this daemon at API 1.41, with no credentials of the user's. */
    Docker docker() {
        return Docker.builder().host("unix://" + path).apiVersion("1.41")
                .credentials(new CredentialStore(Path.of("/nonexistent"), Map.of())).build();
    }

    /** Requests whose method and path (without version) start with {@code prefix} get {@code start}, then silence. */
    StallingDaemon stallAfter(String prefix, String start) {
        stalls.put(prefix, start);
        return this;
    }

    /** The head of a chunked 200 answer of {@code type}, with {@code chunks} as its first chunks. */
    static String chunked(String type, String... chunks) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: " + type
                + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (String c : chunks) {
            sb.append(Integer.toHexString(c.getBytes(StandardCharsets.ISO_8859_1).length)).append("\r\n").append(c)
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** A multiplexed stdout frame holding {@code text}, as a string of bytes. */
    static String stdoutFrame(String text) {
        int n = text.length();
        return new String(new byte[] {1, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n},
                StandardCharsets.ISO_8859_1) + text;
    }

    /** Connections the client has not closed. */
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
                String head = readHead(ch, buf, pending);
                if (head == null) {
                    return;
                }
                String line = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n"));
                String[] parts = line.split(" ");
                String request = parts[0] + " " + parts[1].replaceFirst("^/v[0-9]+\\.[0-9]+/", "/");
                String start = null;
                for (Map.Entry<String, String> e : stalls.entrySet()) {
                    if (request.startsWith(e.getKey())) {
                        start = e.getValue();
                    }
                }
                if (start != null) {
                    write(ch, start);
                    while (true) { // silence; whatever comes (a request body) is dropped, until the hang-up
                        buf.clear();
                        if (ch.read(buf) < 0) {
                            return;
                        }
                    }
                }
                skipBody(ch, buf, pending, head);
                String body = request.startsWith("GET /containers/") && request.contains("/json")
                        ? "{\"Id\":\"c1\",\"Config\":{\"Tty\":false}}" : "{}";
                write(ch, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + (parts[0].equals("HEAD") ? "" : body));
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(ch);
        }
    }

    /** Drops a request body of known length, so the next request on the connection starts where it should. */
    private static void skipBody(SocketChannel ch, ByteBuffer buf, ByteArrayOutputStream pending, String head)
            throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        long left = m.find() ? Long.parseLong(m.group(1)) : 0;
        byte[] have = pending.toByteArray();
        int used = (int) Math.min(left, have.length);
        pending.reset();
        pending.write(have, used, have.length - used);
        left -= used;
        while (left > 0) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), left));
            int n = ch.read(buf);
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    private static String readHead(SocketChannel ch, ByteBuffer buf, ByteArrayOutputStream pending)
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

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private void spawn(Runnable r) {
        Thread t = new Thread(r, "stalling-daemon");
        t.setDaemon(true);
        threads.removeIf(x -> !x.isAlive());
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
        Files.deleteIfExists(path);
    }
}
