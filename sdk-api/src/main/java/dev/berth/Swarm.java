package dev.berth;

import dev.berth.errors.VersionConflictException;
import dev.berth.model.JoinTokens;
import dev.berth.model.SwarmDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * String nodeId = swarm.init("10.0.0.5", "0.0.0.0:2377");
 * String workerToken = swarm.joinTokens().worker();
 * swarm.services().create(ServiceSpec.builder("demo/busybox:1").replicas(3).build(), null);
 * swarm.leave(true);
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
     * {@code docker swarm init}: makes this engine a new swarm's first manager; returns its node id.
     *
     * @param advertiseAddr the address other nodes reach this one on, {@code ip}, {@code ip:port} or an interface
     *        name such as {@code eth0}; null lets the daemon choose (it fails when the host has several)
     * @param listenAddr where managers listen, such as {@code 0.0.0.0:2377}; null for that default
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     * @throws dev.berth.errors.BadRequestException when the addresses are unusable
     */
    public String init(String advertiseAddr, String listenAddr) {
        return init(advertiseAddr, listenAddr, Map.of());
    }

    /**
     * {@code docker swarm init} with settings ({@code SwarmSpec}: {@code Orchestration}, {@code Raft},
     * {@code Dispatcher}, {@code CAConfig}, {@code EncryptionConfig}, {@code TaskDefaults}, ...).
     *
     * <pre>{@code
     * swarm.init("10.0.0.5", null, Map.of("EncryptionConfig", Map.of("AutoLockManagers", true)));
     * }</pre>
     *
     * @return this node's id
     */
    public String init(String advertiseAddr, String listenAddr, Map<String, Object> spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr == null ? "0.0.0.0:2377" : listenAddr);
        if (advertiseAddr != null) {
            body.put("AdvertiseAddr", advertiseAddr);
        }
        body.put("ForceNewCluster", false);
        body.put("Spec", spec == null ? Map.of() : spec);
        return transport.json(ApiRequest.post("/swarm/init").json(body).build(), String.class);
    }

    /**
     * {@code docker swarm join}: joins an existing swarm as a worker or manager, as the token says.
     *
     * @param remoteAddrs managers of the swarm, {@code host:port}
     * @param joinToken the worker or manager token
     * @param advertiseAddr this node's address for the others, or null for the daemon's choice
     * @param listenAddr where this node listens if it becomes a manager, or null for {@code 0.0.0.0:2377}
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is already part of a swarm
     */
    public void join(List<String> remoteAddrs, String joinToken, String advertiseAddr, String listenAddr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr == null ? "0.0.0.0:2377" : listenAddr);
        if (advertiseAddr != null) {
            body.put("AdvertiseAddr", advertiseAddr);
        }
        body.put("RemoteAddrs", List.copyOf(remoteAddrs));
        body.put("JoinToken", Objects.requireNonNull(joinToken, "joinToken"));
        transport.send(ApiRequest.post("/swarm/join").json(body).build()).discard();
    }

    /**
     * {@code docker swarm leave}. Its services' containers stop; on the last manager the swarm's state is lost.
     *
     * @param force leave even as a manager, losing the swarm when it is the last one ({@code --force})
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not part of a swarm, or is a
     *         manager and {@code force} is false
     */
    public void leave(boolean force) {
        transport.send(ApiRequest.post("/swarm/leave").query("force", force ? true : null).streaming().build())
                .discard();
    }

    // ---- the swarm itself ------------------------------------------------------------------------------------

    /**
     * {@code docker swarm inspect}.
     *
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not a swarm manager
     */
    public SwarmDetails inspect() {
        return transport.json(ApiRequest.get("/swarm").build(), SwarmDetails.class);
    }

    /**
     * {@code docker swarm join-token}: the tokens other engines join with.
     *
     * @throws dev.berth.errors.ServiceUnavailableException when the engine is not a swarm manager
     */
    public JoinTokens joinTokens() {
        return inspect().joinTokens();
    }

    /**
     * {@code docker swarm update} (and {@code join-token --rotate}): replaces the swarm's settings.
     *
     * <pre>{@code
     * SwarmDetails s = swarm.inspect();
     * Map<String, Object> spec = new LinkedHashMap<>(s.spec());
     * spec.put("Labels", Map.of("team", "infra"));
     * swarm.update(spec, s.versionIndex(), false, false);
     * }</pre>
     *
     * @param spec the whole {@code SwarmSpec}, normally {@link SwarmDetails#spec()} changed
     * @param version the {@code Version.Index} the spec was computed from
     * @param rotateWorkerToken whether to replace the worker join token
     * @param rotateManagerToken whether to replace the manager join token
     * @throws VersionConflictException when the swarm changed since {@code version}
     */
    public void update(Map<String, Object> spec, long version, boolean rotateWorkerToken,
                       boolean rotateManagerToken) {
        VersionGuard.guard(() -> transport.send(ApiRequest.post("/swarm/update")
                .query("version", version).query("rotateWorkerToken", rotateWorkerToken)
                .query("rotateManagerToken", rotateManagerToken).json(spec).build()).discard());
    }

    /**
     * {@code docker swarm unlock-key}: the key that unlocks managers after a restart when autolock is on.
     *
     * @return the key, or an empty string when autolock is off
     */
    public String unlockKey() {
        Map<?, ?> r = transport.json(ApiRequest.get("/swarm/unlockkey").build(), Map.class);
        Object key = r.get("UnlockKey");
        return key == null ? "" : key.toString();
    }

    /**
     * {@code docker swarm unlock}: unlocks a manager that restarted with autolock on.
     *
     * @throws dev.berth.errors.ConflictException when the swarm is not locked
     */
    public void unlock(String key) {
        transport.send(ApiRequest.post("/swarm/unlock").json(Map.of("UnlockKey", Objects.requireNonNull(key, "key")))
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
}
