package dev.berth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code filters} of a list, prune or events call, as {@code --filter key=value} gives them to the CLI: each key
 * holds one or more values, and the daemon keeps what matches any value of every key. Immutable; each method returns
 * a new value.
 *
 * <pre>{@code
 * Filters f = Filters.label("team=web").and("status", "exited", "dead");
 * docker.containers().prune(f);            // docker container prune --filter label=team=web ...
 * }</pre>
 */
public final class Filters {
    private static final Filters NONE = new Filters(Map.of());

    private final Map<String, List<String>> values;

    private Filters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * No filter: everything.
     *
     * @return the empty filters
     */
    public static Filters none() {
        return NONE;
    }

    /**
     * {@code --filter key=value} for each value, such as {@code of("dangling", "true")}.
     *
     * @param key the filter's name, such as {@code label} or {@code dangling}
     * @param values its values, at least one
     * @return the filters
     * @throws IllegalArgumentException when the key is empty or there is no value
     */
    public static Filters of(String key, String... values) {
        return NONE.and(key, values);
    }

    /**
     * {@code --filter label=KEY} or {@code --filter label=KEY=VALUE}.
     *
     * @param label a label key, or {@code key=value}
     * @return the filters
     */
    public static Filters label(String label) {
        return of("label", label);
    }

    /**
     * These filters and {@code --filter key=value} for each value; values already there are kept once.
     *
     * @param key the filter's name
     * @param values its values, at least one
     * @return a copy with these values added
     * @throws IllegalArgumentException when the key is empty or there is no value
     */
    public Filters and(String key, String... values) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty filter key");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("filter " + key + " needs at least one value");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(this.values);
        Set<String> merged = new LinkedHashSet<>(copy.getOrDefault(key, List.of()));
        for (String v : values) {
            merged.add(Objects.requireNonNull(v, "filter value"));
        }
        copy.put(key, List.copyOf(merged));
        return new Filters(Collections.unmodifiableMap(copy));
    }

    /**
     * These filters and {@code --filter label=...}.
     *
     * @param label a label key, or {@code key=value}
     * @return a copy with this label filter added
     */
    public Filters andLabel(String label) {
        return and("label", label);
    }

    /**
     * These filters without {@code key}.
     *
     * @param key the filter's name
     * @return a copy without this filter; these filters when it is not there
     */
    public Filters without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return copy.isEmpty() ? NONE : new Filters(Collections.unmodifiableMap(copy));
    }

    /**
     * Whether there is no filter at all.
     *
     * @return true when nothing is filtered on
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Whether {@code key} is filtered on.
     *
     * @param key the filter's name
     * @return true when there is a filter of that name
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The filtered keys, in the order they were added.
     *
     * @return the filter names, unmodifiable
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The values of {@code key}, empty when it is not filtered on.
     *
     * @param key the filter's name
     * @return its values, in the order added, unmodifiable
     */
    public List<String> values(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** The form the request pipeline encodes ({@code ApiRequest.Builder.filters}). */
    Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Filters f && f.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code Filters[label=team=web, status=exited|dead]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + String.join("|", v)));
        return "Filters" + parts;
    }
}
