package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.VersionConflictException;
import dev.berth.model.NodeDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Swarm nodes: {@code docker node ls}, {@code inspect}, {@code update}, {@code rm}. Needs a manager; elsewhere calls
 * raise {@link dev.berth.errors.ServiceUnavailableException} ("This node is not a swarm manager...").
 *
 * <pre>{@code
 * Nodes nodes = docker.swarm().nodes();
 * NodeDetails node = nodes.list(Map.of("role", List.of("manager"))).get(0);
 * nodes.addLabel(node.id(), "disk", "ssd");
 * nodes.update(node.id(), nodes.inspect(node.id()).versionIndex(), null, "drain", null);
 * }</pre>
 */
public final class Nodes {
    private static final JavaType LIST =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, NodeDetails.class);
    private static final Set<String> AVAILABILITIES = Set.of("active", "pause", "drain");
    private static final Set<String> ROLES = Set.of("worker", "manager");

    private final Transport transport;

    Nodes(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker node ls}: the nodes the filters select.
     *
     * @param filters {@code id}, {@code label}, {@code membership} ({@code accepted}, {@code pending}),
     *        {@code name}, {@code node.label}, {@code role} ({@code manager}, {@code worker}); empty for all
     */
    public List<NodeDetails> list(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.get("/nodes").filters(filters).build(), LIST);
    }

    /**
     * {@code docker node inspect}.
     *
     * @param id the node's id or name (the API does not know the CLI's {@code self})
     * @throws dev.berth.errors.NotFoundException when there is no such node
     */
    public NodeDetails inspect(String id) {
        return transport.json(ApiRequest.get("/nodes/{id}", id).build(), NodeDetails.class);
    }

    /**
     * {@code docker node update}: reads the node's current spec, changes what is given, and sends it with
     * {@code version}, so a change made by someone else since that version is not overwritten.
     *
     * @param id the node's id or name
     * @param version the {@code Version.Index} the change was computed from
     * @param labels the node's labels from now on (all of them), or null to keep them
     * @param availability {@code active}, {@code pause} or {@code drain}, or null to keep it
     * @param role {@code worker} or {@code manager}, or null to keep it
     * @throws VersionConflictException when the node changed since {@code version}
     * @throws IllegalArgumentException when the availability or role is unknown
     */
    public void update(String id, long version, Map<String, String> labels, String availability, String role) {
        if (availability != null && !AVAILABILITIES.contains(availability)) {
            throw new IllegalArgumentException("unknown availability '" + availability
                    + "': expected active, pause or drain");
        }
        if (role != null && !ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "': expected worker or manager");
        }
        NodeDetails.Spec current = inspect(id).spec();
        Map<String, Object> spec = new LinkedHashMap<>();
        if (current != null) {
            spec.putAll(current.extras());
            if (current.name() != null) {
                spec.put("Name", current.name());
            }
            spec.put("Labels", current.labels());
            spec.put("Role", current.role());
            spec.put("Availability", current.availability());
        }
        if (labels != null) {
            spec.put("Labels", new LinkedHashMap<>(labels));
        }
        if (availability != null) {
            spec.put("Availability", availability);
        }
        if (role != null) {
            spec.put("Role", role);
        }
        VersionGuard.guard(() -> transport.send(ApiRequest.post("/nodes/{id}/update", id)
                .query("version", version).json(spec).build()).discard());
    }

    /**
     * {@code docker node update --label-add KEY=VALUE}: the node's labels plus this one, against its current
     * version; read again and retried when the node changed in between, as
     * {@link Services#update(String, java.util.function.UnaryOperator)} does.
     *
     * @throws VersionConflictException when every attempt met a newer version
     */
    public void addLabel(String id, String key, String value) {
        Services.retrying(() -> {
            NodeDetails node = inspect(id);
            Map<String, String> labels = new LinkedHashMap<>(node.spec() == null ? Map.of() : node.spec().labels());
            labels.put(key, value);
            update(id, node.versionIndex(), labels, null, null);
            return null;
        });
    }

    /**
     * {@code docker node rm}.
     *
     * @param force remove it even when it is up, or a manager (the CLI's {@code --force})
     * @throws dev.berth.errors.BadRequestException or {@link dev.berth.errors.ServerErrorException} with the
     *         daemon's reason when it refuses (a node that is up, the last manager)
     */
    public void remove(String id, boolean force) {
        transport.send(ApiRequest.delete("/nodes/{id}", id).query("force", force ? true : null).build()).discard();
    }
}
