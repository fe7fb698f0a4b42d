package dev.berth.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a {@link ContainerSpec}: the image, the command, the value of each option of
 * {@link SpecOptions#ALL} that is set (by option name; a repeated option holds a list), and the raw body values. A
 * {@link ContainerSpec.Builder} fills a mutable instance; a spec holds a {@link #frozenCopy()}.
 */
final class SpecSettings {
    String image;
    List<String> cmd = new ArrayList<>();
    /** Option name to value (a {@code List} for a repeated option), in the order first set. */
    Map<String, Object> values = new LinkedHashMap<>();
    /** Body path to value, merged last. */
    Map<String, Object> raw = new LinkedHashMap<>();

    /** {@return the value of an option, or null} */
    Object get(String name) {
        return values.get(name);
    }

    /** {@return the values of a repeated option, empty when unset} */
    @SuppressWarnings("unchecked")
    <T> List<T> all(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<T>) v;
    }

    /** Sets an option from a checked value: replaces a single value, appends to a repeated one. */
    void set(SpecOption option, Object value) {
        if (option.kind() == SpecOption.Kind.REPEAT) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) values.computeIfAbsent(option.name(), k -> new ArrayList<>());
            list.add(value);
        } else {
            values.put(option.name(), value);
        }
    }

    /** Sets an option from CLI text, checked by its parser. */
    void setText(SpecOption option, String text) {
        set(option, option.parseValue(text));
    }

    SpecSettings frozenCopy() {
        return copy(true);
    }

    SpecSettings mutableCopy() {
        return copy(false);
    }

    private SpecSettings copy(boolean frozen) {
        SpecSettings c = new SpecSettings();
        c.image = image;
        c.cmd = frozen ? List.copyOf(cmd) : new ArrayList<>(cmd);
        c.values = new LinkedHashMap<>();
        values.forEach((k, v) -> c.values.put(k, v instanceof List<?> l
                ? (frozen ? Collections.unmodifiableList(new ArrayList<>(l)) : new ArrayList<>(l)) : v));
        c.raw = new LinkedHashMap<>(raw);
        if (frozen) {
            c.values = Collections.unmodifiableMap(c.values);
            c.raw = Collections.unmodifiableMap(c.raw);
        }
        return c;
    }

    /** Every setting, for {@code equals} and {@code hashCode}. */
    List<Object> identity() {
        return List.of(image, cmd, values, raw);
    }
}
