package dev.berth;

import org.jspecify.annotations.Nullable;

/**
 * How {@link Plugins#remove(String, PluginRemoveOptions)} removes a plugin ({@code docker plugin rm}). Immutable.
 *
 * <pre>{@code
 * docker.plugins().remove("sshfs", PluginRemoveOptions.force());   // docker plugin rm -f sshfs
 * }</pre>
 */
public final class PluginRemoveOptions {
    private static final PluginRemoveOptions DEFAULTS = new PluginRemoveOptions(false);
    private static final PluginRemoveOptions FORCE = new PluginRemoveOptions(true);

    private final boolean force;

    private PluginRemoveOptions(boolean force) {
        this.force = force;
    }

    /**
     * As {@code docker plugin rm}: an enabled plugin is refused.
     *
     * @return the options without {@code -f}
     */
    public static PluginRemoveOptions defaults() {
        return DEFAULTS;
    }

    /**
     * As {@code docker plugin rm -f}: see {@link #withForce()}.
     *
     * @return the options with {@code -f}
     */
    public static PluginRemoveOptions force() {
        return FORCE;
    }

    /**
     * With {@code -f}: an enabled plugin is disabled first (which may break the containers using it).
     *
     * @return a copy with {@code -f} set
     */
    public PluginRemoveOptions withForce() {
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
        return o instanceof PluginRemoveOptions p && p.force == force;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(force);
    }

    /** {@code PluginRemoveOptions[force=true]}. */
    @Override
    public String toString() {
        return "PluginRemoveOptions[force=" + force + "]";
    }
}
