package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link UntypedShape}: what it reads is Jackson's untyped reading whatever shape it learned before, and what it keeps
 * stays within its budget whatever the answers.
 */
class UntypedShapeTest {

    private static Object shaped(String json, UntypedShape shape) throws IOException {
        try (JsonParser p = Json.ANSWERS.createParser(json)) {
            p.nextToken();
            return UntypedShape.read(p, shape);
        }
    }

    @Test
    void answersOfChangingShapesReadAsJacksonReadsThem() throws IOException {
        AtomicInteger budget = new AtomicInteger(UntypedShape.BUDGET);
        UntypedShape shape = UntypedShape.root(budget);
        for (long seed = 0; seed < 2_000; seed++) {
            // a few shapes repeated (the daemon's case), then names reordered, added, dropped, changed in kind
            SplittableRandom r = new SplittableRandom(seed % 7 == 0 ? seed : seed % 3);
            StringBuilder json = new StringBuilder();
            value(json, r, 0);
            String text = json.toString();
            assertEquals(Json.Databind.MAPPER.readValue(text, Object.class), shaped(text, shape), text);
        }
    }

    @Test
    void whatShapesKeepIsBoundedWhateverTheAnswers() throws IOException {
        AtomicInteger budget = new AtomicInteger(UntypedShape.BUDGET);
        UntypedShape shape = UntypedShape.root(budget);
        for (int i = 0; i < 200; i++) {
            // 40 objects deep, each with 40 more objects and arrays, all named anew: more than is kept
            StringBuilder json = new StringBuilder();
            for (int depth = 0; depth < 40; depth++) {
                json.append("{\"next").append(i).append("\":");
            }
            json.append("null");
            for (int depth = 0; depth < 40; depth++) {
                for (int f = 0; f < 40; f++) {
                    json.append(",\"f").append(i).append('_').append(f).append("\":{\"x\":[{\"y\":").append(f)
                            .append("}]}");
                }
                json.append('}');
            }
            String text = json.toString();
            assertEquals(Json.Databind.MAPPER.readValue(text, Object.class), shaped(text, shape));
        }
        assertTrue(budget.get() <= 0 && budget.get() > -2, "budget spent, never counted past: " + budget.get());
        assertNull(UntypedShape.root(budget), "no shape once the budget is spent");
        assertTrue(budget.get() > -2, "a spent budget is not counted down further: " + budget.get());
    }

    @Test
    void aLongNameIsReadButNotRemembered() throws IOException {
        UntypedShape shape = UntypedShape.root(new AtomicInteger(UntypedShape.BUDGET));
        String longName = "n".repeat(UntypedShape.LONGEST_NAME + 1);
        String text = "{\"short\":1,\"" + longName + "\":2}";
        for (int i = 0; i < 2; i++) {
            assertEquals(Json.Databind.MAPPER.readValue(text, Object.class), shaped(text, shape));
        }
        assertEquals("short", shape.names[0].getValue());
        assertNull(shape.names[1], "a name longer than " + UntypedShape.LONGEST_NAME + " is not kept");
    }

    /** A random JSON value: objects whose names come from a small set, so shapes partly match. */
    private static void value(StringBuilder json, SplittableRandom r, int depth) {
        switch (r.nextInt(depth > 4 ? 7 : 10)) {
            case 0 -> json.append("null");
            case 1 -> json.append("\"s").append(r.nextInt(100)).append('"');
            case 2 -> json.append(r.nextBoolean() ? r.nextInt(1000) : r.nextLong());
            case 3 -> json.append(r.nextInt(100) / 4.0);
            case 4 -> json.append(r.nextBoolean());
            case 5 -> json.append("\"\\u00e9t\\u00e9 \\\"q\\\"\"");
            case 6 -> json.append("123456789012345678901234567890");
            case 7 -> {
                json.append('[');
                for (int i = r.nextInt(4); i > 0; i--) {
                    value(json, r, depth + 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append(']');
            }
            default -> {
                json.append('{');
                String[] keys = {"Name", "Size", "x", "Name", "k", "IPAddress", "\\u004eame", "Networks"};
                for (int i = r.nextInt(5); i > 0; i--) {
                    json.append('"').append(keys[r.nextInt(keys.length)]).append("\":");
                    value(json, r, depth + 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append('}');
            }
        }
    }
}
