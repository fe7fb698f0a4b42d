package dev.berth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which events {@code docker events} streams: since and until a time, and filters such as {@code type},
 * {@code container}, {@code label}, {@code event}.
 *
 * <pre>{@code
 * try (Stream<Event> events = docker.system().events(EventQuery.since(Instant.now()).filter("type", "container"))) {
 *     events.limit(3).forEach(System.out::println);
 * }
 * }</pre>
 *
 * @param since only events at or after this time; null for "from now"
 * @param until stop at this time (the stream then ends by itself); null to follow until closed
 * @param filters filter key to values
 */
public record EventQuery(Instant since, Instant until, Map<String, List<String>> filters) {

    public EventQuery {
        filters = Map.copyOf(filters);
    }

    /** Events from now on, until closed. */
    public static EventQuery live() {
        return new EventQuery(null, null, Map.of());
    }

    /** Events from {@code t} on (past ones first), until closed. */
    public static EventQuery since(Instant t) {
        return new EventQuery(t, null, Map.of());
    }

    /** Ends the stream at {@code t}. */
    public EventQuery until(Instant t) {
        return new EventQuery(since, t, filters);
    }

    /** Adds a filter value. */
    public EventQuery filter(String key, String value) {
        Map<String, List<String>> f = new LinkedHashMap<>(filters);
        List<String> values = new ArrayList<>(f.getOrDefault(key, List.of()));
        values.add(value);
        f.put(key, List.copyOf(values));
        return new EventQuery(since, until, f);
    }
}
