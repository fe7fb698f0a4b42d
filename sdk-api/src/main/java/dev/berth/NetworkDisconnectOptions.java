package dev.berth;

import org.jspecify.annotations.Nullable;

/**
 * How {@link Networks#disconnect(String, String, NetworkDisconnectOptions)} detaches a container
 * ({@code docker network disconnect}). Immutable.
 *
 * <pre>{@code
 * docker.networks().disconnect("app-net", "db", NetworkDisconnectOptions.force());   // docker network disconnect -f
 * }</pre>
 */
public final class NetworkDisconnectOptions {
    private static final NetworkDisconnectOptions DEFAULTS = new NetworkDisconnectOptions(false);
    private static final NetworkDisconnectOptions FORCE = new NetworkDisconnectOptions(true);

    private final boolean force;

    private NetworkDisconnectOptions(boolean force) {
        this.force = force;
    }

    /**
     * As {@code docker network disconnect}.
     *
     * @return the options without {@code -f}
     */
    public static NetworkDisconnectOptions defaults() {
        return DEFAULTS;
    }

    /**
     * As {@code docker network disconnect -f}: see {@link #withForce()}.
     *
     * @return the options with {@code -f}
     */
    public static NetworkDisconnectOptions force() {
        return FORCE;
    }

    /**
     * With {@code -f}: the daemon removes the endpoint even when it cannot reach the container's sandbox (a
     * container that is gone, a stale swarm endpoint).
     *
     * @return a copy with {@code -f} set
     */
    public NetworkDisconnectOptions withForce() {
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
        return o instanceof NetworkDisconnectOptions n && n.force == force;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(force);
    }

    /** {@code NetworkDisconnectOptions[force=true]}. */
    @Override
    public String toString() {
        return "NetworkDisconnectOptions[force=" + force + "]";
    }
}
