package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.StreamException;
import dev.berth.transport.internal.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A daemon that never ends a JSON document (audit finding 9) makes Berth fail with a {@link StreamException} after
 * a bounded read, and frees the connection; it does not fill the heap. Streams are bounded per message, not in
 * total: a long, valid stream of small messages reads to its end.
 */
class JsonLimitsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** How far past a limit Jackson may have read when it notices: a few of its 8 KB buffers. */
    private static final long SLACK = 64 << 10;

    record Progress(String status, String id) {
    }

    /**
     * Text made as it is read, never held: {@code piece.apply(0)}, {@code piece.apply(1)}, ... until a piece is null
     * (never, for most); records how much was read and whether it was closed.
     */
    static final class Endless extends InputStream {
        private final IntFunction<String> piece;
        private byte[] current = new byte[0];
        private int pos;
        private int index;
        long served;
        boolean closed;

        Endless(IntFunction<String> piece) {
            this.piece = piece;
        }

        /** {@code head}, then {@code unit} forever. */
        static Endless repeating(String head, String unit) {
            String many = unit.repeat(Math.max(1, 8192 / unit.length()));
            return new Endless(i -> i == 0 ? head : many);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            while (current != null && pos == current.length) {
                String next = piece.apply(index++);
                current = next == null ? null : next.getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            if (current == null) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            served += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An object with new keys forever: {@code {"k0":0,"k1":1,...}, the shape that ran the heap out. */
    private static Endless endlessObject() {
        return new Endless(i -> {
            StringBuilder s = new StringBuilder(i == 0 ? "{" : "");
            for (int k = i * 500; k < (i + 1) * 500; k++) {
                s.append("\"k").append(k).append("\":").append(k).append(',');
            }
            return s.toString();
        });
    }

    private static StreamException refused(JsonStream<?> s) {
        return assertThrows(StreamException.class, () -> {
            while (s.hasNext()) {
                s.next();
            }
        });
    }

    // ---- streams ---------------------------------------------------------------------------------------------

    @Test
    void aMessageThatNeverEndsIsRefusedAndTheStreamClosed() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Endless in = endlessObject();
            JsonStream<JsonNode> s = JsonStream.of(in, JsonNode.class, "GET /events");
            StreamException e = refused(s);
            assertTrue(e.getMessage().contains("over Berth's limit") && e.getMessage().contains("Token count"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("GET /events"), e.getMessage());
            assertTrue(in.closed, "the stream is closed, so its connection is freed");
            assertTrue(in.served <= Json.MAX_MESSAGE_BYTES + SLACK, "read " + in.served);
        });
    }

    @Test
    void aMessageOfEndlessWhitespaceStopsAtTheDocumentLimitAfterTheGoodOnes() {
        assertTimeoutPreemptively(LIMIT, () -> {
            String good = "{\"status\":\"a\"}\r\n{\"status\":\"b\"}\r\n";
            Endless in = Endless.repeating(good + "{\"status\":\"c\"", " ");
            JsonStream<Progress> s = JsonStream.of(in, Progress.class, "POST /images/create");
            assertEquals("a", s.next().status());
            assertEquals("b", s.next().status());
            StreamException e = refused(s);
            assertTrue(e.getMessage().contains("Document length"), e.getMessage());
            assertTrue(in.closed);
            long read = in.served - good.length();
            assertTrue(read >= Json.MAX_MESSAGE_BYTES && read <= Json.MAX_MESSAGE_BYTES + SLACK, "read " + read);
        });
    }

    @Test
    void anEndlessStringIsRefused() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Endless in = Endless.repeating("{\"stream\":\"", "x");
            StreamException e = refused(JsonStream.of(in, Progress.class, "POST /build"));
            // the document limit (bytes) comes before the string limit (chars): either stops it
            assertTrue(e.getMessage().contains("over Berth's limit"), e.getMessage());
            assertTrue(in.closed);
        });
    }

    @Test
    void deepNestingIsRefused() {
        int depth = Json.MAX_DEPTH + 1;
        byte[] text = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
        StreamException e = refused(JsonStream.of(new java.io.ByteArrayInputStream(text), JsonNode.class, "t"));
        assertTrue(e.getMessage().contains("Depth"), e.getMessage());
    }

    /**
     * Jackson counts bytes and tokens from a parser's start: a stream read by one parser would fail here, long
     * after its first message. 10,000 messages of 2 KiB and 200 tokens make 20 MiB and 2 million tokens.
     */
    @Test
    void manySmallMessagesBeyondTheLimitsInTotalAllComeBack() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int count = 10_000;
            StringBuilder numbers = new StringBuilder();
            for (int k = 0; k < 200; k++) {
                numbers.append(k == 0 ? "" : ",").append(k);
            }
            String tail = "\",\"progressDetail\":[" + numbers + "],\"status\":\"" + "x".repeat(1400) + "\"}\r\n";
            Endless in = new Endless(i -> i < count ? "{\"id\":\"" + i + tail : null);
            int n = 0;
            try (JsonStream<Progress> s = JsonStream.of(in, Progress.class, "POST /images/create")) {
                while (s.hasNext()) {
                    assertEquals(Integer.toString(n), s.next().id());
                    n++;
                }
            }
            assertEquals(count, n);
            assertTrue(in.served > Json.MAX_MESSAGE_BYTES, "read " + in.served);
        });
    }

    /** A parser per message must not wait for bytes past its message: a quiet stream hands out what came. */
    @Test
    void aMessageIsHandedOutWhileTheStreamStaysOpen() throws Exception {
        byte[] first = "{\"status\":\"a\"}\r\n{\"status\":\"b\"}\r\n".getBytes(StandardCharsets.UTF_8);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream quiet = new InputStream() {
            private int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == first.length) {
                    try {
                        closed.await(); // the daemon sends nothing more until the caller closes
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("closed");
                }
                int n = Math.min(len, first.length - pos);
                System.arraycopy(first, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        JsonStream<Progress> s = JsonStream.of(quiet, Progress.class, "GET /events");
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertEquals("a", s.next().status());
                assertEquals("b", s.next().status());
            });
        } finally {
            s.close();
        }
    }

    // ---- answers ---------------------------------------------------------------------------------------------

    /** An answer whose body is {@code in}, as {@link Transport} makes them. */
    private static ApiResponse answer(InputStream in) {
        Exchange exchange = new Exchange() {
            @Override
            public int code() {
                return 200;
            }

            @Override
            public String reason() {
                return "OK";
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public boolean bodyless() {
                return false;
            }

            @Override
            public InputStream body() {
                return in;
            }

            @Override
            public String errorText(long max) {
                throw new UnsupportedOperationException();
            }

            @Override
            public InputStream upgradedInput() {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.io.OutputStream upgradedOutput() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void cancel() {
                close();
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        return new ApiResponse(exchange, "GET /v1.41/info", "tcp://localhost:2375");
    }

    private static final JavaType MAP = Json.mapper().getTypeFactory()
            .constructMapType(Map.class, String.class, Object.class);

    @Test
    void anAnswerThatNeverEndsIsRefusedAtTheTokenLimitAndReleased() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Endless in = Endless.repeating("{", "\"a\":0,");
            StreamException e = assertThrows(StreamException.class, () -> answer(in).readJson(MAP));
            assertTrue(e.getMessage().contains("Token count"), e.getMessage());
            assertEquals("GET /v1.41/info", e.request());
            assertTrue(in.closed, "the answer is closed, so its connection is freed");
        });
    }

    @Test
    void anAnswerOfEndlessWhitespaceIsRefusedAtTheDocumentLimit() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Endless in = Endless.repeating("{\"a\":", "        ");
            StreamException e = assertThrows(StreamException.class, () -> answer(in).readJson(MAP));
            assertTrue(e.getMessage().contains("Document length"), e.getMessage());
            assertTrue(in.closed);
            assertTrue(in.served <= Json.MAX_ANSWER_BYTES + SLACK + (64 << 10), "read " + in.served);
        });
    }

    @Test
    void largeRealAnswersFit() {
        // docker ps -a on a host with 10,000 containers: about 15 MB
        String one = "{\"Id\":\"8dfafdbc3a40c5b3f2e9e0a4f1c8f5b5a1c6a9f2a1b6c3d4e5f60718293a4b5c\",\"Names\":[\"/web\"],"
                + "\"Image\":\"ubuntu:latest\",\"Labels\":{\"com.docker.compose.project\":\"shop\","
                + "\"com.docker.compose.service\":\"web\"},\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],"
                + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"IPAddress\":\"172.17.0.2\",\"IPPrefixLen\":16,"
                + "\"Gateway\":\"172.17.0.1\",\"MacAddress\":\"02:42:ac:11:00:02\"}}},\"State\":\"running\"}";
        String[] all = new String[10_000];
        Arrays.fill(all, one);
        byte[] body = ("[" + String.join(",", all) + "]").getBytes(StandardCharsets.UTF_8);
        java.util.List<?> list = answer(new java.io.ByteArrayInputStream(body))
                .readJson(Json.mapper().getTypeFactory().constructCollectionType(java.util.List.class, Map.class));
        assertEquals(10_000, list.size());
    }
}
