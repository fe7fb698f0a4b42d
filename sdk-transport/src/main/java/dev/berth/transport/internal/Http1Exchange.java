package dev.berth.transport.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One answer read by {@link Http1Calls}: its head parsed, its body framed as RFC 9112 says (no body for HEAD, 1xx,
 * 204 and 304; chunks; a length; else up to the connection's end). Reading the body to its end gives the connection
 * back to the pool; closing before that drops it.
 */
final class Http1Exchange implements Exchange {
    private final Http1Calls calls;
    private final Http1Calls.Call call;
    private final Http1Connection connection;
    private final int code;
    private final String reason;
    /** Names and values, alternating. */
    private final List<String> headers;
    private final boolean bodyless;
    private final InputStream body;
    private boolean reusable;
    /** Set when the body ended or the exchange was closed: the connection is no longer this exchange's. */
    private volatile boolean done;

    private Http1Exchange(Http1Calls calls, Http1Calls.Call call, Http1Connection connection, int code, String reason,
            List<String> headers, boolean http11, boolean head) throws IOException {
        this.calls = calls;
        this.call = call;
        this.connection = connection;
        this.code = code;
        this.reason = reason;
        this.headers = headers;
        String connectionHeader = header("Connection");
        this.reusable = http11 && (connectionHeader == null || !connectionHeader.equalsIgnoreCase("close"));
        String encoding = header("Transfer-Encoding");
        String length = header("Content-Length");
        if (head || code == 101 || code == 204 || code == 304 || code < 200) {
            body = InputStream.nullInputStream();
            bodyless = true;
        } else if (encoding != null && isChunked(encoding)) {
            body = new Chunked();
            bodyless = false;
        } else if (length != null) {
            long n = parseLength(length);
            body = n == 0 ? InputStream.nullInputStream() : new FixedLength(n);
            bodyless = n == 0;
        } else {
            reusable = false;
            body = new UntilClose();
            bodyless = false;
        }
        if (bodyless && code != 101) {
            end();
        }
    }

    /** Reads an answer's head from {@code connection}, skipping interim {@code 1xx} answers other than 101. */
    static Http1Exchange read(Http1Calls calls, Http1Calls.Call call, Http1Connection connection, boolean head)
            throws IOException {
        int[] budget = {Http1Connection.MAX_HEAD};
        while (true) {
            String status = connection.readLine(budget);
            // HTTP/1.1 200 OK
            if (status.length() < 12 || !status.startsWith("HTTP/1.") || status.charAt(8) != ' '
                    || !isDigits(status, 9, 12) || status.length() > 12 && status.charAt(12) != ' ') {
                throw new ProtocolException("not an HTTP/1.1 status line: '" + printable(status) + "'");
            }
            int code = Integer.parseInt(status, 9, 12, 10);
            String reason = status.length() > 13 ? status.substring(13) : "";
            List<String> headers = new ArrayList<>(24);
            while (connection.readHeader(budget, headers)) {
                // each call adds one name and its value
            }
            if (code >= 100 && code < 200 && code != 101) {
                continue; // 100 Continue and the like: the real answer follows
            }
            return new Http1Exchange(calls, call, connection, code, reason, headers, status.charAt(7) == '1', head);
        }
    }

    /** Whether the last transfer coding is {@code chunked} (in any case), as the body's framing requires. */
    private static boolean isChunked(String encoding) {
        int n = "chunked".length();
        String e = encoding.trim();
        return e.length() >= n && e.regionMatches(true, e.length() - n, "chunked", 0, n);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseLength(String value) throws ProtocolException {
        if (value.isEmpty() || value.length() > 18 || !isDigits(value, 0, value.length())) {
            throw new ProtocolException("invalid Content-Length: '" + printable(value) + "'");
        }
        return Long.parseLong(value);
    }

    /** At most 200 characters, control characters as {@code ?}: a hostile answer's text for a message. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 200 ? sb.append("...").toString() : sb.toString();
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public @Nullable String header(String name) {
        for (int i = headers.size() - 2; i >= 0; i -= 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    @Override
    public boolean bodyless() {
        return bodyless;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public String errorText(long max) throws IOException {
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            for (int n; text.size() < max && (n = body.read(b, 0, (int) Math.min(b.length, max - text.size()))) > 0; ) {
                text.write(b, 0, n);
            }
            return text.toString(StandardCharsets.UTF_8);
        } finally {
            close();
        }
    }

    @Override
    public InputStream upgradedInput() {
        return connection.input();
    }

    @Override
    public OutputStream upgradedOutput() {
        OutputStream out = connection.output();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
                connection.socket.shutdownOutput(); // EOF for the process; its output can still be read
            }
        };
    }

    @Override
    public void cancel() {
        call.cancel();
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        connection.drop(); // the body was not read to its end: what is left of it must not reach the next call
        call.finished();
    }

    /** The body ended where the answer said: the connection may serve the next call. */
    private void end() {
        if (done) {
            return;
        }
        done = true;
        call.finished();
        if (reusable && code != 101 && call.release()) {
            calls.release(connection);
        } else {
            connection.drop();
        }
    }

    /** A failed read: the call's own timeout, when it caused it, says so; else the failure as it is. */
    private IOException failed(IOException e) {
        if (call.timedOut()) {
            InterruptedIOException timeout = new InterruptedIOException("timeout (" + call.timeoutWords() + ")");
            timeout.initCause(e);
            return timeout;
        }
        return e;
    }

    private abstract class Body extends BlockInputStream {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                return readSome(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        abstract int readSome(byte[] b, int off, int len) throws IOException;

        @Override
        public void close() {
            Http1Exchange.this.close();
        }
    }

    /** A body of {@code Content-Length} bytes. */
    private final class FixedLength extends Body {
        private long left;

        FixedLength(long length) {
            this.left = length;
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = connection.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new ProtocolException("unexpected end of stream: " + left + " bytes of the body missing");
            }
            left -= n;
            if (left == 0) {
                end();
            }
            return n;
        }
    }

    /** A chunked body: size lines in hex, each chunk's data, a last chunk of 0, trailers. */
    private final class Chunked extends Body {
        private long left;
        private boolean first = true;
        private boolean ended;

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                if (!first) {
                    connection.readChunkEnd();
                }
                first = false;
                left = chunkSize();
                if (left == 0) {
                    int[] budget = {Http1Connection.MAX_HEAD};
                    while (!connection.readLine(budget).isEmpty()) {
                        // trailers: nothing Berth reads
                    }
                    ended = true;
                    end();
                    return -1;
                }
            }
            int n = connection.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new ProtocolException("unexpected end of stream in the middle of a chunk");
            }
            left -= n;
            return n;
        }

        private long chunkSize() throws IOException {
            int[] budget = {Http1Connection.MAX_CHUNK_LINE};
            String line;
            try {
                line = connection.readLine(budget);
            } catch (EOFException e) {
                throw new ProtocolException("unexpected end of stream before the next chunk");
            }
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new ProtocolException("invalid chunk size: '" + printable(line) + "'");
            }
            long size = 0;
            for (int i = 0; i < hex.length(); i++) {
                int digit = Character.digit(hex.charAt(i), 16);
                if (digit < 0) {
                    throw new ProtocolException("invalid chunk size: '" + printable(line) + "'");
                }
                size = size * 16 + digit;
            }
            return size;
        }
    }

    /** A body with neither length nor chunks: it ends where the daemon closes the connection. */
    private final class UntilClose extends Body {
        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            int n = connection.read(b, off, len);
            if (n < 0) {
                end();
            }
            return n;
        }
    }
}
