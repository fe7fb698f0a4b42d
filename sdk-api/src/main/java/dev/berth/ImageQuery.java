package dev.berth;

import dev.berth.internal.OptionValues;
import java.util.Objects;

/**
 * Which images {@code docker images} lists: tagged and dangling top-level images by default, intermediate ones too
 * with {@link #all()} ({@code -a}), narrowed by {@code --filter}s. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * images.list(ImageQuery.defaults().withFilters(Filters.of("dangling", "true")));   // docker images -f dangling=true
 * images.list(ImageQuery.all().withFilters(Filters.of("reference", "app:*")));     // docker images -a app:*
 * }</pre>
 */
public final class ImageQuery {
    private static final ImageQuery DEFAULTS = new ImageQuery(false, false, Filters.none());

    final boolean all;
    final boolean sharedSize;
    final Filters filters;

    private ImageQuery(boolean all, boolean sharedSize, Filters filters) {
        this.all = all;
        this.sharedSize = sharedSize;
        this.filters = filters;
    }

    /**
     * {@code docker images}: top-level images (tagged ones and dangling ones), no filter.
     *
     * @return the query of a plain {@code docker images}
     */
    public static ImageQuery defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker images -a}: intermediate images too.
     *
     * @return the query of {@code docker images -a}
     */
    public static ImageQuery all() {
        return new ImageQuery(true, false, Filters.none());
    }

    /**
     * With these filters instead of the current ones: {@code dangling=true}, {@code label=k} or {@code label=k=v},
     * {@code reference=app:*}, {@code before=IMAGE}, {@code since=IMAGE}, and on newer engines {@code until=TIME}.
     *
     * @param filters the filters; {@link Filters#none()} for none
     * @return a copy with these filters
     */
    public ImageQuery withFilters(Filters filters) {
        return new ImageQuery(all, sharedSize, Objects.requireNonNull(filters, "filters"));
    }

    /**
     * With {@link dev.berth.model.ImageSummary#sharedSize()} computed (the bytes each image shares with others);
     * slower on many images. API 1.42 and later; older daemons leave it at -1.
     *
     * @return a copy that sends {@code shared-size=true}
     */
    public ImageQuery withSharedSize() {
        return new ImageQuery(all, true, filters);
    }

    /** {@code ImageQuery[all, sharedSize, filters=Filters[dangling=true]]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("ImageQuery", all ? "all" : null, sharedSize ? "sharedSize" : null,
                filters.isEmpty() ? null : "filters=" + filters);
    }
}
