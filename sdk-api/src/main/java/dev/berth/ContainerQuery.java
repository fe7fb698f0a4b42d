package dev.berth;

import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Which containers {@code docker ps} lists: running ones by default; {@link #all()} for {@code -a};
 * {@link #withSize()} for {@code -s}; {@link #latest()} for {@code -l}, {@link #withLimit(int)} for {@code -n};
 * {@code --filter} as {@link Filters}, or one key at a time ({@link #label}, {@link #status}, ...). Immutable: each
 * method returns a new value.
 *
 * <pre>{@code
 * docker.containers().list(ContainerQuery.all().label("app=web").status(ContainerState.EXITED));
 * docker.containers().ids(ContainerQuery.all().latest());          // docker ps -a -q -l
 * }</pre>
 */
public final class ContainerQuery {
    private static final ContainerQuery RUNNING = new ContainerQuery(false, false, 0, Filters.none());
    private static final ContainerQuery ALL = new ContainerQuery(true, false, 0, Filters.none());

    private final boolean includeStopped;
    private final boolean size;
    private final int limit;
    private final Filters filters;

    private ContainerQuery(boolean includeStopped, boolean size, int limit, Filters filters) {
        this.includeStopped = includeStopped;
        this.size = size;
        this.limit = limit;
        this.filters = filters;
    }

    /**
     * Running containers ({@code docker ps}).
     *
     * @return the query of a plain {@code docker ps}
     */
    public static ContainerQuery running() {
        return RUNNING;
    }

    /**
     * All containers, stopped ones too ({@code docker ps -a}).
     *
     * @return the query of {@code docker ps -a}
     */
    public static ContainerQuery all() {
        return ALL;
    }

    /**
     * This query with sizes ({@code -s}): each container's writable layer and root filesystem (slower).
     *
     * @return a copy that sends {@code size=true}
     */
    public ContainerQuery withSize() {
        return new ContainerQuery(includeStopped, true, limit, filters);
    }

    /**
     * This query for the most recently created container only, of any state ({@code -l}).
     *
     * @return a copy that sends {@code limit=1}
     */
    public ContainerQuery latest() {
        return new ContainerQuery(true, size, 1, filters);
    }

    /**
     * This query for the {@code n} most recently created containers, of any state ({@code -n}).
     *
     * @param n how many containers, at least 1
     * @return a copy that sends {@code limit=n}
     * @throws IllegalArgumentException when {@code n} is not positive
     */
    public ContainerQuery withLimit(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + n);
        }
        return new ContainerQuery(includeStopped, size, n, filters);
    }

    /**
     * This query with {@code filters} in place of the filters it had.
     *
     * @param filters the filters; {@link Filters#none()} for none
     * @return a copy with these filters
     */
    public ContainerQuery withFilters(Filters filters) {
        return new ContainerQuery(includeStopped, size, limit, Objects.requireNonNull(filters, "filters"));
    }

    /**
     * This query and {@code --filter key=value} for each value, such as {@code ("exited", "0")},
     * {@code ("network", "app-net")}, {@code ("health", "unhealthy")}.
     *
     * @param key the filter's name, as {@code docker ps --filter} spells it
     * @param values its values; a container matching any of them is listed
     * @return a copy with this filter added
     * @throws IllegalArgumentException when the key is empty or there is no value
     */
    public ContainerQuery filter(String key, String... values) {
        return withFilters(filters.and(key, values));
    }

    /**
     * This query and {@code --filter label=...}: a label key, or {@code key=value}.
     *
     * @param label a label key, such as {@code app}, or {@code key=value}
     * @return a copy with this filter added
     */
    public ContainerQuery label(String label) {
        return filter("label", label);
    }

    /**
     * This query and {@code --filter name=...}: part of a name.
     *
     * @param name a part of the container's name
     * @return a copy with this filter added
     */
    public ContainerQuery name(String name) {
        return filter("name", name);
    }

    /**
     * This query and {@code --filter status=...}: containers in any of these states.
     *
     * @param states the states to list
     * @return a copy with this filter added
     */
    public ContainerQuery status(ContainerState... states) {
        return filter("status", Arrays.stream(states).map(ContainerState::value).toArray(String[]::new));
    }

    /**
     * This query and {@code --filter ancestor=...}: made from this image or one built on it.
     *
     * @param image an image's name, {@code name:tag}, id or digest
     * @return a copy with this filter added
     */
    public ContainerQuery ancestor(String image) {
        return filter("ancestor", image);
    }

    /**
     * Whether stopped containers are listed too ({@code -a}).
     *
     * @return true for {@code -a}
     */
    public boolean includeStopped() {
        return includeStopped;
    }

    /**
     * Whether sizes are asked for ({@code -s}).
     *
     * @return true for {@code -s}
     */
    public boolean size() {
        return size;
    }

    /**
     * At most this many, the most recently created first; 0 for no limit.
     *
     * @return the most containers listed; 0 for no limit
     */
    public int limit() {
        return limit;
    }

    /**
     * The filters.
     *
     * @return the filters; {@link Filters#none()} for none
     */
    public Filters filters() {
        return filters;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ContainerQuery q && q.includeStopped == includeStopped && q.size == size
                && q.limit == limit && q.filters.equals(filters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(includeStopped, size, limit, filters);
    }

    /** {@code ContainerQuery[all, size, limit=1, Filters[label=app=web]]}: what is set. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ContainerQuery[", "]");
        j.add(includeStopped ? "all" : "running");
        if (size) {
            j.add("size");
        }
        if (limit > 0) {
            j.add("limit=" + limit);
        }
        if (!filters.isEmpty()) {
            j.add(filters.toString());
        }
        return j.toString();
    }
}
