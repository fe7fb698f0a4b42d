package dev.berth;

import dev.berth.internal.OptionValues;
import java.util.Objects;

/**
 * Which build cache {@code docker builder prune} removes: dangling cache records by default, every unused one with
 * {@link #all()} ({@code -a}), narrowed by {@code --filter}s, keeping some storage. Immutable; each method returns a
 * new value.
 *
 * <pre>{@code
 * // docker builder prune -a --filter until=24h --reserved-space 1GB
 * images.pruneBuildCache(BuildCachePruneOptions.all().withFilters(Filters.of("until", "24h"))
 *         .withKeepStorage(1L << 30));
 * }</pre>
 */
public final class BuildCachePruneOptions {
    private static final BuildCachePruneOptions DEFAULTS = new BuildCachePruneOptions(false, Filters.none(), 0);

    final boolean all;
    final Filters filters;
    final long keepStorage;

    private BuildCachePruneOptions(boolean all, Filters filters, long keepStorage) {
        this.all = all;
        this.filters = filters;
        this.keepStorage = keepStorage;
    }

    /**
     * {@code docker builder prune}: dangling cache records only.
     *
     * @return the options that prune dangling cache records, with no filters
     */
    public static BuildCachePruneOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker builder prune -a}: every cache record no build uses now.
     *
     * @return the options that prune every unused cache record, with no filters
     */
    public static BuildCachePruneOptions all() {
        return new BuildCachePruneOptions(true, Filters.none(), 0);
    }

    /**
     * With these filters instead of the current ones: {@code until} (a duration such as {@code 24h}),
     * {@code id}, {@code parent}, {@code type}, {@code description}, {@code inuse}, {@code shared},
     * {@code private}. The build cache has no labels.
     *
     * @param filters the filters; {@link Filters#none()} for none
     * @return a copy with these filters
     */
    public BuildCachePruneOptions withFilters(Filters filters) {
        return new BuildCachePruneOptions(all, Objects.requireNonNull(filters, "filters"), keepStorage);
    }

    /**
     * {@code --reserved-space} ({@code --keep-storage} before API 1.48): the bytes of cache to keep; 0 keeps none.
     *
     * @param bytes the size of cache to keep, in bytes
     * @return a copy with this size
     * @throws IllegalArgumentException when negative
     */
    public BuildCachePruneOptions withKeepStorage(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("keepStorage: bytes must not be negative: " + bytes);
        }
        return new BuildCachePruneOptions(all, filters, bytes);
    }

    /** {@code BuildCachePruneOptions[all, filters=..., keepStorage=1073741824]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("BuildCachePruneOptions", all ? "all" : null,
                filters.isEmpty() ? null : "filters=" + filters, keepStorage == 0 ? null : "keepStorage=" + keepStorage);
    }
}
