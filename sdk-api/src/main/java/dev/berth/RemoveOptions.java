package dev.berth;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Containers#remove(String, RemoveOptions)} removes a container, as {@code docker rm}'s flags say:
 * {@code -f} kills it first when it runs, {@code -v} removes its anonymous volumes too, {@code -l} removes a link
 * instead of a container. Immutable: each method returns a new value.
 *
 * <pre>{@code
 * docker.containers().remove(id, RemoveOptions.force().withVolumes());   // docker rm -f -v ID
 * }</pre>
 */
public final class RemoveOptions {
    private static final RemoveOptions DEFAULTS = new RemoveOptions(false, false, false);

    final boolean force;
    final boolean volumes;
    final boolean link;

    private RemoveOptions(boolean force, boolean volumes, boolean link) {
        this.force = force;
        this.volumes = volumes;
        this.link = link;
    }

    /**
     * {@code docker rm}: a stopped container, its volumes kept.
     *
     * @return the options with no flag set
     */
    public static RemoveOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker rm -f}: a running container is killed first.
     *
     * @return the options with {@code -f} set
     */
    public static RemoveOptions force() {
        return DEFAULTS.withForce();
    }

    /**
     * These options and {@code -f}: a running container is killed first.
     *
     * @return a copy with {@code -f} set
     */
    public RemoveOptions withForce() {
        return new RemoveOptions(true, volumes, link);
    }

    /**
     * These options and {@code -v}: the container's anonymous volumes go too; named ones stay.
     *
     * @return a copy with {@code -v} set
     */
    public RemoveOptions withVolumes() {
        return new RemoveOptions(force, true, link);
    }

    /**
     * These options and {@code -l}: the id names a link ({@code /web/db}), which is removed; its containers stay.
     *
     * @return a copy with {@code -l} set
     */
    public RemoveOptions withLink() {
        return new RemoveOptions(force, volumes, true);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RemoveOptions r && r.force == force && r.volumes == volumes && r.link == link;
    }

    @Override
    public int hashCode() {
        return (force ? 1 : 0) | (volumes ? 2 : 0) | (link ? 4 : 0);
    }

    /** {@code RemoveOptions[force, volumes]}: the flags that are set. */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>(3);
        if (force) {
            set.add("force");
        }
        if (volumes) {
            set.add("volumes");
        }
        if (link) {
            set.add("link");
        }
        return "RemoveOptions" + set;
    }
}
