package dev.berth;

import dev.berth.internal.OptionValues;
import java.util.Objects;

/**
 * Which images {@code docker image prune} removes: dangling ones (untagged, no container) by default, every image no
 * container uses with {@link #all()} ({@code -a}), narrowed by {@code --filter}s. Immutable; each method returns a
 * new value.
 *
 * <pre>{@code
 * // docker image prune -a --filter until=24h
 * images.prune(ImagePruneOptions.all().withFilters(Filters.of("until", "24h")));
 * }</pre>
 */
public final class ImagePruneOptions {
    private static final ImagePruneOptions DEFAULTS = new ImagePruneOptions(false, Filters.none());

    private final boolean all;
    private final Filters filters;

    private ImagePruneOptions(boolean all, Filters filters) {
        this.all = all;
        this.filters = filters;
    }

    /**
     * {@code docker image prune}: dangling images only.
     *
     * @return the options that prune dangling images, with no filters
     */
    public static ImagePruneOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker image prune -a}: every image no container uses, tagged or not.
     *
     * @return the options that prune every unused image, with no filters
     */
    public static ImagePruneOptions all() {
        return new ImagePruneOptions(true, Filters.none());
    }

    /**
     * With these filters instead of the current ones: {@code until=TIME} (a timestamp or a duration such as
     * {@code 24h}), {@code label=k}, {@code label=k=v}, {@code label!=...}.
     *
     * @param filters the filters; {@link Filters#none()} for none
     * @return a copy with these filters
     * @throws IllegalArgumentException for a {@code dangling} filter, which {@link #defaults()} and {@link #all()}
     *         already decide
     */
    public ImagePruneOptions withFilters(Filters filters) {
        Objects.requireNonNull(filters, "filters");
        if (filters.has("dangling")) {
            throw new IllegalArgumentException("filters: dangling is chosen by ImagePruneOptions.defaults() or all(),"
                    + " not given as a filter: " + filters);
        }
        return new ImagePruneOptions(all, filters);
    }

    /** The filters the daemon gets: {@code -a} is its {@code dangling=false} filter. */
    Filters daemonFilters() {
        return all ? filters.and("dangling", "false") : filters;
    }

    /** {@code ImagePruneOptions[all, filters=Filters[until=24h]]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("ImagePruneOptions", all ? "all" : null,
                filters.isEmpty() ? null : "filters=" + filters);
    }
}
