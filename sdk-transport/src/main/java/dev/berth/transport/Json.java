package dev.berth.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.berth.errors.StreamException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one Jackson {@link ObjectMapper} Berth uses: unknown fields are ignored (newer daemons add fields), nulls are
 * not sent, and reading never closes the stream it reads (the response decides what closing means).
 *
 * <p>What the daemon sends is read within limits, so that a hostile or broken daemon cannot make Berth hold an
 * answer that never ends: an answer is at most 64 MiB and 8 million tokens; each message of a stream (progress,
 * events, stats) at most 16 MiB and 1 million tokens, however long the stream lasts; strings at most 16 Mi chars,
 * nesting at most 100 levels. Past a limit, reading fails with a {@link StreamException}.
 *
 * <pre>{@code
 * String text = Json.write(Map.of("a", 1)); // {"a":1}
 * }</pre>
 */
public final class Json {
    /**
     * The largest answer read, in bytes. {@code docker ps -a} with 10,000 containers is about 15 MB and the task
     * list of a large swarm a few tens; 64 MiB leaves room for those and still stops an answer that never ends.
     */
    static final long MAX_ANSWER_BYTES = 64L << 20;
    /**
     * The most tokens (names, values, brackets) in one answer. Engine JSON averages over 10 bytes a token, so real
     * answers reach {@link #MAX_ANSWER_BYTES} first; this one stops documents of tiny tokens ({@code [{},{},...]})
     * that cost far more memory than bytes.
     */
    static final long MAX_ANSWER_TOKENS = 8_000_000;
    /**
     * The largest message of a stream, in bytes. Progress, events and stats messages are under a few KiB, BuildKit's
     * traces under a few MiB.
     */
    static final long MAX_MESSAGE_BYTES = 16L << 20;
    /** The most tokens in one message of a stream; a stats message of a 1,024-CPU host has a few thousand. */
    static final long MAX_MESSAGE_TOKENS = 1_000_000;
    /** The longest string, in chars; the largest real ones (swarm config and secret data) are under 1 MiB. */
    static final int MAX_STRING = 16 << 20;
    /** The deepest nesting; Engine JSON nests about 10 levels (a service spec's mount options). */
    static final int MAX_DEPTH = 100;

    private static final StreamReadConstraints ANSWER = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_ANSWER_BYTES)
            .maxTokenCount(MAX_ANSWER_TOKENS)
            .maxStringLength(MAX_STRING)
            .maxNestingDepth(MAX_DEPTH)
            .build();
    /** The parsers of whole answers, with the answer limits; {@link RecordReader} and the mapper read through it. */
    static final JsonFactory ANSWERS = JsonFactory.builder()
            .streamReadConstraints(ANSWER)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /**
     * Berth's mapper, reader and writer, made on first use: an {@code ObjectMapper} costs a few hundred classes and
     * a tenth of a second at start-up (Jackson's serializers, date formats and locale data), which a program that
     * only lists or inspects does not need ({@link RecordReader} reads those answers).
     */
    static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper(ANSWERS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        static final ObjectReader READER = MAPPER.reader();
        static final ObjectWriter WRITER = MAPPER.writer();

        private Databind() {
        }
    }

    /**
     * Parses streams. Jackson counts bytes and tokens per parser, not per document: one parser for a whole stream
     * would fail an events stream after {@link #MAX_MESSAGE_BYTES} in total, so {@link JsonStream} makes a parser
     * per message, from this factory.
     */
    private static final JsonFactory MESSAGES = JsonFactory.builder()
            .streamReadConstraints(ANSWER.rebuild()
                    .maxDocumentLength(MAX_MESSAGE_BYTES)
                    .maxTokenCount(MAX_MESSAGE_TOKENS)
                    .build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private Json() {
    }


    /**
     * A new mapper configured as Berth's (its limits, unknown fields ignored, nulls left out), for reading or
     * writing Berth's models elsewhere. Berth's own mapper is never handed out: changing this copy changes nothing
     * in Berth. Each call copies; keep the copy, or use {@link #reader()} and {@link #writer()}.
     *
     * @return a mapper of one's own
     */
    public static ObjectMapper mapper() {
        return Databind.MAPPER.copy();
    }

    /** {@return Berth's reader: immutable, its {@code with...} and {@code forType} methods return new readers} */
    public static ObjectReader reader() {
        return Databind.READER;
    }

    /** {@return Berth's writer: immutable, its {@code with...} methods return new writers} */
    public static ObjectWriter writer() {
        return Databind.WRITER;
    }

    /**
     * {@return the type factory of Berth's mapper (Jackson's default one), for the {@link JavaType}s of
     * {@link Transport#json}}
     */
    public static TypeFactory typeFactory() {
        return TypeFactory.defaultInstance();
    }

    /** {@return a new, empty JSON object} */
    public static ObjectNode objectNode() {
        return Databind.MAPPER.createObjectNode();
    }

    /** {@return a new, empty JSON array} */
    public static ArrayNode arrayNode() {
        return Databind.MAPPER.createArrayNode();
    }

    /**
     * {@code value} as a JSON tree, written as Berth writes request bodies.
     *
     * @param value a model, map, list or plain value
     * @param <T> the kind of node expected
     * @return the tree
     * @throws IllegalArgumentException when {@code value} cannot be written as JSON
     */
    public static <T extends JsonNode> T valueToTree(Object value) {
        return Databind.MAPPER.valueToTree(value);
    }

    /**
     * {@code value} as JSON text.
     *
     * @param value an object Jackson can write
     * @return the JSON text
     * @throws IllegalArgumentException when Jackson cannot write the value
     */
    public static String write(Object value) {
        try {
            return Databind.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value.getClass().getName(), e);
        }
    }

    /** {@code value} as UTF-8 JSON bytes, for a request body. */
    static byte[] writeBytes(Object value) {
        try {
            return Databind.WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value.getClass().getName(), e);
        }
    }

    /**
     * A parser for the next message of a stream, with the per-message limits. It reads ahead: hand back what it
     * read past the message with {@link JsonParser#releaseBuffered(java.io.OutputStream)}.
     */
    static JsonParser messageParser(InputStream in) throws IOException {
        return MESSAGES.createParser(in);
    }

    /** The limit {@code e} (or what it wraps) reports exceeding, or null when it is another failure. */
    static StreamConstraintsException overLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return (StreamConstraintsException) t;
            }
        }
        return null;
    }
}
