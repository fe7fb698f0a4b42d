package dev.berth.model.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A test-only Docker daemon on a Unix socket that records what a client asks to create: it answers {@code /_ping}
 * with {@code Api-Version: 1.51}, records the query and body of {@code POST /v* /containers/create} and answers
 * {@code 201 {"Id": ...}}, and answers {@code 200 {}} (or {@code []} for lists) to anything else so the client
 * goes on. One connection at a time, HTTP/1.1 with keep-alive and chunked request bodies.
 */
public final class RecordingDaemon implements AutoCloseable {
    /** One recorded create call. */
    public record Create(String query, String body) {
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<Create> creates = new ArrayList<>();

    public RecordingDaemon(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "recording-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@return the {@code -H} value for the CLI} */
    public String host() {
        return "unix://" + socket;
    }

    /** {@return the create calls recorded since the last call, and forgets them} */
    public synchronized List<Create> take() {
        List<Create> out = new ArrayList<>(creates);
        creates.clear();
        return out;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                handle(ch);
            } catch (IOException e) {
                // next connection, or closed
            }
        }
    }

    private void handle(SocketChannel ch) throws IOException {
        Reader in = new Reader(ch);
        while (true) {
            String requestLine = in.line();
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            int length = 0;
            boolean chunked = false;
            for (String h = in.line(); h != null && !h.isEmpty(); h = in.line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int n = Integer.parseInt(in.line().split(";")[0].strip(), 16); n > 0;
                        n = Integer.parseInt(in.line().split(";")[0].strip(), 16)) {
                    all.writeBytes(in.bytes(n));
                    in.line();
                }
                in.line();
                body = all.toByteArray();
            } else {
                body = in.bytes(length);
            }
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            String target = parts.length > 1 ? parts[1] : "/";
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
            String status = "200 OK";
            String answer = "{}";
            if (path.endsWith("/_ping")) {
                answer = method.equals("HEAD") ? "" : "OK";
            } else if (method.equals("POST") && path.endsWith("/containers/create")) {
                synchronized (this) {
                    creates.add(new Create(query, new String(body, StandardCharsets.UTF_8)));
                }
                status = "201 Created";
                answer = "{\"Id\":\"0123456789ab0123456789ab0123456789ab0123456789ab0123456789ab0123\",\"Warnings\":[]}";
            } else if (path.endsWith("/json") && !path.contains("/containers/") && !path.contains("/images/")
                    || path.endsWith("/containers/json")) {
                answer = "[]";
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + "\r\nApi-Version: 1.51\r\nOstype: linux\r\nContent-Type: "
                    + (path.endsWith("/_ping") ? "text/plain" : "application/json")
                    + "\r\nContent-Length: " + out.length + "\r\n\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            if (!method.equals("HEAD")) {
                ch.write(ByteBuffer.wrap(out));
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }

    /** Reads lines and byte runs from a channel. */
    private static final class Reader {
        private final SocketChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(65536);

        Reader(SocketChannel ch) {
            this.ch = ch;
            buf.flip();
        }

        private boolean fill() throws IOException {
            buf.compact();
            int n = ch.read(buf);
            buf.flip();
            return n > 0;
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        String s = line.toString(StandardCharsets.UTF_8);
                        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                    }
                    line.write(b);
                }
                if (!fill()) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            int off = 0;
            while (off < n) {
                if (!buf.hasRemaining() && !fill()) {
                    throw new IOException("short body");
                }
                int k = Math.min(buf.remaining(), n - off);
                buf.get(out, off, k);
                off += k;
            }
            return out;
        }
    }

    /** Runs a daemon for manual tries: {@code java RecordingDaemon /tmp/x.sock}; prints each create. */
    public static void main(String[] args) throws Exception {
        try (RecordingDaemon d = new RecordingDaemon(Path.of(args[0]))) {
            while (true) {
                Thread.sleep(200);
                for (Create c : d.take()) {
                    System.out.println(c.query() + "\n" + c.body());
                }
            }
        }
    }
}
