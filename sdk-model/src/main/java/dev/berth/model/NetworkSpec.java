package dev.berth.model;

import dev.berth.model.internal.Masking;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker network create} takes: name, driver, one address pool (subnet, gateway, IP range), labels,
 * driver options and flags. Build one with {@link #builder(String)}; {@link #toCreateBody()} writes the JSON body
 * of {@code POST /networks/create}.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder("app-net")
 *         .subnet("10.10.0.0/24").gateway("10.10.0.1").ipRange("10.10.0.128/25")
 *         .label("team", "web").option("com.docker.network.driver.mtu", "1400")
 *         .build();
 * String id = docker.networks().create(spec);
 * }</pre>
 *
 * <p>The body always asks the daemon to refuse a name already taken ({@code CheckDuplicate}), as the CLI does:
 * without it, Docker 20.10 happily creates a second network of the same name.
 */
public final class NetworkSpec {
    private final String name;
    private final String driver;
    private final String subnet;
    private final String gateway;
    private final String ipRange;
    private final Map<String, String> labels;
    private final Map<String, String> options;
    private final boolean internal;
    private final boolean attachable;
    private final boolean enableIPv6;

    private NetworkSpec(Builder b) {
        this.name = b.name;
        this.driver = b.driver;
        this.subnet = b.subnet;
        this.gateway = b.gateway;
        this.ipRange = b.ipRange;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.internal = b.internal;
        this.attachable = b.attachable;
        this.enableIPv6 = b.enableIPv6;
    }

    /**
     * Starts a spec for a network of this name, on the {@code bridge} driver, with an address pool the daemon
     * picks.
     *
     * <pre>{@code
     * NetworkSpec.builder("app-net").internal(true).build();
     * }</pre>
     *
     * @param name the network's name
     * @return a builder
     * @throws IllegalArgumentException when the name is empty or holds whitespace
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The network's name.
     *
     * <pre>{@code
     * NetworkSpec.builder("app-net").build().name();   // "app-net"
     * }</pre>
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The JSON body of {@code POST /networks/create}, as fresh maps and lists with the daemon's field names. Flags
     * are written only when true, {@code IPAM} only when a subnet is set.
     *
     * <pre>{@code
     * NetworkSpec.builder("app-net").subnet("10.10.0.0/24").gateway("10.10.0.1").build().toCreateBody();
     * // {Name=app-net, CheckDuplicate=true, Driver=bridge,
     * //  IPAM={Driver=default, Config=[{Subnet=10.10.0.0/24, Gateway=10.10.0.1}]}}
     * }</pre>
     *
     * @return the body as a map
     */
    public Map<String, Object> toCreateBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("CheckDuplicate", true);
        body.put("Driver", driver);
        if (internal) {
            body.put("Internal", true);
        }
        if (attachable) {
            body.put("Attachable", true);
        }
        if (enableIPv6) {
            body.put("EnableIPv6", true);
        }
        if (subnet != null) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("Subnet", subnet);
            if (gateway != null) {
                pool.put("Gateway", gateway);
            }
            if (ipRange != null) {
                pool.put("IPRange", ipRange);
            }
            List<Object> config = new ArrayList<>();
            config.add(pool);
            Map<String, Object> ipam = new LinkedHashMap<>();
            ipam.put("Driver", "default");
            ipam.put("Config", config);
            body.put("IPAM", ipam);
        }
        if (!options.isEmpty()) {
            body.put("Options", new LinkedHashMap<>(options));
        }
        if (!labels.isEmpty()) {
            body.put("Labels", new LinkedHashMap<>(labels));
        }
        return body;
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && name.equals(s.name) && driver.equals(s.driver)
                && Objects.equals(subnet, s.subnet) && Objects.equals(gateway, s.gateway)
                && Objects.equals(ipRange, s.ipRange) && labels.equals(s.labels) && options.equals(s.options)
                && internal == s.internal && attachable == s.attachable && enableIPv6 == s.enableIPv6;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, subnet, gateway, ipRange, labels, options, internal, attachable,
                enableIPv6);
    }

    /** The create body, for logs; labels and driver options with secret-looking names masked as in ContainerSpec. */
    @Override
    public String toString() {
        return "NetworkSpec" + Masking.tree("", toCreateBody());
    }

    /**
     * Collects the settings of a {@link NetworkSpec}. Each setter checks its value at once and throws
     * {@link IllegalArgumentException} naming it.
     *
     * <pre>{@code
     * NetworkSpec.Builder b = NetworkSpec.builder("backend").driver("bridge").attachable(true);
     * b.label("env", "test");
     * NetworkSpec spec = b.build();
     * }</pre>
     */
    public static final class Builder {
        private final String name;
        private String driver = "bridge";
        private String subnet;
        private String gateway;
        private String ipRange;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean internal;
        private boolean attachable;
        private boolean enableIPv6;

        private Builder(String name) {
            this.name = word(name, "network name");
        }

        /**
         * The network driver ({@code --driver}); {@code bridge} unless set.
         *
         * <pre>{@code
         * builder.driver("overlay");
         * }</pre>
         *
         * @param driver the driver's name
         * @return this builder
         */
        public Builder driver(String driver) {
            this.driver = word(driver, "network driver");
            return this;
        }

        /**
         * The subnet of the network's address pool ({@code --subnet}), in CIDR form.
         *
         * <pre>{@code
         * builder.subnet("10.10.0.0/24");
         * }</pre>
         *
         * @param cidr such as {@code 10.10.0.0/24}
         * @return this builder
         */
        public Builder subnet(String cidr) {
            this.subnet = cidr(cidr, "subnet");
            return this;
        }

        /**
         * The gateway address inside the subnet ({@code --gateway}); needs {@link #subnet}.
         *
         * <pre>{@code
         * builder.subnet("10.10.0.0/24").gateway("10.10.0.1");
         * }</pre>
         *
         * @param address such as {@code 10.10.0.1}, without prefix length
         * @return this builder
         */
        public Builder gateway(String address) {
            String a = word(address, "gateway");
            if (a.indexOf('/') >= 0) {
                throw new IllegalArgumentException("invalid gateway '" + address + "': an address, not a CIDR");
            }
            this.gateway = a;
            return this;
        }

        /**
         * The part of the subnet that dynamic addresses come from ({@code --ip-range}), in CIDR form; needs
         * {@link #subnet}. Static addresses may still lie anywhere in the subnet.
         *
         * <pre>{@code
         * builder.subnet("10.10.0.0/24").ipRange("10.10.0.128/25");
         * }</pre>
         *
         * @param cidr such as {@code 10.10.0.128/25}
         * @return this builder
         */
        public Builder ipRange(String cidr) {
            this.ipRange = cidr(cidr, "IP range");
            return this;
        }

        /**
         * Adds a label ({@code --label}); a key given twice keeps the last value.
         *
         * <pre>{@code
         * builder.label("team", "web");
         * }</pre>
         *
         * @param key the label's key
         * @param value the label's value ({@code ""} for none)
         * @return this builder
         */
        public Builder label(String key, String value) {
            SpecValidation.label(key, value);
            labels.put(key, value);
            return this;
        }

        /**
         * Adds labels ({@code --label}), in the map's order.
         *
         * <pre>{@code
         * builder.labels(Map.of("team", "web", "env", "test"));
         * }</pre>
         *
         * @param labels keys and values
         * @return this builder
         */
        public Builder labels(Map<String, String> labels) {
            SpecValidation.notNull(labels, "labels").forEach(this::label);
            return this;
        }

        /**
         * Adds a driver option ({@code --opt}), such as {@code com.docker.network.driver.mtu}.
         *
         * <pre>{@code
         * builder.option("com.docker.network.bridge.name", "br-app");
         * }</pre>
         *
         * @param key the option's name
         * @param value the option's value
         * @return this builder
         */
        public Builder option(String key, String value) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("network option name must not be empty");
            }
            if (value == null) {
                throw new IllegalArgumentException("network option " + key + " needs a value");
            }
            options.put(key, value);
            return this;
        }

        /**
         * Whether the network is cut off from the outside ({@code --internal}); false unless set.
         *
         * <pre>{@code
         * builder.internal(true);
         * }</pre>
         *
         * @param internal true for no route out
         * @return this builder
         */
        public Builder internal(boolean internal) {
            this.internal = internal;
            return this;
        }

        /**
         * Whether plain containers may join a swarm-scoped network ({@code --attachable}); false unless set.
         *
         * <pre>{@code
         * builder.driver("overlay").attachable(true);
         * }</pre>
         *
         * @param attachable true to let containers connect
         * @return this builder
         */
        public Builder attachable(boolean attachable) {
            this.attachable = attachable;
            return this;
        }

        /**
         * Whether the network has IPv6 ({@code --ipv6}); false unless set.
         *
         * <pre>{@code
         * builder.enableIPv6(true);
         * }</pre>
         *
         * @param enableIPv6 true for IPv6
         * @return this builder
         */
        public Builder enableIPv6(boolean enableIPv6) {
            this.enableIPv6 = enableIPv6;
            return this;
        }

        /**
         * The spec.
         *
         * <pre>{@code
         * NetworkSpec spec = NetworkSpec.builder("app-net").build();
         * }</pre>
         *
         * @return the spec
         * @throws IllegalArgumentException when a gateway or IP range is set without a subnet
         */
        public NetworkSpec build() {
            if (subnet == null && (gateway != null || ipRange != null)) {
                throw new IllegalArgumentException("network " + name + ": a gateway or IP range needs a subnet");
            }
            return new NetworkSpec(this);
        }

        private static String cidr(String value, String what) {
            String v = word(value, what);
            int slash = v.indexOf('/');
            if (slash <= 0 || slash == v.length() - 1 || slash < v.length() - 4
                    || !v.substring(slash + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("invalid " + what + " '" + value
                        + "': expected CIDR such as 10.10.0.0/24");
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
}
