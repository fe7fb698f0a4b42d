package dev.berth;

import dev.berth.internal.OptionValues;

/**
 * What {@code docker search} returns: how many results, and which ({@code --filter is-official=true},
 * {@code --filter stars=N}). Immutable; each method returns a new value.
 *
 * <pre>{@code
 * images.search("postgres", SearchOptions.defaults().officialOnly().withMinStars(100).withLimit(5));
 * }</pre>
 */
public final class SearchOptions {
    private static final SearchOptions DEFAULTS = new SearchOptions(0, Filters.none());

    final int limit; // 0: the daemon's default, 25
    final Filters filters;

    private SearchOptions(int limit, Filters filters) {
        this.limit = limit;
        this.filters = filters;
    }

    /**
     * {@code docker search}: the daemon's 25 results, unfiltered.
     *
     * @return the options of a plain {@code docker search}
     */
    public static SearchOptions defaults() {
        return DEFAULTS;
    }

    /**
     * With at most {@code n} results ({@code --limit}).
     *
     * @param n the most results, 1 to 100
     * @return a copy that sends {@code limit=n}
     * @throws IllegalArgumentException outside 1 to 100, which the daemon refuses
     */
    public SearchOptions withLimit(int n) {
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException("limit: " + n + " is outside 1 to 100");
        }
        return new SearchOptions(n, filters);
    }

    /**
     * With Docker's official images only ({@code --filter is-official=true}).
     *
     * @return a copy with the {@code is-official=true} filter
     */
    public SearchOptions officialOnly() {
        return new SearchOptions(limit, filters.without("is-official").and("is-official", "true"));
    }

    /**
     * With repositories of at least {@code stars} stars only ({@code --filter stars=N}).
     *
     * @param stars the fewest stars a result may have
     * @return a copy with the {@code stars} filter
     * @throws IllegalArgumentException for a negative count
     */
    public SearchOptions withMinStars(int stars) {
        if (stars < 0) {
            throw new IllegalArgumentException("minStars: " + stars + " is negative");
        }
        return new SearchOptions(limit, filters.without("stars").and("stars", Integer.toString(stars)));
    }

    /** {@code SearchOptions[limit=5, filters=Filters[is-official=true, stars=100]]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("SearchOptions", limit == 0 ? null : "limit=" + limit,
                filters.isEmpty() ? null : "filters=" + filters);
    }
}
