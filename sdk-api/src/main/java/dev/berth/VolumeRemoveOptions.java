package dev.berth;

import org.jspecify.annotations.Nullable;

/**
 * How {@link Volumes#remove(String, VolumeRemoveOptions)} removes a volume ({@code docker volume rm}). Immutable.
 *
 * <pre>{@code
 * docker.volumes().remove("data", VolumeRemoveOptions.force());   // docker volume rm -f data
 * }</pre>
 */
public final class VolumeRemoveOptions {
    private static final VolumeRemoveOptions DEFAULTS = new VolumeRemoveOptions(false);
    private static final VolumeRemoveOptions FORCE = new VolumeRemoveOptions(true);

    private final boolean force;

    private VolumeRemoveOptions(boolean force) {
        this.force = force;
    }

    /**
     * As {@code docker volume rm}: a missing volume is an error.
     *
     * @return the options without {@code -f}
     */
    public static VolumeRemoveOptions defaults() {
        return DEFAULTS;
    }

    /**
     * As {@code docker volume rm -f}: see {@link #withForce()}.
     *
     * @return the options with {@code -f}
     */
    public static VolumeRemoveOptions force() {
        return FORCE;
    }

    /**
     * With {@code -f}: no error when the volume does not exist, and the volume is forgotten by Docker even when its
     * driver fails to remove it. A volume a container uses is still refused.
     *
     * @return a copy with {@code -f} set
     */
    public VolumeRemoveOptions withForce() {
        return FORCE;
    }

    /**
     * Whether {@link #withForce()} is set.
     *
     * @return true when {@code force=true} is sent
     */
    public boolean isForce() {
        return force;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof VolumeRemoveOptions v && v.force == force;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(force);
    }

    /** {@code VolumeRemoveOptions[force=true]}. */
    @Override
    public String toString() {
        return "VolumeRemoveOptions[force=" + force + "]";
    }
}
