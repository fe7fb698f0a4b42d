package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A network as {@code docker network inspect} shows it ({@code GET /networks/{id}}), and as each row of
 * {@code docker network ls} ({@code GET /networks}), where {@link #containers()} is always empty. Fields the record
 * does not model ({@code ConfigFrom}, {@code ConfigOnly}, {@code Peers} and later additions) are kept in
 * {@link #extras()}, and in each nested record's {@code extras()}.
 *
 * <pre>{@code
 * NetworkDetails n = docker.networks().inspect("app-net");
 * n.driver();                              // "bridge"
 * n.ipam().config().get(0).subnet();       // "10.10.0.0/24"
 * n.containers().values().stream()
 *         .map(NetworkDetails.Endpoint::ipv4Address).toList();   // [10.10.0.2/24, ...]
 * }</pre>
 *
 * @param name the network's name
 * @param id the network's id
 * @param created when the network was created, as RFC 3339 with nanoseconds ({@code 0001-01-01T00:00:00Z} for
 *        the predefined {@code host} and {@code none})
 * @param scope {@code local}, {@code global} or {@code swarm}
 * @param driver the network driver, such as {@code bridge}, {@code overlay}, {@code host} or {@code null}
 * @param enableIPv6 whether the network has IPv6
 * @param ipam how addresses are handed out; null when the daemon sent none
 * @param internal whether the network is cut off from the outside
 * @param attachable whether plain containers may join a swarm-scoped network
 * @param ingress whether this is the swarm routing-mesh network
 * @param containers the attached containers' endpoints, by container id; empty in a list answer
 * @param options the driver options the network was created with
 * @param labels the network's labels
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkDetails(
        @JsonProperty("Name") String name,
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Driver") String driver,
        @JsonProperty("EnableIPv6") boolean enableIPv6,
        @JsonProperty("IPAM") @Nullable Ipam ipam,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("Containers") Map<String, Endpoint> containers,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies the maps, unmodifiable; null becomes empty.
     *
     * @param name the network's name
     * @param id the network's id
     * @param created when the network was created, as RFC 3339 with nanoseconds ({@code 0001-01-01T00:00:00Z} for the
     *        predefined {@code host} and {@code none})
     * @param scope {@code local}, {@code global} or {@code swarm}
     * @param driver the network driver, such as {@code bridge}, {@code overlay}, {@code host} or {@code null}
     * @param enableIPv6 whether the network has IPv6
     * @param ipam how addresses are handed out; null when the daemon sent none
     * @param internal whether the network is cut off from the outside
     * @param attachable whether plain containers may join a swarm-scoped network
     * @param ingress whether this is the swarm routing-mesh network
     * @param containers the attached containers' endpoints, by container id; empty in a list answer
     * @param options the driver options the network was created with
     * @param labels the network's labels
     * @param extras every field this record does not model, as the daemon sent it
     */
    public NetworkDetails {
        containers = Copies.copy(containers);
        options = Copies.copy(options);
        labels = Copies.copy(labels);
        extras = Copies.copy(extras);
    }

    /**
     * The network's address management ({@code IPAM}).
     *
     * <pre>{@code
     * Ipam ipam = network.ipam();
     * ipam.driver();                    // "default"
     * ipam.config().get(0).gateway();   // "10.10.0.1"
     * }</pre>
     *
     * @param driver the IPAM driver, usually {@code default}
     * @param config the address pools, one per subnet; empty for {@code host} and {@code none}
     * @param options the IPAM driver's options
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ipam(
            @JsonProperty("Driver") String driver,
            @JsonProperty("Config") List<IpamConfig> config,
            @JsonProperty("Options") Map<String, String> options,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code config}, {@code options} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param driver the IPAM driver, usually {@code default}
         * @param config the address pools, one per subnet; empty for {@code host} and {@code none}
         * @param options the IPAM driver's options
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Ipam {
            config = Copies.copy(config);
            options = Copies.copy(options);
            extras = Copies.copy(extras);
        }
    }

    /**
     * One address pool of a network.
     *
     * <pre>{@code
     * IpamConfig pool = network.ipam().config().get(0);
     * pool.subnet();    // "10.10.0.0/24"
     * pool.ipRange();   // "10.10.0.128/25", or null when addresses come from the whole subnet
     * }</pre>
     *
     * @param subnet the subnet in CIDR form
     * @param gateway the gateway address; null when the daemon sent none
     * @param ipRange the part of the subnet dynamic addresses come from, in CIDR form; null when not set
     * @param extras every field this record does not model ({@code AuxiliaryAddresses}), as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IpamConfig(
            @JsonProperty("Subnet") String subnet,
            @JsonProperty("Gateway") @Nullable String gateway,
            @JsonProperty("IPRange") @Nullable String ipRange,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param subnet the subnet in CIDR form
         * @param gateway the gateway address; null when the daemon sent none
         * @param ipRange the part of the subnet dynamic addresses come from, in CIDR form; null when not set
         * @param extras every field this record does not model ({@code AuxiliaryAddresses}), as the daemon sent it
         */
        public IpamConfig {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A container's endpoint on the network, as the network sees it.
     *
     * <pre>{@code
     * Endpoint e = network.containers().get(containerId);
     * e.name();          // "web"
     * e.ipv4Address();   // "10.10.0.2/24"
     * }</pre>
     *
     * @param name the container's name, without a leading {@code /}
     * @param endpointId the endpoint's id
     * @param macAddress the endpoint's MAC address
     * @param ipv4Address the IPv4 address with its prefix length, such as {@code 10.10.0.2/24}; may be empty
     * @param ipv6Address the IPv6 address with its prefix length; empty without IPv6
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(
            @JsonProperty("Name") String name,
            @JsonProperty("EndpointID") String endpointId,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("IPv4Address") String ipv4Address,
            @JsonProperty("IPv6Address") String ipv6Address,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name the container's name, without a leading {@code /}
         * @param endpointId the endpoint's id
         * @param macAddress the endpoint's MAC address
         * @param ipv4Address the IPv4 address with its prefix length, such as {@code 10.10.0.2/24}; may be empty
         * @param ipv6Address the IPv6 address with its prefix length; empty without IPv6
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Endpoint {
            extras = Copies.copy(extras);
        }
    }
}
