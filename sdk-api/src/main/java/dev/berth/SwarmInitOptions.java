package dev.berth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Swarm#init(SwarmInitOptions)} makes a new swarm ({@code docker swarm init}): the addresses, the address
 * pool of overlay networks, autolock. Immutable; each method returns a new value. The swarm's other settings change
 * with {@link Swarm#update(SwarmUpdate)} once it runs.
 *
 * <pre>{@code
 * swarm.init(SwarmInitOptions.defaults().withAdvertiseAddr("10.0.0.5").autolock());
 * }</pre>
 */
public final class SwarmInitOptions {
    private static final SwarmInitOptions DEFAULTS =
            new SwarmInitOptions(null, "0.0.0.0:2377", null, 0, List.of(), 0, false, false);

    private final String advertiseAddr;
    private final String listenAddr;
    private final String dataPathAddr;
    private final int dataPathPort;
    private final List<String> defaultAddrPool;
    private final int subnetSize;
    private final boolean forceNewCluster;
    private final boolean autolock;

    private SwarmInitOptions(String advertiseAddr, String listenAddr, String dataPathAddr, int dataPathPort,
                             List<String> defaultAddrPool, int subnetSize, boolean forceNewCluster,
                             boolean autolock) {
        this.advertiseAddr = advertiseAddr;
        this.listenAddr = listenAddr;
        this.dataPathAddr = dataPathAddr;
        this.dataPathPort = dataPathPort;
        this.defaultAddrPool = defaultAddrPool;
        this.subnetSize = subnetSize;
        this.forceNewCluster = forceNewCluster;
        this.autolock = autolock;
    }

    /**
     * {@return the CLI's defaults: listening on {@code 0.0.0.0:2377}, the advertised address chosen by the daemon
     * (which fails when the host has several), the daemon's address pool, no autolock}
     */
    public static SwarmInitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return these options advertising {@code addr} to the other nodes ({@code --advertise-addr}): {@code ip},
     * {@code ip:port} or an interface name such as {@code eth0}}
     *
     * @param addr such as {@code 192.168.1.10}, {@code 192.168.1.10:2377} or {@code eth0}
     * @throws IllegalArgumentException when blank
     */
    public SwarmInitOptions withAdvertiseAddr(String addr) {
        return new SwarmInitOptions(Swarm.notBlank(addr, "advertise address"), listenAddr, dataPathAddr,
                dataPathPort, defaultAddrPool, subnetSize, forceNewCluster, autolock);
    }

    /**
     * {@return these options listening for managers on {@code addr} ({@code --listen-addr}), such as
     * {@code 0.0.0.0:2377}}
     *
     * @param addr an address and port, such as {@code 0.0.0.0:2377}
     * @throws IllegalArgumentException when blank
     */
    public SwarmInitOptions withListenAddr(String addr) {
        return new SwarmInitOptions(advertiseAddr, Swarm.notBlank(addr, "listen address"), dataPathAddr,
                dataPathPort, defaultAddrPool, subnetSize, forceNewCluster, autolock);
    }

    /**
     * {@return these options sending the tasks' traffic on {@code addr} ({@code --data-path-addr})}
     *
     * @param addr an IP address or an interface name
     * @throws IllegalArgumentException when blank
     */
    public SwarmInitOptions withDataPathAddr(String addr) {
        return new SwarmInitOptions(advertiseAddr, listenAddr, Swarm.notBlank(addr, "data path address"),
                dataPathPort, defaultAddrPool, subnetSize, forceNewCluster, autolock);
    }

    /**
     * {@return these options with the tasks' traffic on UDP {@code port} ({@code --data-path-port}), 4789 by
     * default}
     *
     * @param port the UDP port of the VXLAN traffic
     * @throws IllegalArgumentException when not 1024 to 49151, the range the daemon accepts
     */
    public SwarmInitOptions withDataPathPort(int port) {
        if (port < 1024 || port > 49151) {
            throw new IllegalArgumentException("data path port must be 1024 to 49151: " + port);
        }
        return new SwarmInitOptions(advertiseAddr, listenAddr, dataPathAddr, port, defaultAddrPool, subnetSize,
                forceNewCluster, autolock);
    }

    /**
     * {@return these options taking overlay networks' subnets of {@code subnetSize} bits from {@code cidrs}
     * ({@code --default-addr-pool}, {@code --default-addr-pool-mask-length})}
     *
     * @param cidrs such as {@code 10.20.0.0/16}
     * @param subnetSize the prefix length of each network's subnet, such as 24
     * @throws IllegalArgumentException when {@code cidrs} is empty or holds a blank entry, or the size is not 1
     *         to 32
     */
    public SwarmInitOptions withDefaultAddrPool(List<String> cidrs, int subnetSize) {
        if (cidrs == null || cidrs.isEmpty() || cidrs.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException("default address pool needs at least one CIDR: " + cidrs);
        }
        if (subnetSize < 1 || subnetSize > 32) {
            throw new IllegalArgumentException("subnet size must be 1 to 32: " + subnetSize);
        }
        return new SwarmInitOptions(advertiseAddr, listenAddr, dataPathAddr, dataPathPort, List.copyOf(cidrs),
                subnetSize, forceNewCluster, autolock);
    }

    /**
     * {@return these options making a new one-manager swarm from this manager's state
     * ({@code --force-new-cluster})}
     */
    public SwarmInitOptions forceNewCluster() {
        return new SwarmInitOptions(advertiseAddr, listenAddr, dataPathAddr, dataPathPort, defaultAddrPool,
                subnetSize, true, autolock);
    }

    /**
     * {@return these options locking the managers' keys at rest ({@code --autolock}): a restarted manager needs
     * {@link Swarm#unlock(String)} with {@link Swarm#unlockKey()}}
     */
    public SwarmInitOptions autolock() {
        return new SwarmInitOptions(advertiseAddr, listenAddr, dataPathAddr, dataPathPort, defaultAddrPool,
                subnetSize, forceNewCluster, true);
    }

    /** The body of {@code POST /swarm/init}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr);
        Swarm.putIfSet(body, "AdvertiseAddr", advertiseAddr);
        Swarm.putIfSet(body, "DataPathAddr", dataPathAddr);
        if (dataPathPort != 0) {
            body.put("DataPathPort", dataPathPort);
        }
        if (!defaultAddrPool.isEmpty()) {
            body.put("DefaultAddrPool", defaultAddrPool);
            body.put("SubnetSize", subnetSize);
        }
        body.put("ForceNewCluster", forceNewCluster);
        body.put("Spec", autolock ? Map.of("EncryptionConfig", Map.of("AutoLockManagers", true)) : Map.of());
        return body;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SwarmInitOptions i && i.body().equals(body());
    }

    @Override
    public int hashCode() {
        return body().hashCode();
    }

    /** Such as {@code SwarmInitOptions[listen 0.0.0.0:2377, advertise 10.0.0.5, autolock]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "SwarmInitOptions[", "]");
        j.add("listen " + listenAddr);
        if (advertiseAddr != null) {
            j.add("advertise " + advertiseAddr);
        }
        if (dataPathAddr != null) {
            j.add("data path " + dataPathAddr);
        }
        if (dataPathPort != 0) {
            j.add("data path port " + dataPathPort);
        }
        if (!defaultAddrPool.isEmpty()) {
            j.add("address pool " + defaultAddrPool + "/" + subnetSize);
        }
        if (forceNewCluster) {
            j.add("force new cluster");
        }
        if (autolock) {
            j.add("autolock");
        }
        return j.toString();
    }
}
