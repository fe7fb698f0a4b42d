package dev.berth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.errors.VersionConflictException;
import dev.berth.internal.VersionGuard;
import dev.berth.model.JoinTokens;
import dev.berth.model.SwarmDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;

/**
 * Docker Swarm: {@code docker swarm init}, {@code join}, {@code inspect}, {@code update}, {@code leave},
 * {@code unlock-key}, {@code unlock}, and the swarm's nodes, services, tasks, secrets and configs.
 *
 * <p>Everything but {@link #init}, {@link #join}, {@link #leave} and {@link #unlock} needs the engine to be a swarm
 * manager. On any other engine the daemon answers 503, raised as
 * {@link dev.berth.errors.ServiceUnavailableException} whose message says so: {@code This node is not a swarm
 * manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.}
 *
 * <pre>{@code
 * Swarm swarm = docker.swarm();
 * String nodeId = swarm.init(SwarmInitOptions.defaults().withAdvertiseAddr("10.0.0.5"));
 * String workerToken = swarm.joinTokens().worker();
 * swarm.services().create(ServiceSpec.builder("demo/busybox:1").replicas(3).build());
 * swarm.leave(SwarmLeaveOptions.force());
 * }</pre>
 */
public final class Swarm {
    private final Transport transport;
    private final Nodes nodes;
    private final Tasks tasks;
    private final Services services;
    private final Secrets secrets;
    private final Configs configs;

    Swarm(Transport transport) {
        this.transport = transport;
        this.nodes = new Nodes(transport);
        this.tasks = new Tasks(transport);
        this.services = new Services(transport, tasks);
        this.secrets = new Secrets(transport);
        this.configs = new Configs(transport);
    }

    // ---- membership ------------------------------------------------------------------------------------------

    /**
     * {@code docker swarm init}: makes this engine a new swarm's first manager, listening on {@code 0.0.0.0:2377}
     * and advertising the address the daemon chooses; returns its node id.
     *
     * @return the new manager's node id
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     * @throws dev.berth.errors.BadRequestException when the daemon cannot choose an address (the host has several):
     *         name one with {@link #init(SwarmInitOptions)}
     */
    public String init() {
        return init(SwarmInitOptions.defaults());
    }

    /**
     * {@code docker swarm init} with addresses, address pool, autolock; returns this node's id.
     *
     * @param options the addresses, address pools, autolock and other settings of the new swarm
     * @return the new manager's node id
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     * @throws dev.berth.errors.BadRequestException when the addresses are unusable
     */
    public String init(SwarmInitOptions options) {
        return transport.json(ApiRequest.post("/swarm/init").json(options.body()).build(), String.class);
    }

    /**
     * {@code docker swarm join}: joins an existing swarm as a worker or manager, as the token says, listening on
     * {@code 0.0.0.0:2377} and advertising the address the daemon chooses.
     *
     * @param remoteAddrs managers of the swarm, {@code host:port}
     * @param joinToken the worker or manager token
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     */
    public void join(List<String> remoteAddrs, String joinToken) {
        join(remoteAddrs, joinToken, SwarmJoinOptions.defaults());
    }

    /**
     * {@code docker swarm join} with this node's addresses.
     *
     * @param remoteAddrs managers of the swarm, {@code host:port}
     * @param joinToken the worker or manager token
     * @param options this node's listen, advertise and data path addresses
     * @throws IllegalArgumentException when there is no manager address or no token
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     */
    public void join(List<String> remoteAddrs, String joinToken, SwarmJoinOptions options) {
        if (remoteAddrs == null || remoteAddrs.isEmpty()) {
            throw new IllegalArgumentException("join needs the address of at least one manager");
        }
        Map<String, Object> body = options.body();
        body.put("RemoteAddrs", List.copyOf(remoteAddrs));
        body.put("JoinToken", notBlank(joinToken, "join token"));
        transport.send(ApiRequest.post("/swarm/join").json(body).build()).discard();
    }

    /**
     * {@code docker swarm leave}, as a worker. Its services' containers stop.
     *
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not part of a swarm, or is a manager
     */
    public void leave() {
        leave(SwarmLeaveOptions.defaults());
    }

    /**
     * {@code docker swarm leave [--force]}. With {@link SwarmLeaveOptions#force()}, a manager leaves too; on the last
     * manager the swarm's state is lost.
     *
     * @param options {@code --force} or not
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not part of a swarm, or is a manager
     *         and the leave is not forced
     */
    public void leave(SwarmLeaveOptions options) {
        transport.send(ApiRequest.post("/swarm/leave").query("force", options.forced() ? true : null).streaming()
                .build()).discard();
    }

    // ---- the swarm itself ------------------------------------------------------------------------------------

    /**
     * {@code docker swarm inspect}.
     *
     * @return the swarm's id, spec, version and join tokens
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not a swarm manager
     */
    public SwarmDetails inspect() {
        return transport.json(ApiRequest.get("/swarm").build(), SwarmDetails.class);
    }

    /**
     * {@code docker swarm join-token}: the tokens other engines join with.
     *
     * @return the worker and manager tokens
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not a swarm manager
     */
    public JoinTokens joinTokens() {
        return inspect().joinTokens();
    }

    /**
     * {@code docker swarm update} (and {@code join-token --rotate}, {@code unlock-key --rotate}) as
     * read-modify-write: reads the swarm's settings, changes what {@code update} says, and sends them with the
     * version read. When the swarm changed in between, it reads again and retries, up to 5 times, as
     * {@link Services#update(String, java.util.function.UnaryOperator)} does.
     *
     * @param update what to change
     * @throws VersionConflictException when every attempt met a newer version
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not a swarm manager
     */
    public void update(SwarmUpdate update) {
        Services.retrying(() -> {
            ObjectNode current = readSwarm();
            send(current.path("Version").path("Index").asLong(), current, update);
            return null;
        });
    }

    /**
     * {@code docker swarm update} against a version: the swarm's current settings, changed as {@code update} says,
     * sent naming {@code version}, so a change made by someone else since then is not overwritten.
     *
     * @param version the {@code Version.Index} the change was computed from ({@link SwarmDetails#versionIndex()})
     * @param update what to change
     * @throws VersionConflictException when the swarm changed since {@code version}
     */
    public void update(long version, SwarmUpdate update) {
        send(version, readSwarm(), update);
    }

    private ObjectNode readSwarm() {
        return transport.json(ApiRequest.get("/swarm").build(), ObjectNode.class);
    }

    private void send(long version, ObjectNode current, SwarmUpdate update) {
        ObjectNode spec = current.path("Spec").isObject() ? ((ObjectNode) current.get("Spec")).deepCopy()
                : Json.objectNode();
        update.applyTo(spec);
        VersionGuard.guard(() -> transport.send(ApiRequest.post("/swarm/update")
                .query("version", version).query("rotateWorkerToken", update.rotatesWorkerToken())
                .query("rotateManagerToken", update.rotatesManagerToken())
                .query("rotateManagerUnlockKey", update.rotatesUnlockKey()).json(spec).build()).discard());
    }

    /**
     * {@code docker swarm unlock-key}: the key that unlocks managers after a restart when autolock is on.
     *
     * @return the key, or an empty string when autolock is off
     */
    public String unlockKey() {
        JsonNode r = transport.json(ApiRequest.get("/swarm/unlockkey").build(), JsonNode.class);
        return r == null ? "" : r.path("UnlockKey").asText("");
    }

    /**
     * {@code docker swarm unlock}: unlocks a manager that restarted with autolock on.
     *
     * @param key the unlock key, as {@code docker swarm unlock-key} shows it ({@code SWMKEY-1-...})
     * @throws IllegalArgumentException when the key is blank
     * @throws dev.berth.errors.ConflictException when the swarm is not locked
     */
    public void unlock(String key) {
        transport.send(ApiRequest.post("/swarm/unlock").json(Map.of("UnlockKey", notBlank(key, "unlock key")))
                .build()).discard();
    }

    // ---- sub-areas -------------------------------------------------------------------------------------------

    /** {@return the swarm's nodes: {@code docker node ...}} */
    public Nodes nodes() {
        return nodes;
    }

    /** {@return the swarm's services: {@code docker service ...}} */
    public Services services() {
        return services;
    }

    /** {@return the services' tasks: {@code docker service ps}} */
    public Tasks tasks() {
        return tasks;
    }

    /** {@return the swarm's secrets: {@code docker secret ...}} */
    public Secrets secrets() {
        return secrets;
    }

    /** {@return the swarm's configs: {@code docker config ...}} */
    public Configs configs() {
        return configs;
    }

    // ---- shared by the options -------------------------------------------------------------------------------

    /** The value, unless blank; for addresses, tokens and keys. */
    static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static void putIfSet(Map<String, Object> body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
