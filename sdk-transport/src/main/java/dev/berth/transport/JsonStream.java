package dev.berth.transport;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
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
 * <pre>{@code
 * try (JsonStream<Event> events = JsonStream.of(response.body(), Event.class, response.request())) {
 *     events.stream().limit(3).forEach(System.out::println);
 * }
 * }</pre>
 *
 * @param <T> the type each object is read as
 */
public final class JsonStream<T> implements Iterator<T>, Closeable {
    private final InputStream in;
    /**
     * Made on the first read, not in the constructor: Jackson reads the first bytes to detect the encoding as it
     * makes a parser, which on a quiet stream (events, a filtered follow) would block whoever opens it, before
     * they hold anything to close.
     */
    private MappingIterator<JsonNode> nodes;
    private final JavaType type;
    private final String request;

    private JsonStream(InputStream in, JavaType type, String request) throws IOException {
        this.in = in;
        this.type = type;
        this.request = request;
    }

    private MappingIterator<JsonNode> nodes() throws IOException {
        if (nodes == null) {
            nodes = Json.mapper().readerFor(JsonNode.class).readValues(in);
        }
        return nodes;
    }

    /** A stream of {@code type} objects read from {@code in}. */
    public static <T> JsonStream<T> of(InputStream in, Class<T> type, String request) {
        return of(in, Json.mapper().getTypeFactory().constructType(type), request);
    }

    /** A stream of {@code type} objects read from {@code in}. */
    public static <T> JsonStream<T> of(InputStream in, JavaType type, String request) {
        try {
            return new JsonStream<>(in, type, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether another object follows; blocks until one arrives or the stream ends.
     *
     * @throws UncheckedIOException when reading fails or the stream is not JSON
     */
    @Override
    public boolean hasNext() {
        try {
            return nodes().hasNextValue();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON stream from " + request, e);
        }
    }

    /**
     * The next object; never null.
     *
     * @throws StreamException when the daemon reported an error in the stream
     * @throws UncheckedIOException when the next value cannot be read as the type (a bare {@code null} included)
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            JsonNode node = nodes().nextValue();
            JsonNode detail = node == null ? null : node.get("errorDetail");
            if (detail != null && !detail.isNull()) {
                JsonNode message = detail.get("message");
                throw new StreamException(message != null ? message.asText() : detail.toString(), request);
            }
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && error.isTextual()) {
                throw new StreamException(error.asText(), request);
            }
            T value = node == null || node.isNull() ? null : Json.mapper().treeToValue(node, type);
            if (value == null) {
                // a bare null: the stream promises non-null elements (and callers read fields of each)
                throw new IOException("a JSON null where a value was expected");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON stream from " + request, e);
        }
    }

    /** The rest of the objects as a {@link Stream}; closing the stream closes this. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Ends the stream and frees its connection; safe from any thread. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing cancels the call; nothing is lost
        }
    }
}
