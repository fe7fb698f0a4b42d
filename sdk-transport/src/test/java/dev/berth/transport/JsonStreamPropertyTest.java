package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.StreamException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link JsonStream}: random JSON objects, separated by random whitespace (or nothing) and cut into
 * random chunks, all come back; random garbage raises only {@link UncheckedIOException} or {@link StreamException}.
 *
 * <p>Fixed seeds; {@code -Dberth.fuzz.iterations=N} multiplies the case count for a longer run.
 */
class JsonStreamPropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    private static final Duration LIMIT = Duration.ofSeconds(60L * FACTOR);
    private static final String[] SEPARATORS = {"", " ", "\n", "\r\n", "\t", "  \r\n", "\r\n\r\n", "\n \t\n"};
    private static final String[] KEYS = {"status", "id", "progress", "progressDetail", "aux", "stream", "a", "",
        "\u00e9t\u00e9", "\u6f22\u5b57", "emoji\ud83d\ude00", "quote\"d", "back\\slash", "new\nline", "error2"};
    private static final String[] TEXTS = {"", "Pulling fs layer", "\u00e9\u00e8", "\u6f22", "\ud83d\udc33 whale",
        "tab\there", "\u0000nul", "\u2028sep", "} { ] [ , :", "\\", "\""};

    record Progress(String status, String id) {
    }

    // ---- JSON text generation ----------------------------------------------------------------------------------

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static void value(StringBuilder out, SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0:
                string(out, TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? r.nextInt(100) : ""));
                break;
            case 1:
                out.append(r.nextBoolean() ? r.nextInt() : r.nextLong());
                break;
            case 2:
                out.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
                break;
            case 3:
                out.append(r.nextInt(1000)).append('.').append(r.nextInt(1000)).append(r.nextBoolean() ? "e3" : "");
                break;
            case 4:
                string(out, "x".repeat(r.nextInt(3) == 0 ? r.nextInt(20_000) : r.nextInt(10)));
                break;
            case 5:
                object(out, r, depth + 1);
                break;
            default: {
                out.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',').append(r.nextBoolean() ? " " : "");
                    }
                    value(out, r, depth + 1);
                }
                out.append(']');
            }
        }
    }

    /** A random object; never one with a top-level "error" or "errorDetail" (those raise). */
    private static void object(StringBuilder out, SplittableRandom r, int depth) {
        out.append('{');
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(r.nextBoolean() ? "," : " ,\r\n ");
            }
            string(out, KEYS[r.nextInt(KEYS.length)] + i); // distinct keys
            out.append(r.nextBoolean() ? ":" : " : ");
            value(out, r, depth);
        }
        out.append('}');
    }

    /** A stream that hands out 1..maxChunk bytes per read. */
    private static FrameReaderPropertyTest.ChunkedStream chunked(byte[] data, SplittableRandom r) {
        return new FrameReaderPropertyTest.ChunkedStream(data, r, r.nextInt(3) == 0 ? 1 + r.nextInt(4)
                : 1 + r.nextInt(4000));
    }

    private static JavaType nodeType() {
        return Json.mapper().getTypeFactory().constructType(JsonNode.class);
    }

    // ---- properties ----------------------------------------------------------------------------------------

    @Test
    void everyObjectComesBackAcrossChunkBoundaries() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x15_0A5L);
            int cases = 3000 * FACTOR;
            int objects = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                int n = r.nextInt(10);
                List<JsonNode> expected = new ArrayList<>();
                StringBuilder text = new StringBuilder(r.nextBoolean() ? SEPARATORS[r.nextInt(SEPARATORS.length)] : "");
                for (int i = 0; i < n; i++) {
                    StringBuilder one = new StringBuilder();
                    object(one, r, 0);
                    expected.add(Json.mapper().readTree(one.toString()));
                    text.append(one).append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                List<JsonNode> got = new ArrayList<>();
                try (JsonStream<JsonNode> s = JsonStream.of(chunked(bytes, r), nodeType(), "GET /events")) {
                    if (r.nextBoolean()) {
                        while (s.hasNext()) {
                            got.add(s.next());
                            if (got.size() > n) {
                                fail("seed " + seed + ": more objects than written");
                            }
                        }
                    } else {
                        s.stream().forEach(got::add);
                    }
                    assertFalse(s.hasNext(), "seed " + seed);
                }
                assertEquals(expected, got, "seed " + seed);
                objects += n;
            }
            assertTrue(objects > cases * 3, "objects checked: " + objects);
        });
    }

    @Test
    void typedObjectsComeBackAndAnErrorObjectRaisesWithItsMessage() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0xE4404L);
            for (int c = 0; c < 3000 * FACTOR; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                int before = r.nextInt(6);
                StringBuilder text = new StringBuilder();
                List<Progress> expected = new ArrayList<>();
                for (int i = 0; i < before; i++) {
                    Progress p = new Progress(TEXTS[r.nextInt(TEXTS.length)] + i, r.nextBoolean() ? null : "id" + i);
                    expected.add(p);
                    text.append(Json.write(p)).append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                }
                String message = "failed \u00e9 " + TEXTS[r.nextInt(TEXTS.length)] + r.nextInt(1000);
                boolean detail = r.nextBoolean();
                text.append(detail ? Json.write(Map.of("errorDetail", Map.of("message", message), "error", "other"))
                        : Json.write(Map.of("error", message)));
                text.append(SEPARATORS[r.nextInt(SEPARATORS.length)]).append("{\"status\":\"never read\"}");
                JsonStream<Progress> s = JsonStream.of(chunked(text.toString().getBytes(StandardCharsets.UTF_8), r),
                        Progress.class, "POST /images/create");
                for (Progress want : expected) {
                    assertTrue(s.hasNext(), "seed " + seed);
                    assertEquals(want, s.next(), "seed " + seed);
                }
                try {
                    s.next();
                    fail("seed " + seed + ": an error object must raise");
                } catch (StreamException e) {
                    assertEquals(message, e.daemonMessage(), "seed " + seed);
                }
            }
        });
    }

    private static byte[] garbage(SplittableRandom r) {
        switch (r.nextInt(7)) {
            case 0: { // random bytes
                byte[] b = new byte[r.nextInt(120)];
                r.nextBytes(b);
                return b;
            }
            case 1: { // random JSON punctuation and words
                String[] tokens = {"{", "}", "[", "]", ":", ",", "\"", "\"a\"", "1", "-", "1e999999", "0x1", "true",
                    "nul", "null", " ", "\r\n", "\\", "\\u12", "\u00e9", "NaN", "'x'", "/*", "//", "\u0000", "{\"a\":"};
                StringBuilder s = new StringBuilder();
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    s.append(tokens[r.nextInt(tokens.length)]);
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 2: { // deep nesting
                int depth = 500 + r.nextInt(5000);
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                return (open.repeat(depth) + (r.nextBoolean() ? "1" : "")).getBytes(StandardCharsets.UTF_8);
            }
            case 3: // a huge number
                return ("{\"n\":" + "9".repeat(500 + r.nextInt(3000)) + "}").getBytes(StandardCharsets.UTF_8);
            case 4: { // bare values at the top: scalars, arrays, null
                String[] values = {"1", "\"text\"", "[1,2]", "null", "true", "[]", "{}", "-0.5", "[{\"status\":1}]"};
                StringBuilder s = new StringBuilder();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(values[r.nextInt(values.length)]).append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            default: { // a valid stream with bytes flipped, dropped, inserted, or cut short
                StringBuilder s = new StringBuilder();
                int n = 1 + r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    object(s, r, 0);
                    s.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                }
                byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int cut = r.nextInt(4) == 0 ? r.nextInt(b.length + 1) : b.length;
                for (int i = 0; i < cut; i++) {
                    int roll = r.nextInt(Math.max(2, b.length / 3));
                    if (roll == 0) {
                        continue;
                    }
                    out.write(roll == 1 ? r.nextInt(256) : b[i]);
                    if (roll == 2) {
                        out.write("{}[]\":,\\".charAt(r.nextInt(8)));
                    }
                }
                return out.toByteArray();
            }
        }
    }

    @Test
    void garbageRaisesOnlyUncheckedIoOrStreamException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x6A7BL);
            int refused = 0;
            int cases = 6000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                byte[] input = garbage(r);
                boolean typed = r.nextBoolean();
                JavaType type = typed ? Json.mapper().getTypeFactory().constructType(Progress.class) : nodeType();
                try (JsonStream<Object> s = JsonStream.of(chunked(input, r), type, "GET /events")) {
                    int count = 0;
                    while (s.hasNext()) {
                        Object o = s.next();
                        assertNotNull(o, () -> "seed " + seed + ": next() returned null (the stream is NONNULL)");
                        if (++count > input.length) {
                            fail("seed " + seed + ": more objects than input bytes");
                        }
                    }
                } catch (UncheckedIOException | StreamException e) {
                    refused++;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only UncheckedIOException or StreamException may "
                            + "escape, got " + e + " for " + new String(input, StandardCharsets.UTF_8), e);
                }
            }
            assertTrue(refused > cases / 4, "garbage should mostly be refused, was " + refused + " of " + cases);
        });
    }
}
