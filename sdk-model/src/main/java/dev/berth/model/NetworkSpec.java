package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.model.internal.Masking;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker network create} takes: name, driver, one address pool (subnet, gateway, IP range), labels,
 * driver options and flags. Build one with {@link #builder(String)}. It is written as the JSON body of
 * {@code POST /networks/create} with the daemon's field names; flags only when set, {@code IPAM} only with a subnet.
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
 * without it, Docker 20.10 happily creates a second network of the same name (from API 1.44 the daemon always
 * refuses, and ignores the field).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"Name", "CheckDuplicate", "Driver", "Internal", "Attachable", "EnableIPv6", "IPAM", "Options",
    "Labels"})
public final class NetworkSpec {
    @JsonProperty("Name")
    private final String name;
    @JsonProperty("Driver")
    private final String driver;
    private final String subnet;
    private final String gateway;
    private final String ipRange;
    @JsonProperty("Labels")
    private final Map<String, String> labels;
    @JsonProperty("Options")
    private final Map<String, String> options;
    @JsonProperty("Internal")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private final boolean internal;
    @JsonProperty("Attachable")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private final boolean attachable;
    @JsonProperty("EnableIPv6")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
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
     * @param name the network's name
     * @return a builder
     * @throws IllegalArgumentException when the name is empty or holds whitespace
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the network's name} */
    public String name() {
        return name;
    }

    /** Always true: the daemon refuses a name already taken. */
    @JsonProperty("CheckDuplicate")
    private boolean checkDuplicate() {
        return true;
    }

    /** The one address pool, with the {@code default} IPAM driver; none (the daemon picks) without a subnet. */
    @JsonProperty("IPAM")
    private Ipam ipam() {
        return subnet == null ? null : new Ipam("default", List.of(new Pool(subnet, gateway, ipRange)));
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(@Nullable Object o) {
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

    /**
     * {@code NetworkSpec[name=app-net, driver=bridge, subnet=10.10.0.0/24, ..., internal=false, ...]}, for logs;
     * labels and driver options with secret-looking names masked as in ContainerSpec.
     */
    @Override
    public String toString() {
        return "NetworkSpec[name=" + name + ", driver=" + driver + ", subnet=" + subnet + ", gateway=" + gateway
                + ", ipRange=" + ipRange + ", internal=" + internal + ", attachable=" + attachable + ", enableIPv6="
                + enableIPv6 + ", options=" + Masking.map(options) + ", labels=" + Masking.map(labels) + "]";
    }

    /** {@code IPAM} of the create body. */
    private record Ipam(@JsonProperty("Driver") String driver, @JsonProperty("Config") List<Pool> config) {
    }

    /** One {@code IPAMConfig}: the subnet, and the gateway and range when set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Pool(@JsonProperty("Subnet") String subnet, @JsonProperty("Gateway") String gateway,
                        @JsonProperty("IPRange") String ipRange) {
    }

    /**
     * Collects the settings of a {@link NetworkSpec}. Each setter checks its value at once and throws
     * {@link IllegalArgumentException} naming it.
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
         * Cuts the network off from the outside ({@code --internal}): no route out, no published ports.
         *
         * @return this builder
         */
        public Builder internal() {
            this.internal = true;
            return this;
        }

        /**
         * Lets plain containers join a swarm-scoped network ({@code --attachable}).
         *
         * @return this builder
         */
        public Builder attachable() {
            this.attachable = true;
            return this;
        }

        /**
         * Gives the network IPv6 ({@code --ipv6}).
         *
         * @return this builder
         */
        public Builder enableIPv6() {
            this.enableIPv6 = true;
            return this;
        }

        /**
         * The spec.
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
