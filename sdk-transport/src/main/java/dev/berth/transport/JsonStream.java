package dev.berth.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.CallCancelledException;
import dev.berth.errors.StreamException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Decodes a stream of JSON objects, one after another (progress of pull, push, build and load; events; stats),
 * in the caller's thread. Whitespace and {@code \r\n} between objects are fine. An object carrying
 * {@code errorDetail} (or a bare {@code error}) is the daemon reporting a failure inside a 200 answer: it raises
 * {@link StreamException} instead of being returned.
 *
 * <p>Each object is read within the per-message limits of {@link Json} (16 MiB, 1 million tokens), however long
 * the stream runs: an object that never ends raises {@link StreamException} and closes the stream instead of
 * filling the heap.
 *
 * <p>A stopped call (an interrupt, a close, a deadline: see {@link Transport}) raises
 * {@link dev.berth.errors.CallCancelledException} from {@link #hasNext} and {@link #next}.
 *
 * <pre>{@code
 * try (JsonStream<Event> events = JsonStream.of(response.body(), Event.class, response.request())) {
 *     events.stream().limit(3).forEach(System.out::println);
 * }
 * }</pre>
 *
 * @param <T> the type each object is read as
 */
public final class JsonStream<T> implements Iterator<T>, Closeable {
    private final Source in;
    private final JavaType type;
    private final String request;
    /**
     * The parser of the object {@link #hasNext} found, on its first token; null before. One parser per object, so
     * that Jackson's document limits, which count from a parser's start, bound each object rather than the stream.
     * Made when the object is looked for, not in the constructor: Jackson reads the first bytes to detect the
     * encoding as it makes a parser, which on a quiet stream (events, a filtered follow) would block whoever opens
     * it, before they hold anything to close. (That detection reads 4 bytes, or to the end: an object shorter than
     * that, such as {@code {}}, with nothing after it yet, waits for what follows. The daemon sends no such thing.)
     */
    private JsonParser parser;
    private boolean ended;

    private JsonStream(InputStream in, JavaType type, String request) {
        this.in = new Source(in);
        this.type = type;
        this.request = request;
    }

    /**
     * A stream of {@code type} objects read from {@code in}.
     *
     * @param <T> the type each object is read as
     * @param in the body: JSON objects one after another, with or without line breaks between them
     * @param type the class each object is read as
     * @param request the method and path of the stream's request, for messages
     * @return a stream that reads nothing until {@link #hasNext()} is called
     */
    public static <T> JsonStream<T> of(InputStream in, Class<T> type, String request) {
        return of(in, Json.typeFactory().constructType(type), request);
    }

    /**
     * A stream of {@code type} objects read from {@code in}.
     *
     * @param <T> the type each object is read as
     * @param in the body: JSON objects one after another, with or without line breaks between them
     * @param type the type each object is read as, for generic types
     * @param request the method and path of the stream's request, for messages
     * @return a stream that reads nothing until {@link #hasNext()} is called
     */
    public static <T> JsonStream<T> of(InputStream in, JavaType type, String request) {
        return new JsonStream<>(in, type, request);
    }

    /**
     * Whether another object follows; blocks until one starts or the stream ends.
     *
     * @throws StreamException when the next object is over a limit (the stream is then closed)
     * @throws UncheckedIOException when reading fails or the stream is not JSON
     */
    @Override
    public boolean hasNext() {
        if (parser != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        JsonParser p = null;
        try {
            p = Json.messageParser(in);
            if (p.nextToken() == null) {
                ended = true;
                p.close();
                return false;
            }
            parser = p;
            return true;
        } catch (IOException e) {
            closeQuietly(p);
            throw failed(e);
        }
    }

    /**
     * The next object; never null.
     *
     * @throws StreamException when the daemon reported an error in the stream, or the object is over a limit (the
     *         stream is then closed)
     * @throws UncheckedIOException when the next value cannot be read as the type (a bare {@code null} included)
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonParser p = parser;
        parser = null;
        JsonNode node;
        try (p) {
            node = Json.Databind.MAPPER.readTree(p);
            in.unread(p);
        } catch (IOException e) {
            throw failed(e);
        }
        try {
            JsonNode detail = node.get("errorDetail");
            if (detail != null && !detail.isNull()) {
                JsonNode message = detail.get("message");
                throw new StreamException(message != null ? message.asText() : detail.toString(), request);
            }
            JsonNode error = node.get("error");
            if (error != null && error.isTextual()) {
                throw new StreamException(error.asText(), request);
            }
            T value = node.isNull() ? null : Json.Databind.MAPPER.treeToValue(node, type);
            if (value == null) {
                // a bare null: the stream promises non-null elements (and callers read fields of each)
                throw new IOException("a JSON null where a value was expected");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON stream from " + request, e);
        }
    }

    /**
     * Says what went wrong. Past a limit the rest of the object is unread and would be the daemon's to send
     * forever: the stream is closed, which frees the connection even if the caller forgets to.
     */
    private RuntimeException failed(IOException e) {
        CallCancelledException cancelled = ApiResponse.cancellation(e);
        if (cancelled != null) {
            return cancelled; // wrapped by Jackson on its way up: the call was stopped, the JSON is fine
        }
        StreamConstraintsException limit = Json.overLimit(e);
        if (limit != null) {
            close();
            return new StreamException("a JSON message from the daemon is over Berth's limit: "
                    + limit.getOriginalMessage(), request);
        }
        return new UncheckedIOException("reading a JSON stream from " + request, e);
    }

    private static void closeQuietly(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException ignored) {
                // the parser does not own the stream; nothing to free
            }
        }
    }

    /**
     * The rest of the objects as a {@link Stream}; closing the stream closes this.
     *
     * @return a sequential, lazily read stream of the objects not read yet
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Ends the stream and frees its connection; safe from any thread. */
    @Override
    public void close() {
        try {
            in.in.close();
        } catch (IOException e) {
            // closing cancels the call; nothing is lost
        }
    }

    /**
     * The body, buffered, so that what a message's parser read past the message's end can be put back in front of
     * the rest: usually by stepping back in the buffer, as those are the last bytes it handed out.
     */
    private static final class Source extends InputStream {
        final InputStream in;
        /** {@code buf[0, pos)} has been handed out, in order, since it was filled; {@code buf[pos, limit)} not yet. */
        private byte[] buf = new byte[8192];
        private int pos;
        private int limit;
        private final ByteArrayOutputStream ahead = new ByteArrayOutputStream(8192);

        Source(InputStream in) {
            this.in = in;
        }

        /** Puts back what {@code p} read past its message: the start of the next one. */
        void unread(JsonParser p) throws IOException {
            ahead.reset();
            p.releaseBuffered(ahead);
            int n = ahead.size();
            if (n <= pos) {
                pos -= n; // the last n bytes handed out, still here
                return;
            }
            // p's read-ahead spans a refill of buf (its first reads, or a token across two reads): copy it back
            byte[] joined = new byte[Math.max(buf.length, n + limit - pos)];
            System.arraycopy(ahead.toByteArray(), 0, joined, 0, n);
            System.arraycopy(buf, pos, joined, n, limit - pos);
            limit = n + limit - pos;
            pos = 0;
            buf = joined;
        }

        /** Whether there is a byte to hand out, reading more when needed (and so blocking). */
        private boolean fill() throws IOException {
            if (pos < limit) {
                return true;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
