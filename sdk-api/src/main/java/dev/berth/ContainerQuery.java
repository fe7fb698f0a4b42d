package dev.berth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which containers {@code docker ps} lists: running ones by default; {@link #all()} for {@code -a};
 * {@link #withSize()} for {@code -s}; {@link #latest()} for {@code -l}; filters as {@code --filter}.
 *
 * <pre>{@code
 * docker.containers().list(ContainerQuery.all().label("app=web").status("exited"));
 * docker.containers().ids(ContainerQuery.all().latest());          // docker ps -a -q -l
 * }</pre>
 *
 * @param includeStopped {@code -a}: stopped containers too
 * @param size {@code -s}: the size of each container's writable layer and root filesystem (slower)
 * @param limit at most this many, newest first; 0 for no limit
 * @param filters {@code --filter key=value} pairs, several values per key
 */
public record ContainerQuery(boolean includeStopped, boolean size, int limit, Map<String, List<String>> filters) {

    public ContainerQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        filters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        filters = Map.copyOf(copy);
    }

    /** Running containers ({@code docker ps}). */
    public static ContainerQuery running() {
        return new ContainerQuery(false, false, 0, Map.of());
    }

    /** All containers, stopped ones too ({@code docker ps -a}). */
    public static ContainerQuery all() {
        return new ContainerQuery(true, false, 0, Map.of());
    }

    /** With sizes ({@code -s}). */
    public ContainerQuery withSize() {
        return new ContainerQuery(includeStopped, true, limit, filters);
    }

    /** Only the most recently created container, of any state ({@code -l}). */
    public ContainerQuery latest() {
        return new ContainerQuery(true, size, 1, filters);
    }

    /** At most {@code n}, newest first ({@code -n}). */
    public ContainerQuery limit(int n) {
        return new ContainerQuery(includeStopped, size, n, filters);
    }

    /** Adds a filter such as {@code ("label", "app=web")}, {@code ("ancestor", "busybox")}, {@code ("exited", "0")}. */
    public ContainerQuery filter(String key, String value) {
        Map<String, List<String>> f = new LinkedHashMap<>(filters);
        List<String> values = new ArrayList<>(f.getOrDefault(key, List.of()));
        values.add(value);
        f.put(key, values);
        return new ContainerQuery(includeStopped, size, limit, f);
    }

    /** {@code --filter label=...}: a label key, or {@code key=value}. */
    public ContainerQuery label(String label) {
        return filter("label", label);
    }

    /** {@code --filter name=...}: part of a name. */
    public ContainerQuery name(String name) {
        return filter("name", name);
    }

    /** {@code --filter status=...}: created, restarting, running, removing, paused, exited, dead. */
    public ContainerQuery status(String status) {
        return filter("status", status);
    }

    /** {@code --filter ancestor=...}: made from this image or one built on it. */
    public ContainerQuery ancestor(String image) {
        return filter("ancestor", image);
    }
}
