package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.NetworkDetails;
import dev.berth.model.NetworkSpec;
import dev.berth.model.PruneResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker network}: ls, inspect, create, connect, disconnect, rm, prune. Every method is one Engine API call
 * through the shared request pipeline; errors are the typed exceptions of
 * {@link dev.berth.errors.DockerException}, carrying the daemon's message.
 *
 * <pre>{@code
 * Networks n = docker.networks();
 * String id = n.create(NetworkSpec.builder("app-net").subnet("10.10.0.0/24").build());
 * n.connect("app-net", "db", List.of("database"), "10.10.0.50");
 * n.inspect("app-net").containers();   // {3f4e...=Endpoint[name=db, ..., ipv4Address=10.10.0.50/24, ...]}
 * n.disconnect("app-net", "db", false);
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
            Json.mapper().getTypeFactory().constructCollectionType(List.class, NetworkDetails.class);

    private final Transport transport;

    Networks(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker network ls --filter}: such as {@code label=k=v}, {@code name=app}, {@code driver=bridge},
     * {@code type=custom}, {@code dangling=true}. The rows leave {@link NetworkDetails#containers()} empty; inspect a
     * network to see its containers.
     *
     * <pre>{@code
     * networks.list(Map.of("label", List.of("team=web"))).forEach(n -> System.out.println(n.name()));
     * }</pre>
     *
     * @param filters the filters, or an empty map for every network
     * @return the matching networks
     */
    public List<NetworkDetails> list(Map<String, List<String>> filters) {
        List<NetworkDetails> list = transport.json(ApiRequest.get("/networks").filters(filters).build(), DETAILS);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker network inspect}: the network with its attached containers.
     *
     * <pre>{@code
     * networks.inspect("app-net").ipam().config().get(0).subnet();   // "10.10.0.0/24"
     * }</pre>
     *
     * @param id the network's id, id prefix or name
     * @return the network
     * @throws dev.berth.errors.NotFoundException when there is no such network
     */
    public NetworkDetails inspect(String id) {
        return transport.json(ApiRequest.get("/networks/{id}", id).build(), NetworkDetails.class);
    }

    /**
     * {@code docker network create}.
     *
     * <pre>{@code
     * String id = networks.create(NetworkSpec.builder("app-net").label("team", "web").build());
     * }</pre>
     *
     * @param spec the network to create
     * @return the new network's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     * @throws dev.berth.errors.ForbiddenException when the subnet overlaps another network's
     */
    public String create(NetworkSpec spec) {
        Map<?, ?> r = transport.json(ApiRequest.post("/networks/create").json(spec.toCreateBody()).build(),
                Map.class);
        return (String) r.get("Id");
    }

    /**
     * {@code docker network connect}: attaches a container, running or not, with no aliases and an address the
     * daemon picks.
     *
     * <pre>{@code
     * networks.connect("app-net", "web");
     * }</pre>
     *
     * @param network the network's id or name
     * @param container the container's id or name
     */
    public void connect(String network, String container) {
        connect(network, container, List.of(), null);
    }

    /**
     * {@code docker network connect --alias ... --ip ...}: attaches a container under extra DNS names, at a fixed
     * address. The address must lie in a subnet the network was created with ({@link NetworkSpec.Builder#subnet});
     * networks with a daemon-picked pool, and the default {@code bridge}, refuse it (400).
     *
     * <pre>{@code
     * networks.connect("app-net", "db", List.of("database", "pg"), "10.10.0.50");
     * }</pre>
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @param aliases extra names other containers on the network resolve to this one; may be empty
     * @param ipv4Address the container's IPv4 address on the network, or null for one the daemon picks
     * @throws dev.berth.errors.ForbiddenException when the container is already connected
     */
    public void connect(String network, String container, List<String> aliases, String ipv4Address) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        if (ipv4Address != null) {
            endpoint.put("IPAMConfig", Map.of("IPv4Address", ipv4Address));
        }
        if (aliases != null && !aliases.isEmpty()) {
            endpoint.put("Aliases", List.copyOf(aliases));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        body.put("EndpointConfig", endpoint);
        transport.send(ApiRequest.post("/networks/{id}/connect", network).json(body).build()).discard();
    }

    /**
     * {@code docker network disconnect}.
     *
     * <pre>{@code
     * networks.disconnect("app-net", "db", false);
     * }</pre>
     *
     * @param network the network's id or name
     * @param container the container's id or name
     * @param force disconnect even when the daemon cannot reach the container's sandbox
     * @throws dev.berth.errors.ServerErrorException when the container is not connected (Docker 20.10 says 500)
     */
    public void disconnect(String network, String container, boolean force) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        if (force) {
            body.put("Force", true);
        }
        transport.send(ApiRequest.post("/networks/{id}/disconnect", network).json(body).build()).discard();
    }

    /**
     * {@code docker network rm}.
     *
     * <pre>{@code
     * networks.remove("app-net");
     * }</pre>
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
     * {@code docker network prune --filter}: removes the networks no container uses that match the filters
     * ({@code label=k}, {@code label=k=v}, {@code label!=...}, {@code until=24h}). Predefined networks are never
     * removed.
     *
     * <pre>{@code
     * networks.prune(Map.of("label", List.of("team=web"))).deleted();   // [app-net]
     * }</pre>
     *
     * @param filters the filters, or an empty map for every unused network
     * @return the names of the removed networks; {@link PruneResult#spaceReclaimed()} is 0
     */
    public PruneResult prune(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.post("/networks/prune").filters(filters).build(), PruneResult.class);
    }
}
