package dev.berth.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What the untyped value at one place of an answer looked like the last time it was read: for an object, the name at
 * each position and the shape of the value there; for an array, the shape of its elements. Reading the same place
 * again, the parser is asked to match the name expected at each position against the bytes where it stands
 * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}), which skips its symbol table:
 * the fields a record keeps as untyped extras ({@code NetworkSettings}, {@code HostConfig}, {@code Mounts} of a
 * container list) were half of a list's reading, and a quarter of that was the table's lookups.
 *
 * <p>A shape is a hint, never trusted: a name that does not match is read as the parser finds it, and remembered in
 * its place. What it holds is bounded, whatever the daemon sends: {@value #POSITIONS} names per object of at most
 * {@value #LONGEST_NAME} characters each, and the shapes made under one record type share one budget of
 * {@value #BUDGET}. Racy on purpose: each slot holds one
 * immutable name or one shape, and a stale one only costs a failed comparison.
 */
final class UntypedShape {
    /** Names remembered per object; the fields after them are read without a hint. */
    static final int POSITIONS = 32;
    /** Shapes made under one record type, at most: what a hostile daemon's answers can make the reader keep. */
    static final int BUDGET = 256;
    /** The longest name remembered (the daemon's are far shorter): what one remembered name can weigh. */
    static final int LONGEST_NAME = 128;

    private final AtomicInteger budget;
    /** The name met at each position (package-private for the test of the bound). */
    final SerializedString[] names = new SerializedString[POSITIONS];
    /** The shapes of the objects and arrays at each position (of the elements, at 0, for an array). */
    private final UntypedShape[] values = new UntypedShape[POSITIONS];

    /** Untyped values read without a shape. */
    static final RecordReader.ValueReader UNSHAPED = p -> read(p, null);

    private UntypedShape(AtomicInteger budget) {
        this.budget = budget;
    }

    /** A root shape drawing on {@code budget}; null once the budget is spent. */
    static @Nullable UntypedShape root(AtomicInteger budget) {
        // checked first so that a spent budget is never counted further down (nor wraps around)
        return budget.get() > 0 && budget.getAndDecrement() > 0 ? new UntypedShape(budget) : null;
    }

    /**
     * Reads the value the parser is at, as Jackson's untyped values (maps, lists, strings, numbers, booleans), using
     * and updating {@code shape} when there is one.
     */
    static @Nullable Object read(JsonParser p, @Nullable UntypedShape shape) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return shape != null ? shape.readObject(p) : RecordReader.readObject(p, UNSHAPED);
            case START_ARRAY:
                UntypedShape elements = shape == null ? null : shape.valueShape(0);
                return RecordReader.readArray(p, elements == null ? UNSHAPED : q -> read(q, elements));
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return Json.Databind.MAPPER.readValue(p, Object.class);
        }
    }

    private Map<String, @Nullable Object> readObject(JsonParser p) throws IOException {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int position = 0; ; position++) {
            SerializedString expected = position < POSITIONS ? names[position] : null;
            String name;
            if (RecordReader.nextFieldIs(p, expected)) {
                name = expected.getValue();
            } else {
                if (p.currentToken() != JsonToken.FIELD_NAME) {
                    break;
                }
                name = p.currentName();
                if (position < POSITIONS && name.length() <= LONGEST_NAME) {
                    names[position] = new SerializedString(name);
                }
            }
            JsonToken t = p.nextToken();
            boolean nested = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
            map.put(name, read(p, nested && position < POSITIONS ? valueShape(position) : null));
        }
        RecordReader.expect(p, JsonToken.END_OBJECT);
        return map;
    }

    private @Nullable UntypedShape valueShape(int position) {
        UntypedShape s = values[position];
        if (s == null) {
            s = root(budget);
            values[position] = s;
        }
        return s;
    }
}
