package dev.berth.transport.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One connection to the daemon and its read buffer: writes request heads, reads answer heads and lines, and hands
 * out bytes to the body streams of {@link Http1Exchange}. Used by one call at a time; {@link #drop()} from any thread.
 */
final class Http1Connection {
    /** The most an answer's head (status line and headers) or a chunk's trailers may take, as in OkHttp. */
    static final int MAX_HEAD = 256 * 1024;
    /** The longest chunk-size line accepted. */
    static final int MAX_CHUNK_LINE = 1024;

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    /** Whether any byte of the current answer arrived: a failure before that may be retried on another connection. */
    boolean answerStarted;
    /** When it went back to the pool ({@link System#nanoTime()}). */
    long idleSince;
    /** Whether it served a call already, so may have been closed by the daemon while idle. */
    boolean reused;

    Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    OutputStream output() {
        return out;
    }

    /** Sends {@code head} (latin-1: it was checked to be ASCII) and {@code content}, then flushes. */
    void write(String head, byte[] content) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (content != null && content.length > 0) {
            out.write(content);
        }
        out.flush();
    }

    /**
     * One line of a head without its CRLF (a bare LF is accepted), counting against {@code budget[0]}.
     *
     * @throws ProtocolException when the line does not end within the budget
     * @throws EOFException when the connection ends first
     */
    String readLine(int[] budget) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit && fill() < 0) {
                throw new EOFException("the connection ended in the middle of the answer's head");
            }
            int end = pos;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean found = end < limit;
            int taken = end - pos + (found ? 1 : 0);
            budget[0] -= taken;
            if (budget[0] < 0) {
                throw new ProtocolException("the answer's head is longer than " + MAX_HEAD / 1024 + " KiB");
            }
            if (line == null) {
                line = new StringBuilder(end - pos + 16);
            }
            for (int i = pos; i < end; i++) {
                line.append((char) (buffer[i] & 0xff));
            }
            pos += taken;
            if (found) {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
        }
    }

    /**
     * Reads one header line into {@code headers} (its name, then its value, both trimmed); false at the empty line that
     * ends the head. A line wholly in the buffer, the usual case, is cut into its two strings without a copy between.
     *
     * @throws ProtocolException when the line has no name, or the head outgrows the budget
     */
    boolean readHeader(int[] budget, java.util.List<String> headers) throws IOException {
        int end = pos;
        while (end < limit && buffer[end] != '\n') {
            end++;
        }
        String name;
        String value;
        if (end < limit) {
            budget[0] -= end - pos + 1;
            if (budget[0] < 0) {
                throw new ProtocolException("the answer's head is longer than " + MAX_HEAD / 1024 + " KiB");
            }
            int start = pos;
            int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
            pos = end + 1;
            if (stop == start) {
                return false;
            }
            int colon = start;
            while (colon < stop && buffer[colon] != ':') {
                colon++;
            }
            if (colon == stop || colon == start) {
                throw new ProtocolException("malformed header line: '"
                        + Http1Exchange.printable(new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1))
                        + "'");
            }
            name = latin1(start, colon);
            value = latin1(colon + 1, stop);
        } else {
            String line = readLine(budget); // split across reads: the slow way
            if (line.isEmpty()) {
                return false;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed header line: '" + Http1Exchange.printable(line) + "'");
            }
            name = line.substring(0, colon).trim();
            value = line.substring(colon + 1).trim();
        }
        headers.add(name);
        headers.add(value);
        return true;
    }

    /** The buffer's bytes {@code from} to {@code to} as latin-1 text, spaces and tabs around it left out. */
    private String latin1(int from, int to) {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) {
            from++;
        }
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
            to--;
        }
        return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Reads what is buffered, else from the socket; -1 at the connection's end. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= buffer.length) {
            int n = in.read(b, off, len); // a large read skips the copy through the buffer
            answerStarted |= n > 0;
            return n;
        }
        if (fill() < 0) {
            return -1;
        }
        return read(b, off, len);
    }

    /** Skips the CRLF after a chunk's data. */
    void readChunkEnd() throws IOException {
        int[] budget = {2};
        String rest = readLine(budget);
        if (!rest.isEmpty()) {
            throw new ProtocolException("expected the end of a chunk, got '" + rest + "'");
        }
    }

    private int fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n > 0) {
            answerStarted = true;
            pos = 0;
            limit = n;
        }
        return n;
    }

    /** Bytes read from the connection but not yet taken: what an upgraded stream must hand out first. */
    InputStream input() {
        return new BlockInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : Http1Connection.this.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return limit - pos + in.available();
            }
        };
    }

    /**
     * Whether a pooled connection still works: nothing waits unread and the daemon has not closed it. Waits a
     * millisecond for a byte; silence is health.
     */
    boolean isHealthy() {
        if (pos < limit || socket.isClosed()) {
            return false;
        }
        try {
            int before = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                in.read(buffer, 0, buffer.length);
                return false; // -1 is a closed connection, a byte is data nobody asked for
            } finally {
                socket.setSoTimeout(before);
            }
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the socket; a read or write blocked in another thread ends. */
    void drop() {
        try {
            socket.close();
        } catch (IOException e) {
            // already broken: nothing more to free
        }
    }
}
