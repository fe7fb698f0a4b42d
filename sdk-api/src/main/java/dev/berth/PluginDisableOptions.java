package dev.berth;

import org.jspecify.annotations.Nullable;

/**
 * How {@link Plugins#disable(String, PluginDisableOptions)} disables a plugin ({@code docker plugin disable}).
 * Immutable.
 *
 * <pre>{@code
 * docker.plugins().disable("sshfs", PluginDisableOptions.force());   // docker plugin disable -f sshfs
 * }</pre>
 */
public final class PluginDisableOptions {
    private static final PluginDisableOptions DEFAULTS = new PluginDisableOptions(false);
    private static final PluginDisableOptions FORCE = new PluginDisableOptions(true);

    private final boolean force;

    private PluginDisableOptions(boolean force) {
        this.force = force;
    }

    /**
     * As {@code docker plugin disable}: refused while containers or volumes use the plugin.
     *
     * @return the options without {@code -f}
     */
    public static PluginDisableOptions defaults() {
        return DEFAULTS;
    }

    /**
     * As {@code docker plugin disable -f}: see {@link #withForce()}.
     *
     * @return the options with {@code -f}
     */
    public static PluginDisableOptions force() {
        return FORCE;
    }

    /**
     * With {@code -f}: the plugin is disabled even while containers or volumes use it (which may break them).
     *
     * @return a copy with {@code -f} set
     */
    public PluginDisableOptions withForce() {
        return FORCE;
    }

    /**
     * Whether {@link #withForce()} is set.
     *
     * @return true when {@code Force: true} is sent
     */
    public boolean isForce() {
        return force;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PluginDisableOptions p && p.force == force;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(force);
    }

    /** {@code PluginDisableOptions[force=true]}. */
    @Override
    public String toString() {
        return "PluginDisableOptions[force=" + force + "]";
    }
}
