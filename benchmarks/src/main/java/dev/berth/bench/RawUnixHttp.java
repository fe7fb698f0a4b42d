package dev.berth.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The floor: HTTP/1.1 keep-alive GETs written by hand on one JDK Unix channel, the body read (Content-Length or
 * chunked) but not parsed. No client library can be faster than this on the same daemon. For streams,
 * {@link #countResponse} sends one request on a fresh channel and counts what follows the headers.
 */
final class RawUnixHttp implements AutoCloseable {
    private final SocketChannel ch;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);

    RawUnixHttp(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        in.flip();
    }

    /** Sends a GET and returns the body length. */
    int get(String path) throws IOException {
        ByteBuffer req = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        while (req.hasRemaining()) {
            ch.write(req);
        }
        String head = readLine();
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected: " + head);
        }
        int length = -1;
        boolean chunked = false;
        for (String line; !(line = readLine()).isEmpty(); ) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            skip(length);
            return length;
        }
        int total = 0;
        while (true) {
            int size = Integer.parseInt(readLine().trim(), 16);
            if (size == 0) {
                readLine();
                return total;
            }
            skip(size);
            readLine();
            total += size;
        }
    }

    /**
     * Sends {@code request} (complete, headers and body) on a new channel and returns how many bytes follow the
     * answer's headers until the daemon closes the stream: wire bytes, so frame headers (and chunk sizes) count.
     *
     * @param halfClose shut the sending side after the request: right for a hijacked exec, wrong for a plain GET
     *                  (the daemon takes the half-close for a client gone away and ends the answer early)
     */
    static long countResponse(Path socket, String request, boolean halfClose) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (req.hasRemaining()) {
                ch.write(req);
            }
            if (halfClose) {
                ch.shutdownOutput();
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(65536);
            long total = 0;
            int matched = 0; // how much of CRLF CRLF has been seen at the end of the headers so far
            while (ch.read(buf) >= 0) {
                buf.flip();
                while (matched < 4 && buf.hasRemaining()) {
                    byte b = buf.get();
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                total += buf.remaining();
                buf.clear();
            }
            return total;
        }
    }

    private void fill() throws IOException {
        in.compact();
        int n = ch.read(in);
        in.flip();
        if (n < 0) {
            throw new IOException("closed");
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            while (in.hasRemaining()) {
                char c = (char) in.get();
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append(c);
            }
            fill();
        }
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            if (!in.hasRemaining()) {
                fill();
            }
            int k = Math.min(n, in.remaining());
            in.position(in.position() + k);
            n -= k;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
