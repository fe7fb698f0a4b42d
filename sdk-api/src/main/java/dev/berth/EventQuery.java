package dev.berth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which events {@code docker events} streams: since and until a time, and filters such as {@code type},
 * {@code container}, {@code label}, {@code event}. Immutable: each {@code with} method returns a new query.
 *
 * <pre>{@code
 * EventQuery starts = EventQuery.since(Instant.now()).withUntil(Instant.now().plusSeconds(60))
 *         .withFilter("type", "container").withFilter("event", "start");
 * try (Stream<Event> events = docker.system().events(starts)) {
 *     events.forEach(System.out::println);   // ends by itself after a minute
 * }
 * }</pre>
 */
public final class EventQuery {
    private static final EventQuery LIVE = new EventQuery(null, null, Filters.none());

    private final Instant since;
    private final Instant until;
    private final Filters filters;

    private EventQuery(Instant since, Instant until, Filters filters) {
        this.since = since;
        this.until = until;
        this.filters = filters;
    }

    /**
     * Events from now on, until the stream is closed ({@code docker events}).
     *
     * @return the query of a plain {@code docker events}
     */
    public static EventQuery live() {
        return LIVE;
    }

    /**
     * Events from {@code t} on, past ones first, until the stream is closed ({@code docker events --since}).
     *
     * @param t the time of the first event
     * @return the query of {@code docker events --since}
     */
    public static EventQuery since(Instant t) {
        return LIVE.withSince(t);
    }

    /**
     * With the stream starting at {@code t} ({@code --since}): the daemon replays the events since then first.
     *
     * @param t the time of the first event, in the past or the future
     * @return a copy that sends {@code since}
     */
    public EventQuery withSince(Instant t) {
        return new EventQuery(Objects.requireNonNull(t, "since"), until, filters);
    }

    /**
     * With the stream ending by itself at {@code t} ({@code --until}), even when that is in the future.
     *
     * @param t the time the stream ends
     * @return a copy that sends {@code until}
     */
    public EventQuery withUntil(Instant t) {
        return new EventQuery(since, Objects.requireNonNull(t, "until"), filters);
    }

    /**
     * With these filters instead of the query's ({@code --filter}).
     *
     * @param filters such as {@code type=container}, {@code event=die}, {@code container=NAME}, {@code label=k=v}
     * @return a copy with these filters
     */
    public EventQuery withFilters(Filters filters) {
        return new EventQuery(since, until, Objects.requireNonNull(filters, "filters"));
    }

    /**
     * With {@code --filter key=value} for each value added to the query's filters.
     *
     * @param key the filter's name, such as {@code type} or {@code event}
     * @param values its values; an event matching any of them passes
     * @return a copy with this filter added
     */
    public EventQuery withFilter(String key, String... values) {
        return new EventQuery(since, until, filters.and(key, values));
    }

    /** {@return where the stream starts; empty for "now"} */
    public Optional<Instant> since() {
        return Optional.ofNullable(since);
    }

    /** {@return where the stream ends by itself; empty when it follows until closed} */
    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    /** {@return the filters; {@link Filters#none()} for every event} */
    public Filters filters() {
        return filters;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EventQuery q && Objects.equals(since, q.since) && Objects.equals(until, q.until)
                && filters.equals(q.filters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(since, until, filters);
    }

    /** {@code EventQuery[since=2024-05-01T10:00:00Z, until=(closed), filters=Filters[type=container]]}. */
    @Override
    public String toString() {
        return "EventQuery[since=" + (since == null ? "(now)" : since) + ", until="
                + (until == null ? "(closed)" : until) + ", filters=" + filters + "]";
    }
}
