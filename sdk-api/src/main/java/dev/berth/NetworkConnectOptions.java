package dev.berth;

import dev.berth.model.internal.Masking;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Networks#connect(String, String, NetworkConnectOptions)} attaches a container
 * ({@code docker network connect}): extra DNS names, fixed addresses, links and driver options of the container's
 * endpoint on the network. Immutable: each {@code with} method returns a new value.
 *
 * <pre>{@code
 * NetworkConnectOptions db = NetworkConnectOptions.defaults().withAliases("database", "pg")
 *         .withIpv4Address("10.10.0.50");
 * docker.networks().connect("app-net", "db", db);   // docker network connect --alias database --alias pg --ip ...
 * }</pre>
 */
public final class NetworkConnectOptions {
    private static final NetworkConnectOptions DEFAULTS =
            new NetworkConnectOptions(List.of(), null, null, List.of(), Map.of());

    private final List<String> aliases;
    private final String ipv4Address;
    private final String ipv6Address;
    private final List<String> links;
    private final Map<String, String> driverOptions;

    private NetworkConnectOptions(List<String> aliases, String ipv4Address, String ipv6Address, List<String> links,
                                  Map<String, String> driverOptions) {
        this.aliases = aliases;
        this.ipv4Address = ipv4Address;
        this.ipv6Address = ipv6Address;
        this.links = links;
        this.driverOptions = driverOptions;
    }

    /**
     * No aliases, links or driver options, and addresses the daemon picks.
     *
     * @return the options of a plain {@code docker network connect}
     */
    public static NetworkConnectOptions defaults() {
        return DEFAULTS;
    }

    /**
     * With more names other containers on the network resolve to this one ({@code --alias}); a name given twice is
     * kept once.
     *
     * @param aliases the DNS names, added after those already given
     * @return a copy with these aliases too
     * @throws IllegalArgumentException when an alias is null, empty or holds whitespace
     */
    public NetworkConnectOptions withAliases(String... aliases) {
        return new NetworkConnectOptions(added(this.aliases, aliases, "alias"), ipv4Address, ipv6Address, links,
                driverOptions);
    }

    /**
     * With this IPv4 address on the network ({@code --ip}), such as {@code 10.10.0.50}. It must lie in a subnet the
     * network was created with ({@link dev.berth.model.NetworkSpec.Builder#subnet}); networks with a daemon-picked
     * pool, and the default {@code bridge}, refuse it (400).
     *
     * @param address an IPv4 address without prefix length
     * @return a copy with this address
     * @throws IllegalArgumentException when the address is empty, holds whitespace or a prefix length
     */
    public NetworkConnectOptions withIpv4Address(String address) {
        return new NetworkConnectOptions(aliases, address(address, "IPv4 address"), ipv6Address, links,
                driverOptions);
    }

    /**
     * With this IPv6 address on the network ({@code --ip6}), in a subnet of a network with IPv6.
     *
     * @param address an IPv6 address without prefix length
     * @return a copy with this address
     * @throws IllegalArgumentException when the address is empty, holds whitespace or a prefix length
     */
    public NetworkConnectOptions withIpv6Address(String address) {
        return new NetworkConnectOptions(aliases, ipv4Address, address(address, "IPv6 address"), links,
                driverOptions);
    }

    /**
     * With legacy links to other containers ({@code --link}), each {@code container} or {@code container:alias}.
     *
     * @param links each {@code container} or {@code container:alias}, added after those already given
     * @return a copy with these links too
     * @throws IllegalArgumentException when a link is null, empty or holds whitespace
     */
    public NetworkConnectOptions withLinks(String... links) {
        return new NetworkConnectOptions(aliases, ipv4Address, ipv6Address, added(this.links, links, "link"),
                driverOptions);
    }

    /**
     * With an option for the network driver's endpoint ({@code --driver-opt key=value}); a key given twice keeps the
     * last value.
     *
     * @param key the option's name
     * @param value its value
     * @return a copy with this option
     * @throws IllegalArgumentException when the key is null or empty, or the value null
     */
    public NetworkConnectOptions withDriverOption(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("driver option name must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("driver option " + key + " needs a value");
        }
        Map<String, String> copy = new LinkedHashMap<>(driverOptions);
        copy.put(key, value);
        return new NetworkConnectOptions(aliases, ipv4Address, ipv6Address, links,
                Collections.unmodifiableMap(copy));
    }

    /**
     * The extra DNS names, in the order given.
     *
     * @return the aliases, unmodifiable
     */
    public List<String> aliases() {
        return aliases;
    }

    /** {@return the fixed IPv4 address; empty when the daemon picks one} */
    public Optional<String> ipv4Address() {
        return Optional.ofNullable(ipv4Address);
    }

    /** {@return the fixed IPv6 address; empty when the daemon picks one} */
    public Optional<String> ipv6Address() {
        return Optional.ofNullable(ipv6Address);
    }

    /**
     * The links, in the order given.
     *
     * @return the links, unmodifiable
     */
    public List<String> links() {
        return links;
    }

    /**
     * The endpoint's driver options, in the order given.
     *
     * @return the driver options, unmodifiable
     */
    public Map<String, String> driverOptions() {
        return driverOptions;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NetworkConnectOptions n && aliases.equals(n.aliases)
                && Objects.equals(ipv4Address, n.ipv4Address) && Objects.equals(ipv6Address, n.ipv6Address)
                && links.equals(n.links) && driverOptions.equals(n.driverOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aliases, ipv4Address, ipv6Address, links, driverOptions);
    }

    /** {@code NetworkConnectOptions[aliases=[db], ipv4Address=10.10.0.50, ...]}, driver options masked. */
    @Override
    public String toString() {
        return "NetworkConnectOptions[aliases=" + aliases + ", ipv4Address=" + ipv4Address().orElse("(any)")
                + ", ipv6Address=" + ipv6Address().orElse("(any)") + ", links=" + links + ", driverOptions="
                + Masking.map(driverOptions) + "]";
    }

    private static List<String> added(List<String> list, String[] more, String what) {
        LinkedHashSet<String> all = new LinkedHashSet<>(list);
        for (String s : more) {
            all.add(word(s, what));
        }
        return List.copyOf(all);
    }

    private static String address(String value, String what) {
        String v = word(value, what);
        if (v.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "': an address, not a CIDR");
        }
        return v;
    }

    private static String word(String value, String what) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "'");
        }
        return value;
    }
}
