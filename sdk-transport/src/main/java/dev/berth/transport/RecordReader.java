package dev.berth.transport;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Reads answers into records straight from jackson-core's parser, without Jackson's databind: a program's first
 * {@code list} or {@code inspect} then makes no {@code ObjectMapper} (a tenth of a second at start-up), and every
 * answer costs less CPU. It reads records named by {@code @JsonProperty}, with an {@code @JsonAnySetter} map for
 * the fields they do not model, whose components are strings, numbers, booleans, untyped values, lists,
 * string-keyed maps and such records.
 *
 * <p>Whatever else it meets, a type it does not read (an enum, an {@code Instant}, a record with a
 * {@code @JsonCreator} or an annotation it does not know) or a value of another JSON kind than the type's (a number
 * where a string is expected), it hands to Berth's mapper at that very value: the result is then Jackson's, by
 * construction, and what it reads itself is checked against Jackson's by {@code RecordReaderTest}.
 */
final class RecordReader {
    private static final ConcurrentHashMap<JavaType, ValueReader> READERS = new ConcurrentHashMap<>();

    private RecordReader() {
    }

    /** Reads one value; the parser is at the value's first token, and is left at its last. */
    interface ValueReader {
        @Nullable Object read(JsonParser p) throws IOException;
    }

    /**
     * Reads the first JSON value of {@code in} as {@code type}; the stream is left open.
     *
     * @throws IOException when the stream fails, or the JSON is malformed or does not fit the type
     */
    @SuppressWarnings("unchecked")
    static <T> @Nullable T read(InputStream in, JavaType type) throws IOException {
        try (JsonParser p = Json.ANSWERS.createParser(in)) {
            if (p.nextToken() == null) {
                return Json.Databind.MAPPER.readValue(p, type); // Jackson's own answer to an empty body
            }
            ValueReader reader = READERS.get(type);
            return (T) (reader != null ? reader : readerFor(type, new HashMap<>())).read(p);
        }
    }

    /** Whether records of {@code type} are made by this reader rather than by the mapper (for tests). */
    static boolean readsItself(JavaType type) {
        return readerFor(type, new HashMap<>()) instanceof RecordType;
    }

    private static ValueReader readerFor(JavaType type, Map<JavaType, ValueReader> building) {
        ValueReader r = READERS.get(type);
        if (r == null) {
            r = building.get(type); // a record that contains itself, being made
        }
        if (r == null) {
            r = make(type, building);
            if (building.isEmpty()) { // complete: no record it refers to is still being made
                READERS.putIfAbsent(type, r);
            }
        }
        return r;
    }

    private static ValueReader make(JavaType type, Map<JavaType, ValueReader> building) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return new Scalar(type, Kind.STRING);
        } else if (raw == int.class || raw == Integer.class) {
            return new Scalar(type, Kind.INT);
        } else if (raw == long.class || raw == Long.class) {
            return new Scalar(type, Kind.LONG);
        } else if (raw == double.class || raw == Double.class) {
            return new Scalar(type, Kind.DOUBLE);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return new Scalar(type, Kind.BOOLEAN);
        } else if (raw == Object.class) {
            return UntypedShape.UNSHAPED;
        } else if (raw == List.class) {
            return new Container(type, JsonToken.START_ARRAY, readerFor(type.getContentType(), building));
        } else if (raw == Map.class && type.getKeyType().getRawClass() == String.class) {
            return new Container(type, JsonToken.START_OBJECT, readerFor(type.getContentType(), building));
        } else if (raw.isRecord() && readable(raw)) {
            RecordType record = new RecordType(type, raw);
            building.put(type, record);
            record.resolve(building);
            building.remove(type);
            return record;
        }
        return new ByMapper(type);
    }

    /**
     * Whether {@code c} is a record this reader makes as Jackson would: public and reachable, generic in nothing,
     * made by its canonical constructor, with no Jackson annotation beyond the ones it reads.
     */
    private static boolean readable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        if (c.getTypeParameters().length > 0
                || !c.getModule().isExported(c.getPackageName(), RecordReader.class.getModule())
                || !onlyKnownAnnotations(c)) {
            return false;
        }
        for (var m : c.getDeclaredMethods()) {
            if (hasJacksonAnnotation(m) && !m.isAnnotationPresent(JsonProperty.class)
                    && !m.isAnnotationPresent(JsonAnyGetter.class) && !m.isAnnotationPresent(JsonAnySetter.class)) {
                return false; // a @JsonCreator factory, a @JsonIgnore'd accessor, a @JsonValue...
            }
        }
        for (var field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            if (!onlyKnownAnnotations(field)
                    || field.isAnnotationPresent(JsonAnySetter.class) && !isUntypedMap(field.getGenericType())) {
                return false; // extras of a type other than Map<String, Object> would need their values converted
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (hasJacksonAnnotation(k)) {
                return false;
            }
        }
        Constructor<?> canonical = canonical(c);
        if (!Modifier.isPublic(canonical.getModifiers())) {
            return false;
        }
        for (Parameter p : canonical.getParameters()) {
            if (!onlyKnownAnnotations(p)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUntypedMap(java.lang.reflect.Type t) {
        return t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == Object.class;
    }

    private static boolean hasJacksonAnnotation(AnnotatedElement e) {
        for (Annotation a : e.getDeclaredAnnotations()) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Jackson annotations on {@code e} only name properties, gather the rest, or shape the output. */
    private static boolean onlyKnownAnnotations(AnnotatedElement e) {
        for (Annotation a : e.getDeclaredAnnotations()) {
            if (!a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                continue;
            }
            boolean known = a instanceof JsonProperty jp && jp.access() == JsonProperty.Access.AUTO
                    || a instanceof JsonAnySetter || a instanceof JsonAnyGetter
                    || a instanceof JsonInclude || a instanceof JsonPropertyOrder
                    || a instanceof JsonIgnoreProperties ip && ip.value().length == 0 && !ip.allowSetters();
            if (!known) {
                return false;
            }
        }
        return true;
    }

    private static Constructor<?> canonical(Class<?> c) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return c.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + c, e);
        }
    }

    private enum Kind {
        STRING, INT, LONG, DOUBLE, BOOLEAN
    }

    /** A string, number or boolean; a value of another kind (or a null for a primitive) goes to the mapper. */
    private record Scalar(JavaType type, Kind kind) implements ValueReader {
        @Override
        public @Nullable Object read(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL && !type.isPrimitive()) {
                return null;
            }
            switch (kind) {
                case STRING:
                    if (t == JsonToken.VALUE_STRING) {
                        return p.getText();
                    }
                    break;
                case INT:
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getIntValue();
                    }
                    break;
                case LONG:
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getLongValue();
                    }
                    break;
                case DOUBLE:
                    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getDoubleValue();
                    }
                    break;
                default:
                    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                        return t == JsonToken.VALUE_TRUE;
                    }
                    break;
            }
            return Json.Databind.MAPPER.readValue(p, type);
        }
    }

    /** A type this reader leaves to Berth's mapper. */
    private record ByMapper(JavaType type) implements ValueReader {
        @Override
        public @Nullable Object read(JsonParser p) throws IOException {
            return Json.Databind.MAPPER.readValue(p, type);
        }
    }

    /** The members of the object the parser is at, each read by {@code values}, in the answer's order. */
    static Map<String, @Nullable Object> readObject(JsonParser p, ValueReader values) throws IOException {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            map.put(name, values.read(p));
        }
        expect(p, JsonToken.END_OBJECT);
        return map;
    }

    /** The elements of the array the parser is at, each read by {@code elements}. */
    static List<@Nullable Object> readArray(JsonParser p, ValueReader elements) throws IOException {
        List<@Nullable Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expectValue(p, t);
            list.add(elements.read(p));
        }
        return list;
    }

    /**
     * A JSON object or array of a known type: null for a JSON null, the mapper's reading for a value of another kind,
     * else {@link #contents}.
     */
    private abstract static class Structure implements ValueReader {
        final JavaType type;
        final JsonToken start;

        Structure(JavaType type, JsonToken start) {
            this.type = type;
            this.start = start;
        }

        @Override
        public final @Nullable Object read(JsonParser p) throws IOException {
            JsonToken first = p.currentToken();
            if (first == JsonToken.VALUE_NULL) {
                return null;
            }
            return first == start ? contents(p) : Json.Databind.MAPPER.readValue(p, type);
        }

        /** Reads the value from its first token, {@code start}, to its last. */
        abstract Object contents(JsonParser p) throws IOException;
    }

    /** {@code List<T>} as an {@code ArrayList}, or {@code Map<String, T>} as a {@code LinkedHashMap} in order. */
    private static final class Container extends Structure {
        private final ValueReader members;

        Container(JavaType type, JsonToken start, ValueReader members) {
            super(type, start);
            this.members = members;
        }

        @Override
        Object contents(JsonParser p) throws IOException {
            return start == JsonToken.START_ARRAY ? readArray(p, members) : readObject(p, members);
        }
    }

    /** A record: its properties by name, the rest into its {@code @JsonAnySetter} map (or skipped). */
    private static final class RecordType extends Structure {
        private final Constructor<?> constructor;
        private final Parameter[] parameters;
        private final Map<String, Integer> index = new HashMap<>();
        /**
         * What the field at each position of the last object read was: the daemon writes an object's fields in the
         * same order every time, so the parser is asked to match the expected name's bytes where it stands
         * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}), which skips its
         * symbol table and our hash lookup both. Racy on purpose: a slot is one immutable object.
         */
        private final Slot[] slots;
        private final ValueReader[] components;
        /** What a component the answer leaves out gets: null, or a primitive's zero. */
        private final Object[] defaults;
        /** The component that gathers the fields the record does not name; -1 for none. */
        private int extras = -1;
        /** What the shapes of the extras' values may hold, for all of them: see {@link UntypedShape}. */
        private final AtomicInteger shapeBudget = new AtomicInteger(UntypedShape.BUDGET);

        RecordType(JavaType type, Class<?> c) {
            super(type, JsonToken.START_OBJECT);
            this.constructor = canonical(c);
            this.parameters = constructor.getParameters();
            this.components = new ValueReader[parameters.length];
            this.slots = new Slot[Math.min(parameters.length + 16, 128)];
            this.defaults = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                Class<?> t = parameters[i].getType();
                defaults[i] = t.isPrimitive() ? defaultOf(t) : null;
            }
        }

        /**
         * A field name seen at a position, its component's index (-1: not a component), and for a field the
         * record keeps in its extras, the shape of its value there (which outlives a change of name: the budget
         * is never spent twice on one position).
         */
        private record Slot(SerializedString name, int component, @Nullable UntypedShape shape) {
        }

        /** The slot for the field {@code name} at {@code position} of the object, remembered there. */
        private Slot slot(String name, int position) {
            Integer i = index.get(name);
            int component = i == null ? -1 : i;
            if (position >= slots.length || name.length() > UntypedShape.LONGEST_NAME) {
                return new Slot(new SerializedString(name), component, null); // not remembered
            }
            UntypedShape shape = slots[position] != null ? slots[position].shape : null;
            if (shape == null && component < 0 && extras >= 0) {
                shape = UntypedShape.root(shapeBudget);
            }
            Slot slot = new Slot(new SerializedString(name), component, shape);
            slots[position] = slot;
            return slot;
        }

        /**
         * Names the components and finds their readers. The names come from the component's field: a record's
         * annotations reach its fields always, its constructor's parameters only when the constructor is not
         * written out in full.
         */
        void resolve(Map<JavaType, ValueReader> building) {
            Class<?> c = constructor.getDeclaringClass();
            RecordComponent[] rc = c.getRecordComponents();
            TypeFactory types = TypeFactory.defaultInstance();
            for (int i = 0; i < parameters.length; i++) {
                AnnotatedElement field = field(c, rc[i].getName());
                if (field.isAnnotationPresent(JsonAnySetter.class)
                        || parameters[i].isAnnotationPresent(JsonAnySetter.class)) {
                    extras = i;
                    continue;
                }
                JsonProperty name = field.getAnnotation(JsonProperty.class);
                if (name == null) {
                    name = parameters[i].getAnnotation(JsonProperty.class);
                }
                index.put(name != null && !name.value().isEmpty() ? name.value() : rc[i].getName(), i);
                components[i] = readerFor(types.constructType(parameters[i].getParameterizedType()), building);
            }
        }

        @Override
        Object contents(JsonParser p) throws IOException {
            Object[] args = new Object[components.length];
            // as Jackson: an empty map, not null, when every field was named
            Map<String, @Nullable Object> rest = extras >= 0 ? new LinkedHashMap<>() : null;
            for (int position = 0; ; position++) {
                Slot slot = position < slots.length ? slots[position] : null;
                if (!nextFieldIs(p, slot == null ? null : slot.name)) { // not the name the daemon sent here last time
                    if (p.currentToken() != JsonToken.FIELD_NAME) {
                        break;
                    }
                    slot = slot(p.currentName(), position);
                }
                p.nextToken();
                int i = slot.component;
                if (i >= 0) {
                    args[i] = components[i].read(p);
                } else if (rest != null) {
                    rest.put(slot.name.getValue(), UntypedShape.read(p, slot.shape));
                } else {
                    p.skipChildren();
                }
            }
            expect(p, JsonToken.END_OBJECT);
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    args[i] = defaults[i];
                }
            }
            if (extras >= 0) {
                args[extras] = rest;
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new JsonParseException(p, "cannot make " + type.getRawClass().getSimpleName() + ": "
                        + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new JsonParseException(p, "cannot make " + type.getRawClass().getSimpleName() + ": " + e, e);
            }
        }

        private static AnnotatedElement field(Class<?> c, String name) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record component without its field: " + c + "." + name, e);
            }
        }

        private static Object defaultOf(Class<?> primitive) {
            if (primitive == boolean.class) {
                return Boolean.FALSE;
            } else if (primitive == int.class) {
                return 0;
            } else if (primitive == long.class) {
                return 0L;
            } else if (primitive == double.class) {
                return 0.0;
            } else if (primitive == float.class) {
                return 0.0f;
            } else if (primitive == short.class) {
                return (short) 0;
            } else if (primitive == byte.class) {
                return (byte) 0;
            }
            return '\0';
        }
    }

    /**
     * Moves to the next field of an object and says whether it is named {@code expected}, matched on its bytes where
     * the parser stands, which skips the parser's symbol table. When not (or with nothing expected), the parser stands
     * at that other field's name, or at the object's end.
     */
    static boolean nextFieldIs(JsonParser p, @Nullable SerializedString expected) throws IOException {
        if (expected != null) {
            return p.nextFieldName(expected);
        }
        p.nextToken();
        return false;
    }

    static void expect(JsonParser p, JsonToken expected) throws IOException {
        if (p.currentToken() != expected) {
            throw new JsonParseException(p, "expected " + expected + ", found " + p.currentToken());
        }
    }

    static void expectValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null || t == JsonToken.END_OBJECT || t == JsonToken.FIELD_NAME) {
            throw new JsonParseException(p, "expected a value or the end of the array, found " + t);
        }
    }
}
