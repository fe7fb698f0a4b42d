package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Swarm#join(java.util.List, String, SwarmJoinOptions)} joins a swarm ({@code docker swarm join}): this
 * node's addresses. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * swarm.join(List.of("10.0.0.5:2377"), workerToken, SwarmJoinOptions.defaults().withAdvertiseAddr("eth1"));
 * }</pre>
 */
public final class SwarmJoinOptions {
    private static final SwarmJoinOptions DEFAULTS = new SwarmJoinOptions(null, "0.0.0.0:2377", null);

    private final String advertiseAddr;
    private final String listenAddr;
    private final String dataPathAddr;

    private SwarmJoinOptions(String advertiseAddr, String listenAddr, String dataPathAddr) {
        this.advertiseAddr = advertiseAddr;
        this.listenAddr = listenAddr;
        this.dataPathAddr = dataPathAddr;
    }

    /**
     * {@return the CLI's defaults: listening on {@code 0.0.0.0:2377} should the node become a manager, the
     * advertised address chosen by the daemon}
     */
    public static SwarmJoinOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return these options advertising {@code addr} to the other nodes ({@code --advertise-addr}): {@code ip},
     * {@code ip:port} or an interface name}
     *
     * @param addr such as {@code 192.168.1.11}, {@code 192.168.1.11:2377} or {@code eth0}
     * @throws IllegalArgumentException when blank
     */
    public SwarmJoinOptions withAdvertiseAddr(String addr) {
        return new SwarmJoinOptions(Swarm.notBlank(addr, "advertise address"), listenAddr, dataPathAddr);
    }

    /**
     * {@return these options listening on {@code addr} should the node become a manager ({@code --listen-addr})}
     *
     * @param addr an address and port, such as {@code 0.0.0.0:2377}
     * @throws IllegalArgumentException when blank
     */
    public SwarmJoinOptions withListenAddr(String addr) {
        return new SwarmJoinOptions(advertiseAddr, Swarm.notBlank(addr, "listen address"), dataPathAddr);
    }

    /**
     * {@return these options sending the tasks' traffic on {@code addr} ({@code --data-path-addr})}
     *
     * @param addr an IP address or an interface name
     * @throws IllegalArgumentException when blank
     */
    public SwarmJoinOptions withDataPathAddr(String addr) {
        return new SwarmJoinOptions(advertiseAddr, listenAddr, Swarm.notBlank(addr, "data path address"));
    }

    /** The addresses of the body of {@code POST /swarm/join}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr);
        Swarm.putIfSet(body, "AdvertiseAddr", advertiseAddr);
        Swarm.putIfSet(body, "DataPathAddr", dataPathAddr);
        return body;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SwarmJoinOptions j && j.body().equals(body());
    }

    @Override
    public int hashCode() {
        return body().hashCode();
    }

    /** Such as {@code SwarmJoinOptions[listen 0.0.0.0:2377, advertise eth1]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "SwarmJoinOptions[", "]");
        j.add("listen " + listenAddr);
        if (advertiseAddr != null) {
            j.add("advertise " + advertiseAddr);
        }
        if (dataPathAddr != null) {
            j.add("data path " + dataPathAddr);
        }
        return j.toString();
    }
}
