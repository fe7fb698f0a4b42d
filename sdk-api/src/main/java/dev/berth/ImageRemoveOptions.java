package dev.berth;

import dev.berth.internal.OptionValues;

/**
 * How {@code docker rmi} removes an image: by default it refuses an image a container uses or that has other tags,
 * and deletes the untagged parents left behind. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * images.remove("app:1", ImageRemoveOptions.force());                   // docker rmi -f app:1
 * images.remove("app:1", ImageRemoveOptions.defaults().withNoPrune());  // docker rmi --no-prune app:1
 * }</pre>
 */
public final class ImageRemoveOptions {
    private static final ImageRemoveOptions DEFAULTS = new ImageRemoveOptions(false, false);

    final boolean force;
    final boolean noPrune;

    private ImageRemoveOptions(boolean force, boolean noPrune) {
        this.force = force;
        this.noPrune = noPrune;
    }

    /**
     * {@code docker rmi}: no force, untagged parents deleted.
     *
     * @return the options with no flag set
     */
    public static ImageRemoveOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker rmi -f}: see {@link #withForce()}.
     *
     * @return the options with {@code -f}
     */
    public static ImageRemoveOptions force() {
        return DEFAULTS.withForce();
    }

    /**
     * With {@code -f}: removes the image even when stopped containers use it, and, given an id, even when it has
     * several tags (all of them go). A running container's image is still refused.
     *
     * @return a copy with {@code -f} set
     */
    public ImageRemoveOptions withForce() {
        return new ImageRemoveOptions(true, noPrune);
    }

    /**
     * With {@code --no-prune}: untagged parent images are kept.
     *
     * @return a copy with {@code --no-prune} set
     */
    public ImageRemoveOptions withNoPrune() {
        return new ImageRemoveOptions(force, true);
    }

    /** {@code ImageRemoveOptions[force, noPrune]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("ImageRemoveOptions", force ? "force" : null, noPrune ? "noPrune" : null);
    }
}
