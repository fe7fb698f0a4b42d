package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.NetworkDetails;
import dev.berth.model.NetworkSpec;
import dev.berth.model.PruneResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code docker network}: ls, inspect, create, connect, disconnect, rm, prune. Every method is one Engine API call
 * through the shared request pipeline; errors are the typed exceptions of
 * {@link dev.berth.errors.DockerException}, carrying the daemon's message.
 *
 * <pre>{@code
 * Networks n = docker.networks();
 * String id = n.create(NetworkSpec.builder("app-net").subnet("10.10.0.0/24").build());
 * n.connect("app-net", "db", NetworkConnectOptions.defaults().withAliases("database").withIpv4Address("10.10.0.50"));
 * n.inspect("app-net").containers();   // {3f4e...=Endpoint[name=db, ..., ipv4Address=10.10.0.50/24, ...]}
 * n.disconnect("app-net", "db");
 * n.remove(id);
 * }</pre>
 *
 * <p>Docker 20.10 answers some mistakes with 403 ({@link dev.berth.errors.ForbiddenException}) rather than
 * 409: a subnet that overlaps another network's, connecting a container twice, removing a network that still has
 * containers. Disconnecting a container that is not connected is a 500
 * ({@link dev.berth.errors.ServerErrorException}).
 */
public final class Networks {
    private static final JavaType DETAILS =
            Json.typeFactory().constructCollectionType(List.class, NetworkDetails.class);

    private final Transport transport;

    Networks(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker network ls}: every network; see {@link #list(Filters)}.
     *
     * @return the networks, without their containers
     */
    public List<NetworkDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker network ls --filter}: such as {@code label=k=v}, {@code name=app}, {@code driver=bridge},
     * {@code type=custom}, {@code dangling=true}. The rows leave {@link NetworkDetails#containers()} empty; inspect a
     * network to see its containers.
     *
     * @param filters the filters; {@link Filters#none()} for every network
     * @return the matching networks
     */
    public List<NetworkDetails> list(Filters filters) {
        List<NetworkDetails> list = transport.json(ApiRequest.get("/networks").filters(filters.asMap()).build(),
                DETAILS);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker network inspect}: the network with its attached containers.
     *
     * @param id the network's id, id prefix or name
     * @return the network, with its IPAM settings and attached containers
     * @throws dev.berth.errors.NotFoundException when there is no such network
     */
    public NetworkDetails inspect(String id) {
        return transport.json(ApiRequest.get("/networks/{id}", id).build(), NetworkDetails.class);
    }

    /**
     * {@code docker network create}.
     *
     * @param spec the network's name, driver, subnets, options and labels
     * @return the new network's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     * @throws dev.berth.errors.ForbiddenException when the subnet overlaps another network's
     */
    public String create(NetworkSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return transport.json(ApiRequest.post("/networks/create").json(spec).build(), Created.class).id();
    }

    /**
     * {@code docker network connect}: attaches a container, running or not, with no aliases and an address the
     * daemon picks.
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @throws dev.berth.errors.ForbiddenException when the container is already connected
     */
    public void connect(String network, String container) {
        connect(network, container, NetworkConnectOptions.defaults());
    }

    /**
     * {@code docker network connect --alias ... --ip ... --ip6 ... --link ... --driver-opt ...}: attaches a
     * container, running or not, with the endpoint settings of {@code options}.
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @param options the endpoint's aliases, addresses, links and driver options
     * @throws dev.berth.errors.ForbiddenException when the container is already connected
     * @throws dev.berth.errors.DockerException with status 400 for a fixed address outside the network's subnets
     */
    public void connect(String network, String container, NetworkConnectOptions options) {
        String ipv4 = options.ipv4Address().orElse(null);
        String ipv6 = options.ipv6Address().orElse(null);
        EndpointConfig endpoint = new EndpointConfig(
                ipv4 == null && ipv6 == null ? null : new IpamConfig(ipv4, ipv6), options.links(), options.aliases(),
                options.driverOptions());
        transport.send(ApiRequest.post("/networks/{id}/connect", network)
                .json(new ConnectRequest(Objects.requireNonNull(container, "container"), endpoint)).build())
                .discard();
    }

    /**
     * {@code docker network disconnect}.
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @throws dev.berth.errors.ServerErrorException when the container is not connected (Docker 20.10 says 500)
     */
    public void disconnect(String network, String container) {
        disconnect(network, container, NetworkDisconnectOptions.defaults());
    }

    /**
     * {@code docker network disconnect [-f]}.
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @param options {@code -f} or not
     * @throws dev.berth.errors.ServerErrorException when the container is not connected (Docker 20.10 says 500)
     */
    public void disconnect(String network, String container, NetworkDisconnectOptions options) {
        transport.send(ApiRequest.post("/networks/{id}/disconnect", network)
                .json(new DisconnectRequest(Objects.requireNonNull(container, "container"), options.isForce()))
                .build()).discard();
    }

    /**
     * {@code docker network rm}.
     *
     * @param id the network's id or name
     * @throws dev.berth.errors.ForbiddenException when containers are still connected, or for a predefined
     *         network
     * @throws dev.berth.errors.NotFoundException when there is no such network
     */
    public void remove(String id) {
        transport.send(ApiRequest.delete("/networks/{id}", id).build()).discard();
    }

    /**
     * {@code docker network prune}: every network no container uses; see {@link #prune(Filters)}.
     *
     * @return the names of the removed networks
     */
    public PruneResult prune() {
        return prune(Filters.none());
    }

    /**
     * {@code docker network prune --filter}: removes the networks no container uses that match the filters
     * ({@code label=k}, {@code label=k=v}, {@code label!=...}, {@code until=24h}). Predefined networks are never
     * removed.
     *
     * @param filters the filters; {@link Filters#none()} for every unused network
     * @return the names of the removed networks; {@link PruneResult#spaceReclaimed()} is 0
     */
    public PruneResult prune(Filters filters) {
        return transport.json(ApiRequest.post("/networks/prune").filters(filters.asMap()).build(),
                PruneResult.class);
    }

    /** {@code POST /networks/create}'s answer; a {@code Warning} is only ever empty on the engines Berth supports. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Created(@JsonProperty("Id") String id) {
    }

    /** {@code NetworkConnectRequest}: the endpoint is always sent, empty when nothing is set, as the CLI does. */
    private record ConnectRequest(@JsonProperty("Container") String container,
                                  @JsonProperty("EndpointConfig") EndpointConfig endpointConfig) {
    }

    /**
     * The settable part of {@code EndpointSettings}; what is unset is left out. No {@code MacAddress}: from API 1.54
     * the daemon would apply it.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private record EndpointConfig(@JsonProperty("IPAMConfig") IpamConfig ipamConfig,
                                  @JsonProperty("Links") List<String> links,
                                  @JsonProperty("Aliases") List<String> aliases,
                                  @JsonProperty("DriverOpts") Map<String, String> driverOpts) {
    }

    /** {@code EndpointIPAMConfig}: the fixed addresses. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address,
                              @JsonProperty("IPv6Address") String ipv6Address) {
    }

    /** {@code NetworkDisconnectRequest}; {@code Force} only when set. */
    private record DisconnectRequest(@JsonProperty("Container") String container,
                                     @JsonProperty("Force") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
                                     boolean force) {
    }
}
