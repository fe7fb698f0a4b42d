package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import dev.berth.transport.RecordSamples.Aliased;
import dev.berth.transport.RecordSamples.Checked;
import dev.berth.transport.RecordSamples.Explicit;
import dev.berth.transport.RecordSamples.Inner;
import dev.berth.transport.RecordSamples.Node;
import dev.berth.transport.RecordSamples.Outer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordReader} against Jackson's databind: the same records from the same JSON, on hand-picked answers and
 * on random ones where each property is missing, null, of its kind or of another kind, among unknown fields.
 */
class RecordReaderTest {
    private static final JavaType OUTER = Json.typeFactory().constructType(Outer.class);
    private static final JavaType OUTERS = Json.typeFactory().constructCollectionType(List.class, Outer.class);

    private static Object ours(String json, JavaType type) throws IOException {
        return RecordReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static Object jacksons(String json, JavaType type) throws IOException {
        return Json.Databind.MAPPER.readValue(json, type);
    }

    @Test
    void aWholeAnswerReadsAsJacksonReadsIt() throws IOException {
        String json = "[{\"Id\":\"abc\",\"Count\":3,\"Ratio\":0.5,\"On\":true,\"Maybe\":null,\"Big\":12345678901,"
                + "\"Tags\":[\"a\",null,\"b\"],\"Labels\":{\"x\":\"1\",\"y\":null},"
                + "\"Inner\":{\"Name\":\"n\",\"Size\":7,\"More\":{\"deep\":[1,2.5,\"s\",true,null,{}]}},"
                + "\"Inners\":[{\"Name\":\"m\"}],\"ByName\":{\"k\":{\"Size\":1}},\"Any\":{\"a\":[1,{\"b\":2}]},"
                + "\"Kind\":\"BETA\",\"Uuid\":\"123e4567-e89b-12d3-a456-426614174000\","
                + "\"Unknown\":{\"x\":1},\"Big2\":123456789012345678901234567890}]";
        Object ours = ours(json, OUTERS);
        assertEquals(jacksons(json, OUTERS), ours);
        Outer o = (Outer) ((List<?>) ours).get(0);
        assertEquals(12345678901L, o.big());
        assertEquals(java.util.Arrays.asList(1, 2.5, "s", true, null, Map.of()),
                ((Map<?, ?>) o.inner().extras().get("More")).get("deep"));
        assertEquals(new java.math.BigInteger("123456789012345678901234567890"), o.extras().get("Big2"));
        assertTrue(RecordReader.readsItself(OUTER), "Outer is read without the mapper");
    }

    @Test
    void missingPrimitivesAreZeroAndMissingObjectsNull() throws IOException {
        Outer o = (Outer) ours("{}", OUTER);
        assertEquals(new Outer(null, 0, 0.0, false, null, null, null, null, null, null, null, null, null, null,
                Map.of()), o);
        assertEquals(jacksons("{\"Count\":null,\"On\":null}", OUTER), ours("{\"Count\":null,\"On\":null}", OUTER));
        assertNull(ours("null", OUTER));
    }

    @Test
    void aRecordThatContainsItselfIsRead() throws IOException {
        JavaType node = Json.typeFactory().constructType(Node.class);
        String json = "{\"Name\":\"a\",\"Children\":[{\"Name\":\"b\",\"Children\":[{\"Name\":\"c\"}]}]}";
        assertEquals(jacksons(json, node), ours(json, node));
        assertTrue(RecordReader.readsItself(node));
    }

    @Test
    void anAnnotationTheReaderDoesNotReadLeavesTheRecordToTheMapper() throws IOException {
        JavaType aliased = Json.typeFactory().constructType(Aliased.class);
        assertEquals(new Aliased("x"), ours("{\"name\":\"x\"}", aliased));
        assertFalse(RecordReader.readsItself(aliased));
    }

    @Test
    void extrasOfAnotherValueTypeThanObjectAreLeftToTheMapper() throws IOException {
        JavaType text = Json.typeFactory().constructType(RecordSamples.TextExtras.class);
        String json = "{\"Id\":\"a\",\"N\":1,\"B\":true}";
        assertEquals(new RecordSamples.TextExtras("a", Map.of("N", "1", "B", "true")), ours(json, text));
        assertFalse(RecordReader.readsItself(text));
    }

    @Test
    void namesComeFromTheFieldsWhenTheConstructorIsWrittenOut() throws IOException {
        JavaType explicit = Json.typeFactory().constructType(Explicit.class);
        assertEquals(new Explicit("x"), ours("{\"Id\":\"x\"}", explicit));
        assertEquals(jacksons("{\"Id\":\"x\"}", explicit), ours("{\"Id\":\"x\"}", explicit));
    }

    @Test
    void aValueTheConstructorRefusesFailsAsMalformedJson() {
        JavaType checked = Json.typeFactory().constructType(Checked.class);
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> ours("{\"Port\":70000}", checked));
        assertTrue(e.getMessage().contains("port out of range: 70000"), e.getMessage());
        assertThrows(JsonProcessingException.class, () -> jacksons("{\"Port\":70000}", checked));
    }

    @Test
    void hostileAnswersFailWithinTheLimits() {
        String deep = "{\"Unknown\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertInstanceOf(StreamConstraintsException.class, assertThrows(IOException.class, () -> ours(deep, OUTER)));
        assertThrows(IOException.class, () -> ours("[{\"Id\":\"a\",\"Tags\":[\"x\"", OUTERS));
        assertThrows(IOException.class, () -> ours("{\"Id\":\"a\",}", OUTER));
        assertThrows(IOException.class, () -> ours("{\"Count\":99999999999}", OUTER));
    }

    @Test
    void randomAnswersReadAsJacksonReadsThem() {
        // each property mostly of its own kind, sometimes of any kind (Jackson coerces some: "12" for a number)
        String[][] properties = {{"Id", "string"}, {"Count", "int"}, {"Ratio", "double"}, {"On", "bool"},
            {"Maybe", "bool"}, {"Big", "long"}, {"Tags", "strings"}, {"Labels", "labels"}, {"Inner", "inner"},
            {"Inners", "inners"}, {"ByName", "byName"}, {"Any", "any"}, {"Kind", "kind"}, {"Uuid", "uuid"},
            {"Other", "any"}, {"Id2", "any"}};
        int read = 0;
        int samples = 3_000;
        for (long seed = 0; seed < samples; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder json = new StringBuilder("{");
            for (String[] property : properties) {
                if (r.nextInt(5) == 0) {
                    continue;
                }
                json.append(json.length() > 1 ? "," : "").append('"').append(property[0]).append("\":");
                typed(json, r, r.nextInt(40) == 0 ? "any" : property[1]);
            }
            String text = json.append('}').toString();
            Object expected;
            try {
                expected = jacksons(text, OUTER);
                read++;
            } catch (IOException e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = ours(text, OUTER);
            } catch (IOException e) {
                actual = e.getClass();
            }
            if (expected instanceof Class<?> && actual instanceof Class<?>) {
                continue; // both refused it (their messages differ)
            }
            assertEquals(expected, actual, "seed " + seed + ": " + text);
        }
        assertTrue(read > samples / 2, "most samples are answers Jackson reads: " + read);
    }

    private static void typed(StringBuilder json, SplittableRandom r, String kind) {
        if (r.nextInt(30) == 0) {
            json.append("null");
            return;
        }
        switch (kind) {
            case "string" -> json.append(r.nextInt(10) == 0 ? String.valueOf(r.nextInt(99)) : "\"s" + r.nextInt(9)
                    + "\"");
            case "int" -> json.append(r.nextInt(10) == 0 ? "\"" + r.nextInt(99) + "\"" : r.nextInt());
            case "long" -> json.append(r.nextInt(10) == 0 ? "\"" + r.nextInt(99) + "\"" : r.nextLong());
            case "double" -> json.append(r.nextBoolean() ? r.nextInt(100) / 8.0 : r.nextInt(100));
            case "bool" -> json.append(r.nextInt(10) == 0 ? "\"true\"" : r.nextBoolean());
            case "kind" -> json.append(r.nextBoolean() ? "\"ALPHA\"" : "\"BETA\"");
            case "uuid" -> json.append("\"123e4567-e89b-12d3-a456-42661417400").append(r.nextInt(10)).append('"');
            case "strings" -> list(json, r, "string");
            case "inners" -> list(json, r, "inner");
            case "labels" -> object(json, r, new String[] {"a", "b", "c"}, "string");
            case "byName" -> object(json, r, new String[] {"a", "b"}, "inner");
            case "inner" -> {
                json.append('{');
                String[][] fields = {{"Name", "string"}, {"Size", "long"}, {"x", "any"}, {"y", "any"}};
                boolean first = true;
                for (String[] f : fields) {
                    if (r.nextBoolean()) {
                        json.append(first ? "" : ",").append('"').append(f[0]).append("\":");
                        typed(json, r, f[1]);
                        first = false;
                    }
                }
                json.append('}');
            }
            default -> value(json, r, 0);
        }
    }

    private static void list(StringBuilder json, SplittableRandom r, String kind) {
        json.append('[');
        for (int i = r.nextInt(4); i > 0; i--) {
            typed(json, r, kind);
            json.append(i > 1 ? "," : "");
        }
        json.append(']');
    }

    private static void object(StringBuilder json, SplittableRandom r, String[] keys, String kind) {
        json.append('{');
        for (int i = r.nextInt(keys.length + 1); i > 0; i--) {
            json.append('"').append(keys[r.nextInt(keys.length)]).append("\":");
            typed(json, r, kind);
            json.append(i > 1 ? "," : "");
        }
        json.append('}');
    }

    /** A random JSON value of any kind: the property's own kind or not. */
    private static void value(StringBuilder json, SplittableRandom r, int depth) {
        switch (r.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> json.append("null");
            case 1 -> json.append('"').append(r.nextBoolean() ? "s" + r.nextInt(100) : String.valueOf(r.nextInt(50)))
                    .append('"');
            case 2 -> json.append(r.nextInt(2) == 0 ? r.nextInt(1000) : r.nextLong());
            case 3 -> json.append(r.nextInt(100) / 4.0);
            case 4 -> json.append(r.nextBoolean());
            case 5 -> json.append(r.nextBoolean() ? "\"ALPHA\"" : "\"123e4567-e89b-12d3-a456-426614174000\"");
            case 6 -> json.append("\"\"");
            case 7 -> {
                json.append('[');
                for (int i = r.nextInt(3); i > 0; i--) {
                    value(json, r, depth + 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append(']');
            }
            default -> {
                json.append('{');
                String[] keys = {"Name", "Size", "x", "Name", "k"};
                for (int i = r.nextInt(3); i > 0; i--) {
                    json.append('"').append(keys[r.nextInt(keys.length)]).append("\":");
                    value(json, r, depth + 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append('}');
            }
        }
    }
}
