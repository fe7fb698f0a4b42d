package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.VersionConflictException;
import dev.berth.internal.VersionGuard;
import dev.berth.model.NodeDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.List;

/**
 * Swarm nodes: {@code docker node ls}, {@code inspect}, {@code update}, {@code rm}. Needs a manager; elsewhere calls
 * raise {@link dev.berth.errors.ServiceUnavailableException} ("This node is not a swarm manager...").
 *
 * <pre>{@code
 * Nodes nodes = docker.swarm().nodes();
 * NodeDetails node = nodes.list(Filters.of("role", "manager")).get(0);
 * nodes.update(node.id(), NodeUpdate.label("disk", "ssd").withAvailability(NodeAvailability.DRAIN));
 * }</pre>
 */
public final class Nodes {
    private static final JavaType LIST =
            Json.typeFactory().constructCollectionType(List.class, NodeDetails.class);

    private final Transport transport;

    Nodes(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker node ls}: every node of the swarm.
     *
     * @return the swarm's nodes
     */
    public List<NodeDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker node ls --filter ...}: the nodes the filters select.
     *
     * @param filters {@code id}, {@code label}, {@code membership} ({@code accepted}, {@code pending}),
     *        {@code name}, {@code node.label}, {@code role} ({@code manager}, {@code worker})
     * @return the matching nodes
     */
    public List<NodeDetails> list(Filters filters) {
        return transport.json(ApiRequest.get("/nodes").filters(filters.asMap()).build(), LIST);
    }

    /**
     * {@code docker node inspect}.
     *
     * @param id the node's id or name (the API does not know the CLI's {@code self})
     * @return the node, with its spec, status and version
     * @throws dev.berth.errors.NotFoundException when there is no such node
     */
    public NodeDetails inspect(String id) {
        return transport.json(ApiRequest.get("/nodes/{id}", id).build(), NodeDetails.class);
    }

    /**
     * {@code docker node update} as read-modify-write: reads the node, changes what {@code update} says, and sends
     * the result with the version read. When the node changed in between, it reads again and retries, up to 5 times,
     * as {@link Services#update(String, java.util.function.UnaryOperator)} does.
     *
     * @param id the node's id or name
     * @param update what to change: availability, role, labels
     * @throws VersionConflictException when every attempt met a newer version
     * @throws dev.berth.errors.NotFoundException when there is no such node
     */
    public void update(String id, NodeUpdate update) {
        Services.retrying(() -> {
            NodeDetails node = inspect(id);
            send(id, node.versionIndex(), update.applyTo(node.spec()));
            return null;
        });
    }

    /**
     * {@code docker node update} against a version: the node's current spec, changed as {@code update} says, sent
     * naming {@code version}, so a change made by someone else since that version is not overwritten.
     *
     * @param id the node's id or name
     * @param version the {@code Version.Index} the change was computed from
     * @param update what to change: availability, role, labels
     * @throws VersionConflictException when the node changed since {@code version}
     */
    public void update(String id, long version, NodeUpdate update) {
        send(id, version, update.applyTo(inspect(id).spec()));
    }

    private void send(String id, long version, Object spec) {
        VersionGuard.guard(() -> transport.send(ApiRequest.post("/nodes/{id}/update", id)
                .query("version", version).json(spec).build()).discard());
    }

    /**
     * {@code docker node rm}: removes a node that is down.
     *
     * @param id the node's id or name
     * @throws dev.berth.errors.BadRequestException or {@link dev.berth.errors.ServerErrorException} with the
     *         daemon's reason when it refuses (a node that is up, a manager)
     */
    public void remove(String id) {
        remove(id, NodeRemoveOptions.defaults());
    }

    /**
     * {@code docker node rm [--force]}: with {@link NodeRemoveOptions#force()}, even a node that is up.
     *
     * @param id the node's id or name
     * @param options {@code --force} or not
     * @throws dev.berth.errors.BadRequestException or {@link dev.berth.errors.ServerErrorException} with the
     *         daemon's reason when it refuses (a manager, the last manager)
     */
    public void remove(String id, NodeRemoveOptions options) {
        transport.send(ApiRequest.delete("/nodes/{id}", id).query("force", options.forced() ? true : null).build())
                .discard();
    }
}
