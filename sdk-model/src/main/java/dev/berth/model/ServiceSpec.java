package dev.berth.model;

import static dev.berth.model.ServiceSpecJson.array;
import static dev.berth.model.ServiceSpecJson.child;
import static dev.berth.model.ServiceSpecJson.object;
import static dev.berth.model.ServiceSpecJson.prune;
import static dev.berth.model.ServiceSpecJson.put;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.berth.model.internal.Masking;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker service create} is told ({@code ServiceSpec}): the image and command, environment, labels,
 * replicas or global mode, mounts, networks, published ports, resources, restart policy, update and rollback
 * behaviour, secrets and configs. Immutable; made with {@link #builder(String)}, changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * ServiceSpec web = ServiceSpec.builder("demo/busybox:1")
 *         .name("web").cmd("httpd", "-f", "-p", "80")
 *         .replicas(3).publish(Port.ingress(8080, 80))
 *         .env("MODE", "prod").memory("64m").cpus(0.5)
 *         .restartPolicy(Restart.onFailure(3).withDelay(Duration.ofSeconds(2)))
 *         .updateConfig(Rollout.parallelism(1).withOrder(Rollout.Order.START_FIRST))
 *         .secret(secretId, "db-password", "db-password")
 *         .build();
 * }</pre>
 *
 * <p>The names are {@link ContainerSpec}'s: {@code cmd} is the image's {@code CMD} (the API's {@code Args}),
 * {@code entrypoint} its {@code ENTRYPOINT} (the API's {@code Command}), {@code memory} and {@code cpus} the limits.
 * Written as JSON (Jackson), a spec is the body of {@code POST /services/create}.
 *
 * <p><b>Specs read from the daemon.</b> A spec read from JSON ({@code ServiceDetails.spec()}) keeps the
 * daemon's whole spec, and is written back unchanged, except for the parts a builder changed. So
 * {@code inspect().spec().toBuilder().replicas(5).build()} changes the replica count and nothing else, fields this
 * class does not model (placement, log driver, health check, ...) included. Within a changed list (mounts, ports,
 * networks, secrets, configs), an entry equal to one the daemon sent is written as it was sent, and entries this
 * class cannot read (an {@code npipe} mount, a runtime config) are kept.
 *
 * <p>The body is written for Engine API 1.41 (Docker 20.10) and later.
 */
public final class ServiceSpec {
    /** Swarm's rule for names: a DNS label, with {@code -} or {@code _} between alphanumerics, at most 63. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*");

    /** The parts of a spec a builder can change, tracked so that {@link #toJson()} rewrites only those. */
    private enum Part {
        NAME, LABELS, IMAGE, ENTRYPOINT, CMD, ENV, CONTAINER_LABELS, TTY, MOUNTS, SECRETS, CONFIGS, RESOURCES,
        RESTART, NETWORKS, MODE, UPDATE, ROLLBACK, PORTS
    }

    private final Map<String, Object> base;
    private final Set<Part> changed;
    private final String name;
    private final Map<String, String> labels;
    private final String image;
    private final List<String> entrypoint;
    private final List<String> cmd;
    private final Map<String, String> env;
    private final Map<String, String> containerLabels;
    private final boolean tty;
    private final Long replicas;
    private final boolean global;
    private final List<Mount> mounts;
    private final List<String> networks;
    private final List<Port> ports;
    private final Resources resources;
    private final Restart restartPolicy;
    private final Rollout updateConfig;
    private final Rollout rollbackConfig;
    private final List<FileReference> secrets;
    private final List<FileReference> configs;

    private ServiceSpec(Builder b) {
        base = ServiceSpecJson.copyMap(b.base, false);
        changed = Collections.unmodifiableSet(b.changed.isEmpty() ? EnumSet.noneOf(Part.class)
                : EnumSet.copyOf(b.changed));
        name = b.name;
        labels = Copies.copy(b.labels);
        image = b.image;
        entrypoint = Copies.copy(b.entrypoint);
        cmd = Copies.copy(b.cmd);
        env = Copies.copy(b.env);
        containerLabels = Copies.copy(b.containerLabels);
        tty = b.tty;
        replicas = b.replicas;
        global = b.global;
        mounts = Copies.copy(b.mounts);
        networks = Copies.copy(b.networks);
        ports = Copies.copy(b.ports);
        resources = b.resources;
        restartPolicy = b.restartPolicy;
        updateConfig = b.updateConfig;
        rollbackConfig = b.rollbackConfig;
        secrets = Copies.copy(b.secrets);
        configs = Copies.copy(b.configs);
    }

    /**
     * Starts a spec for the image; the rest is left to the daemon (one replica, no ports, its restart policy
     * {@code any}) until set.
     *
     * <pre>{@code
     * ServiceSpec spec = ServiceSpec.builder("demo/busybox:1").name("sleeper").cmd("sleep", "3600").build();
     * }</pre>
     *
     * @param image the image reference
     * @return a builder
     * @throws IllegalArgumentException when the image is blank or contains whitespace
     */
    public static Builder builder(String image) {
        return new Builder(Map.of()).image(image);
    }

    /**
     * Reads a spec as the daemon sends it ({@code Spec} or {@code PreviousSpec} of {@code GET /services/{id}}),
     * keeping all of it, so that {@link #toJson()} gives it back unchanged. Entries this class cannot represent are
     * left out of the typed getters but stay in the JSON. Jackson reads a spec through this.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ServiceSpec fromJson(Map<String, ?> spec) {
        Map<String, Object> raw = ServiceSpecJson.copyMap(spec, false);
        Builder b = new Builder(raw);
        Map<String, Object> task = object(raw, "TaskTemplate");
        Map<String, Object> container = object(task, "ContainerSpec");
        b.name = ServiceSpecJson.string(raw, "Name");
        b.labels.putAll(ServiceSpecJson.stringMap(raw, "Labels"));
        b.image = ServiceSpecJson.string(container, "Image");
        b.entrypoint = ServiceSpecJson.strings(container, "Command");
        b.cmd = ServiceSpecJson.strings(container, "Args");
        b.env.putAll(ServiceSpecJson.env(ServiceSpecJson.strings(container, "Env")));
        b.containerLabels.putAll(ServiceSpecJson.stringMap(container, "Labels"));
        b.tty = ServiceSpecJson.flag(container, "TTY");
        b.mounts.addAll(ServiceSpecJson.parsed(array(container, "Mounts"), ServiceSpecJson::readMount));
        b.secrets.addAll(ServiceSpecJson.parsed(array(container, "Secrets"),
                m -> ServiceSpecJson.readReference(m, "Secret")));
        b.configs.addAll(ServiceSpecJson.parsed(array(container, "Configs"),
                m -> ServiceSpecJson.readReference(m, "Config")));
        b.resources = readResources(object(task, "Resources"));
        b.restartPolicy = ServiceSpecJson.parseOrNull(task.get("RestartPolicy"), Restart::read);
        List<?> nets = array(task, "Networks").isEmpty() ? array(raw, "Networks") : array(task, "Networks");
        b.networks.addAll(ServiceSpecJson.parsed(nets, ServiceSpecJson::readNetwork));
        Map<String, Object> mode = object(raw, "Mode");
        if (mode.containsKey("Replicated")) {
            b.replicas = ServiceSpecJson.number(object(mode, "Replicated"), "Replicas", 1);
        } else if (mode.containsKey("Global")) {
            b.global = true;
        }
        b.updateConfig = ServiceSpecJson.parseOrNull(raw.get("UpdateConfig"), Rollout::read);
        b.rollbackConfig = ServiceSpecJson.parseOrNull(raw.get("RollbackConfig"), Rollout::read);
        b.ports.addAll(ServiceSpecJson.parsed(array(object(raw, "EndpointSpec"), "Ports"),
                ServiceSpecJson::readPort));
        return new ServiceSpec(b);
    }

    private static Resources readResources(Map<String, Object> r) {
        Map<String, Object> limits = object(r, "Limits");
        Map<String, Object> reservations = object(r, "Reservations");
        Resources res = new Resources(ServiceSpecJson.number(limits, "NanoCPUs", 0),
                ServiceSpecJson.number(limits, "MemoryBytes", 0), ServiceSpecJson.number(reservations, "NanoCPUs", 0),
                ServiceSpecJson.number(reservations, "MemoryBytes", 0));
        return res.isEmpty() ? null : res;
    }

    /**
     * A builder holding everything this spec holds, including what it was read from, to derive a changed copy.
     *
     * <pre>{@code
     * ServiceSpec next = current.toBuilder().env("STAGE", "two").replicas(5).build();
     * }</pre>
     *
     * @return a new builder; changing it leaves this spec alone
     */
    public Builder toBuilder() {
        Builder b = new Builder(base);
        b.changed.addAll(changed);
        b.name = name;
        b.labels.putAll(labels);
        b.image = image;
        b.entrypoint = new ArrayList<>(entrypoint);
        b.cmd = new ArrayList<>(cmd);
        b.env.putAll(env);
        b.containerLabels.putAll(containerLabels);
        b.tty = tty;
        b.replicas = replicas;
        b.global = global;
        b.mounts.addAll(mounts);
        b.networks.addAll(networks);
        b.ports.addAll(ports);
        b.resources = resources;
        b.restartPolicy = restartPolicy;
        b.updateConfig = updateConfig;
        b.rollbackConfig = rollbackConfig;
        b.secrets.addAll(secrets);
        b.configs.addAll(configs);
        return b;
    }

    // ---- getters -----------------------------------------------------------------------------------------------

    /** {@return the service name, or empty for one the daemon makes up} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the service's labels ({@code --label})} */
    public Map<String, String> labels() {
        return labels;
    }

    /** {@return the image reference; null only for a spec read from a service that runs no container} */
    public @Nullable String image() {
        return image;
    }

    /** {@return the command, replacing the image's {@code CMD} (the API's {@code Args}); empty for the image's} */
    public List<String> cmd() {
        return cmd;
    }

    /**
     * {@return the entrypoint, replacing the image's {@code ENTRYPOINT} ({@code --entrypoint}, the API's
     * {@code Command}); empty for the image's}
     */
    public List<String> entrypoint() {
        return entrypoint;
    }

    /** {@return the environment ({@code --env}), name to value, in order} */
    public Map<String, String> env() {
        return env;
    }

    /** {@return the labels of the tasks' containers ({@code --container-label})} */
    public Map<String, String> containerLabels() {
        return containerLabels;
    }

    /** {@return whether the tasks' containers get a pseudo-terminal ({@code --tty}); their logs are then raw} */
    public boolean tty() {
        return tty;
    }

    /** {@return the replica count of a replicated service; empty for a global one, or when not set} */
    public OptionalLong replicas() {
        return replicas == null ? OptionalLong.empty() : OptionalLong.of(replicas);
    }

    /** {@return whether the service runs one task on every node ({@code --mode global})} */
    public boolean global() {
        return global;
    }

    /** {@return the binds, volumes and tmpfs mounts ({@code --mount})} */
    public List<Mount> mounts() {
        return mounts;
    }

    /** {@return the networks the tasks are attached to ({@code --network}), by name or id} */
    public List<String> networks() {
        return networks;
    }

    /** {@return the published ports ({@code --publish})} */
    public List<Port> ports() {
        return ports;
    }

    /** {@return the CPU and memory limits and reservations, or empty for none} */
    public Optional<Resources> resources() {
        return Optional.ofNullable(resources);
    }

    /** {@return the restart policy, or empty for the daemon's ({@code any}, after 5 s)} */
    public Optional<Restart> restartPolicy() {
        return Optional.ofNullable(restartPolicy);
    }

    /** {@return how updates roll out ({@code --update-*}), or empty for the daemon's defaults} */
    public Optional<Rollout> updateConfig() {
        return Optional.ofNullable(updateConfig);
    }

    /** {@return how rollbacks roll out ({@code --rollback-*}), or empty for the daemon's defaults} */
    public Optional<Rollout> rollbackConfig() {
        return Optional.ofNullable(rollbackConfig);
    }

    /** {@return the secrets given to the tasks as files ({@code --secret})} */
    public List<FileReference> secrets() {
        return secrets;
    }

    /** {@return the configs given to the tasks as files ({@code --config})} */
    public List<FileReference> configs() {
        return configs;
    }

    // ---- JSON and Object ---------------------------------------------------------------------------------------

    /**
     * The API's {@code ServiceSpec} object: the body of {@code POST /services/create} and
     * {@code POST /services/{id}/update}, and what Jackson writes for a spec. A fresh, mutable map with the daemon's
     * field names; only what is set is written. For a spec read from the daemon, the daemon's spec with the changed
     * parts rewritten.
     */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> body = ServiceSpecJson.copyMap(base, true);
        if (changed.contains(Part.NAME)) {
            put(body, "Name", name);
        }
        if (changed.contains(Part.LABELS)) {
            put(body, "Labels", new LinkedHashMap<>(labels));
        }
        Map<String, Object> task = child(body, "TaskTemplate");
        writeContainer(child(task, "ContainerSpec"));
        prune(task, "ContainerSpec");
        writeTask(task, body);
        prune(body, "TaskTemplate");
        if (changed.contains(Part.MODE)) {
            writeMode(body);
        }
        if (changed.contains(Part.UPDATE)) {
            writeRollout(body, "UpdateConfig", updateConfig);
        }
        if (changed.contains(Part.ROLLBACK)) {
            writeRollout(body, "RollbackConfig", rollbackConfig);
        }
        if (changed.contains(Part.PORTS)) {
            Map<String, Object> endpoint = child(body, "EndpointSpec");
            put(endpoint, "Ports", ServiceSpecJson.merged(array(object(base, "EndpointSpec"), "Ports"), ports,
                    ServiceSpecJson::readPort, ServiceSpecJson::writePort));
            prune(body, "EndpointSpec");
        }
        return body;
    }

    private void writeContainer(Map<String, Object> c) {
        Map<String, Object> old = object(object(base, "TaskTemplate"), "ContainerSpec");
        if (changed.contains(Part.IMAGE)) {
            put(c, "Image", image);
        }
        if (changed.contains(Part.CONTAINER_LABELS)) {
            put(c, "Labels", new LinkedHashMap<>(containerLabels));
        }
        if (changed.contains(Part.ENTRYPOINT)) {
            put(c, "Command", new ArrayList<>(entrypoint));
        }
        if (changed.contains(Part.CMD)) {
            put(c, "Args", new ArrayList<>(cmd));
        }
        if (changed.contains(Part.ENV)) {
            put(c, "Env", ServiceSpecJson.envList(env));
        }
        if (changed.contains(Part.TTY)) {
            put(c, "TTY", tty ? Boolean.TRUE : null);
        }
        if (changed.contains(Part.MOUNTS)) {
            put(c, "Mounts", ServiceSpecJson.merged(array(old, "Mounts"), mounts, ServiceSpecJson::readMount,
                    ServiceSpecJson::writeMount));
        }
        if (changed.contains(Part.SECRETS)) {
            put(c, "Secrets", ServiceSpecJson.merged(array(old, "Secrets"), secrets,
                    m -> ServiceSpecJson.readReference(m, "Secret"), r -> ServiceSpecJson.writeReference(r, "Secret")));
        }
        if (changed.contains(Part.CONFIGS)) {
            put(c, "Configs", ServiceSpecJson.merged(array(old, "Configs"), configs,
                    m -> ServiceSpecJson.readReference(m, "Config"), r -> ServiceSpecJson.writeReference(r, "Config")));
        }
    }

    private void writeTask(Map<String, Object> task, Map<String, Object> body) {
        if (changed.contains(Part.RESOURCES)) {
            Resources r = resources == null ? Resources.NONE : resources;
            Map<String, Object> res = child(task, "Resources");
            Map<String, Object> limits = child(res, "Limits");
            put(limits, "NanoCPUs", r.nanoCpus() == 0 ? null : r.nanoCpus());
            put(limits, "MemoryBytes", r.memory() == 0 ? null : r.memory());
            prune(res, "Limits");
            if (r.memory() == 0) {
                // API 1.52's swap limit needs a memory limit: the daemon refuses one without the other
                res.remove("SwapBytes");
            }
            Map<String, Object> reservations = child(res, "Reservations");
            put(reservations, "NanoCPUs", r.reserveNanoCpus() == 0 ? null : r.reserveNanoCpus());
            put(reservations, "MemoryBytes", r.reserveMemory() == 0 ? null : r.reserveMemory());
            prune(res, "Reservations");
            prune(task, "Resources");
        }
        if (changed.contains(Part.RESTART)) {
            if (restartPolicy == null) {
                task.remove("RestartPolicy");
            } else {
                Map<String, Object> p = child(task, "RestartPolicy");
                p.put("Condition", restartPolicy.condition().value());
                put(p, "Delay", restartPolicy.delay() == null ? null : restartPolicy.delay().toNanos());
                p.put("MaxAttempts", restartPolicy.maxAttempts());
            }
        }
        if (changed.contains(Part.NETWORKS)) {
            List<?> old = array(object(base, "TaskTemplate"), "Networks");
            put(task, "Networks", ServiceSpecJson.merged(old.isEmpty() ? array(base, "Networks") : old, networks,
                    ServiceSpecJson::readNetwork, ServiceSpecJson::writeNetwork));
            body.remove("Networks"); // the deprecated top-level field; TaskTemplate.Networks replaces it
        }
    }

    private void writeMode(Map<String, Object> body) {
        Map<String, Object> mode = new LinkedHashMap<>();
        if (global) {
            mode.put("Global", new LinkedHashMap<>());
        } else if (replicas != null) {
            Map<String, Object> replicated = new LinkedHashMap<>();
            replicated.put("Replicas", replicas);
            mode.put("Replicated", replicated);
        }
        put(body, "Mode", mode);
    }

    private static void writeRollout(Map<String, Object> body, String key, Rollout r) {
        if (r == null) {
            body.remove(key);
            return;
        }
        Map<String, Object> c = child(body, key);
        c.put("Parallelism", r.parallelism());
        put(c, "Delay", r.delay() == null ? null : r.delay().toNanos());
        put(c, "FailureAction", r.failureAction() == null ? null : r.failureAction().value());
        put(c, "Order", r.order() == null ? null : r.order().value());
    }

    /** Specs are equal when their JSON bodies are. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ServiceSpec s && toJson().equals(s.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * One line with the settings that are set; values of environment variables and labels whose names look secret
     * ({@code PASSWORD}, {@code SECRET}, {@code TOKEN}, {@code KEY}, ...) masked as {@code ***}, as
     * {@link ContainerSpec#toString()} masks them.
     *
     * <pre>{@code
     * ServiceSpec[name=web, image=demo/busybox:1, replicas=3, env=[MODE=prod, DB_PASSWORD=***],
     *             ports=[8080:80/tcp (ingress)], resources=limits cpus=0.5 memory=64m]
     * }</pre>
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ServiceSpec[", "]");
        add(j, "name", name);
        add(j, "image", image);
        add(j, "mode", global ? "global" : null);
        add(j, "replicas", replicas);
        add(j, "entrypoint", entrypoint);
        add(j, "cmd", cmd);
        addMasked(j, "env", env, "[", "]");
        addMasked(j, "labels", labels, "{", "}");
        addMasked(j, "containerLabels", containerLabels, "{", "}");
        add(j, "tty", tty ? Boolean.TRUE : null);
        add(j, "mounts", mounts);
        add(j, "networks", networks);
        add(j, "ports", ports);
        add(j, "resources", resources);
        add(j, "restart", restartPolicy);
        add(j, "update", updateConfig);
        add(j, "rollback", rollbackConfig);
        add(j, "secrets", secrets);
        add(j, "configs", configs);
        return j.toString();
    }

    private static void add(StringJoiner j, String key, Object value) {
        if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
            j.add(key + "=" + value);
        }
    }

    private static void addMasked(StringJoiner j, String key, Map<String, String> map, String open, String close) {
        if (!map.isEmpty()) {
            StringJoiner entries = new StringJoiner(", ", open, close);
            map.forEach((k, v) -> entries.add(k + "=" + Masking.value(k, v)));
            j.add(key + "=" + entries);
        }
    }

    private static String cpus(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    // ---- parts -------------------------------------------------------------------------------------------------

    /**
     * A published port ({@code --publish published:target/protocol,mode=...}); also how the daemon reports them in
     * {@code Endpoint.Ports}.
     *
     * <pre>{@code
     * Port.ingress(8080, 80);               // every node's 8080 reaches a task's 80 (the routing mesh)
     * Port.host(8080, 80);                  // only nodes running a task, straight to it
     * Port.ingress(0, 53).withProtocol(Port.Protocol.UDP);   // the daemon picks the published port (30000 and up)
     * }</pre>
     *
     * @param target the port inside the tasks' containers, 1 to 65535
     * @param published the port on the nodes, 0 for one the daemon picks
     * @param protocol TCP (null means it), UDP or SCTP
     * @param mode through the routing mesh (null means it) or straight on the node
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(@JsonProperty("TargetPort") int target,
                       @JsonProperty("PublishedPort") int published,
                       @JsonProperty("Protocol") Protocol protocol,
                       @JsonProperty("PublishMode") PublishMode mode) {

        /**
         * Checks the ports; a null protocol becomes TCP, a null mode ingress.
         *
         * @param target the port inside the tasks' containers, 1 to 65535
         * @param published the port on the nodes, 0 for one the daemon picks
         * @param protocol TCP, UDP or SCTP; null for TCP
         * @param mode through the routing mesh or straight on the node; null for the routing mesh
         * @throws IllegalArgumentException when a port is out of range
         */
        public Port {
            if (target < 1 || target > 65535) {
                throw new IllegalArgumentException("target port must be 1 to 65535: " + target);
            }
            if (published < 0 || published > 65535) {
                throw new IllegalArgumentException("published port must be 0 (any) to 65535: " + published);
            }
            protocol = protocol == null ? Protocol.TCP : protocol;
            mode = mode == null ? PublishMode.INGRESS : mode;
        }

        /**
         * {@return a TCP port published through the routing mesh on every node; {@code published} 0 = any}
         *
         * @param published the port on every node, 0 for one the daemon picks (30000 and up)
         * @param target the port inside the tasks' containers, 1 to 65535
         * @throws IllegalArgumentException when a port is out of range
         */
        public static Port ingress(int published, int target) {
            return new Port(target, published, Protocol.TCP, PublishMode.INGRESS);
        }

        /**
         * {@return a TCP port published straight on the nodes that run a task}
         *
         * @param published the port on those nodes, 0 for one the daemon picks
         * @param target the port inside the tasks' containers, 1 to 65535
         * @throws IllegalArgumentException when a port is out of range
         */
        public static Port host(int published, int target) {
            return new Port(target, published, Protocol.TCP, PublishMode.HOST);
        }

        /**
         * {@return this port with another protocol}
         *
         * @param protocol TCP, UDP or SCTP
         * @throws IllegalArgumentException when null
         */
        public Port withProtocol(Protocol protocol) {
            return new Port(target, published, SpecValidation.notNull(protocol, "protocol"), mode);
        }

        /** {@code 8080:80/tcp (ingress)}, or {@code 80/tcp (ingress)} before the daemon picked a port. */
        @Override
        public String toString() {
            return (published == 0 ? "" : published + ":") + target + "/" + protocol.value() + " (" + mode.value()
                    + ")";
        }

        /** A published port's protocol ({@code --publish 53:53/udp}). */
        public enum Protocol {
            /** {@code tcp}. */
            TCP("tcp"),
            /** {@code udp}. */
            UDP("udp"),
            /** {@code sctp}. */
            SCTP("sctp");

            private final String value;

            Protocol(String value) {
                this.value = value;
            }

            /** {@return the daemon's spelling} */
            @JsonValue
            public String value() {
                return value;
            }

            /**
             * {@return the protocol the daemon's spelling names}
             *
             * @param value {@code tcp}, {@code udp} or {@code sctp}, as the daemon writes it
             * @throws IllegalArgumentException for anything but {@code tcp}, {@code udp} and {@code sctp}
             */
            @JsonCreator
            public static Protocol of(String value) {
                return ApiEnums.of(values(), Protocol::value, value, "protocol");
            }
        }

        /** Where a port is published ({@code --publish mode=...}). */
        public enum PublishMode {
            /** On every node, through the routing mesh, balanced over the tasks: {@code ingress}. */
            INGRESS("ingress"),
            /** On the nodes that run a task, straight to it: {@code host}. */
            HOST("host");

            private final String value;

            PublishMode(String value) {
                this.value = value;
            }

            /** {@return the daemon's spelling} */
            @JsonValue
            public String value() {
                return value;
            }

            /**
             * {@return the mode the daemon's spelling names}
             *
             * @param value {@code ingress} or {@code host}, as the daemon writes it
             * @throws IllegalArgumentException for anything but {@code ingress} and {@code host}
             */
            @JsonCreator
            public static PublishMode of(String value) {
                return ApiEnums.of(values(), PublishMode::value, value, "publish mode");
            }
        }
    }

    /**
     * CPU and memory each task is limited to, and reserves on its node ({@code --limit-cpu}, {@code --limit-memory},
     * {@code --reserve-cpu}, {@code --reserve-memory}). 0 means none. The limits are named as
     * {@link ContainerSpec}'s.
     *
     * @param nanoCpus the CPU limit in billionths of a CPU
     * @param memory the memory limit in bytes
     * @param reserveNanoCpus the CPU reservation in billionths of a CPU
     * @param reserveMemory the memory reservation in bytes
     */
    public record Resources(long nanoCpus, long memory, long reserveNanoCpus, long reserveMemory) {
        /** No limits, no reservations. */
        public static final Resources NONE = new Resources(0, 0, 0, 0);

        /**
         * Checks the amounts.
         *
         * @param nanoCpus the CPU limit in billionths of a CPU, 0 for none
         * @param memory the memory limit in bytes, 0 for none
         * @param reserveNanoCpus the CPU reservation in billionths of a CPU, 0 for none
         * @param reserveMemory the memory reservation in bytes, 0 for none
         * @throws IllegalArgumentException when a value is negative
         */
        public Resources {
            if (nanoCpus < 0 || memory < 0 || reserveNanoCpus < 0 || reserveMemory < 0) {
                throw new IllegalArgumentException("resources must not be negative: " + nanoCpus + ", " + memory
                        + ", " + reserveNanoCpus + ", " + reserveMemory);
            }
        }

        boolean isEmpty() {
            return equals(NONE);
        }

        /** Such as {@code limits cpus=0.5 memory=64m, reservations memory=32m}. */
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ");
            String limits = amounts(nanoCpus, memory);
            String reservations = amounts(reserveNanoCpus, reserveMemory);
            if (!limits.isEmpty()) {
                j.add("limits" + limits);
            }
            if (!reservations.isEmpty()) {
                j.add("reservations" + reservations);
            }
            return j.toString();
        }

        private static String amounts(long nanoCpus, long memory) {
            return (nanoCpus == 0 ? "" : " cpus=" + cpus(nanoCpus))
                    + (memory == 0 ? "" : " memory=" + ByteSize.format(memory));
        }
    }

    /**
     * When swarm replaces a task whose container ended ({@code --restart-condition}, {@code --restart-delay},
     * {@code --restart-max-attempts}).
     *
     * <pre>{@code
     * Restart.any();                                        // always (the daemon's default)
     * Restart.onFailure(3).withDelay(Duration.ofSeconds(2));
     * Restart.none();
     * }</pre>
     *
     * @param condition when to restart
     * @param delay how long to wait between attempts, or null for the daemon's default (5 s)
     * @param maxAttempts how many restarts to try, 0 for no limit
     */
    public record Restart(Condition condition, @Nullable Duration delay, long maxAttempts) {

        /**
         * Checks the policy.
         *
         * @param condition when to restart
         * @param delay how long to wait between attempts, or null for the daemon's default (5 s)
         * @param maxAttempts how many restarts to try, 0 for no limit
         * @throws IllegalArgumentException when the condition is null, or the delay or count negative
         */
        public Restart {
            SpecValidation.notNull(condition, "restart condition");
            if (delay != null && delay.isNegative()) {
                throw new IllegalArgumentException("restart delay must not be negative: " + delay);
            }
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("restart max attempts must not be negative: " + maxAttempts);
            }
        }

        /** {@return restart whenever a task ends} */
        public static Restart any() {
            return new Restart(Condition.ANY, null, 0);
        }

        /**
         * {@return restart after a non-zero exit, at most {@code maxAttempts} times (0 = no limit)}
         *
         * @param maxAttempts how many restarts to try, 0 for no limit
         * @throws IllegalArgumentException when negative
         */
        public static Restart onFailure(long maxAttempts) {
            return new Restart(Condition.ON_FAILURE, null, maxAttempts);
        }

        /** {@return never restart} */
        public static Restart none() {
            return new Restart(Condition.NONE, null, 0);
        }

        /**
         * {@return this policy, waiting {@code delay} between attempts}
         *
         * @param delay the wait between attempts, or null for the daemon's default (5 s)
         * @throws IllegalArgumentException when negative
         */
        public Restart withDelay(@Nullable Duration delay) {
            return new Restart(condition, delay, maxAttempts);
        }

        static Restart read(Map<String, Object> m) {
            return new Restart(Condition.of(ServiceSpecJson.string(m, "Condition")), ServiceSpecJson.nanos(m, "Delay"),
                    ServiceSpecJson.number(m, "MaxAttempts", 0));
        }

        /** Such as {@code on-failure:3 delay 2s}. */
        @Override
        public String toString() {
            return condition.value() + (maxAttempts > 0 ? ":" + maxAttempts : "")
                    + (delay == null ? "" : " delay " + Healthcheck.formatDuration(delay));
        }

        /** When a task is restarted ({@code --restart-condition}). */
        public enum Condition {
            /** Never: {@code none}. */
            NONE("none"),
            /** After a non-zero exit: {@code on-failure}. */
            ON_FAILURE("on-failure"),
            /** Whenever it ends: {@code any}. */
            ANY("any");

            private final String value;

            Condition(String value) {
                this.value = value;
            }

            /** {@return the daemon's spelling} */
            public String value() {
                return value;
            }

            /**
             * {@return the condition the daemon's spelling names}
             *
             * @param value {@code none}, {@code on-failure} or {@code any}, as the daemon writes it
             * @throws IllegalArgumentException for anything but {@code none}, {@code on-failure} and {@code any}
             */
            public static Condition of(String value) {
                return ApiEnums.of(values(), Condition::value, value, "restart condition");
            }
        }
    }

    /**
     * How an update or a rollback replaces tasks ({@code --update-parallelism}, {@code --update-delay},
     * {@code --update-failure-action}, {@code --update-order}, and the {@code --rollback-*} ones).
     *
     * <pre>{@code
     * Rollout.parallelism(2).withDelay(Duration.ofSeconds(10)).withFailureAction(Rollout.FailureAction.ROLLBACK);
     * Rollout.parallelism(0).withOrder(Rollout.Order.START_FIRST);   // all at once, new tasks before old ones stop
     * }</pre>
     *
     * @param parallelism how many tasks to replace at a time, 0 for all at once
     * @param delay the pause between batches, or null for none
     * @param failureAction what to do when a new task fails (not rollback for rollbacks), or null for the daemon's
     *        default (pause)
     * @param order which goes first, the new task or the old one, or null for the daemon's default (stop-first)
     */
    public record Rollout(long parallelism, @Nullable Duration delay, @Nullable FailureAction failureAction,
            @Nullable Order order) {

        /**
         * Checks the numbers.
         *
         * @param parallelism how many tasks to replace at a time, 0 for all at once
         * @param delay the pause between batches, or null for none
         * @param failureAction what to do when a new task fails, or null for the daemon's default (pause)
         * @param order which goes first, the new task or the old one, or null for the daemon's default (stop-first)
         * @throws IllegalArgumentException when a number is negative
         */
        public Rollout {
            if (parallelism < 0) {
                throw new IllegalArgumentException("parallelism must not be negative: " + parallelism);
            }
            if (delay != null && delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
        }

        /**
         * {@return a rollout replacing {@code n} tasks at a time (0 = all), daemon defaults for the rest}
         *
         * @param n how many tasks to replace at a time, 0 for all at once
         * @throws IllegalArgumentException when negative
         */
        public static Rollout parallelism(long n) {
            return new Rollout(n, null, null, null);
        }

        /**
         * {@return this rollout, pausing {@code delay} between batches}
         *
         * @param delay the pause between batches, or null for none
         * @throws IllegalArgumentException when negative
         */
        public Rollout withDelay(@Nullable Duration delay) {
            return new Rollout(parallelism, delay, failureAction, order);
        }

        /**
         * {@return this rollout, doing {@code action} when a new task fails}
         *
         * @param action continue, pause, or (for updates only) roll back
         * @throws IllegalArgumentException when null
         */
        public Rollout withFailureAction(FailureAction action) {
            return new Rollout(parallelism, delay, SpecValidation.notNull(action, "failure action"), order);
        }

        /**
         * {@return this rollout, in {@code order}}
         *
         * @param order stop the old task first, or start the new one first
         * @throws IllegalArgumentException when null
         */
        public Rollout withOrder(Order order) {
            return new Rollout(parallelism, delay, failureAction, SpecValidation.notNull(order, "order"));
        }

        static Rollout read(Map<String, Object> m) {
            String action = ServiceSpecJson.string(m, "FailureAction");
            String order = ServiceSpecJson.string(m, "Order");
            return new Rollout(ServiceSpecJson.number(m, "Parallelism", 0), ServiceSpecJson.nanos(m, "Delay"),
                    action == null ? null : FailureAction.of(action), order == null ? null : Order.of(order));
        }

        /** Such as {@code parallelism 2, delay 10s, on failure rollback, start-first}. */
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ");
            j.add("parallelism " + (parallelism == 0 ? "all" : Long.toString(parallelism)));
            if (delay != null) {
                j.add("delay " + Healthcheck.formatDuration(delay));
            }
            if (failureAction != null) {
                j.add("on failure " + failureAction.value());
            }
            if (order != null) {
                j.add(order.value());
            }
            return j.toString();
        }

        /** What a rollout does when a new task fails ({@code --update-failure-action}). */
        public enum FailureAction {
            /** Go on with the next tasks: {@code continue}. */
            CONTINUE("continue"),
            /** Stop the rollout where it is: {@code pause}. */
            PAUSE("pause"),
            /** Roll back to the previous spec (updates only): {@code rollback}. */
            ROLLBACK("rollback");

            private final String value;

            FailureAction(String value) {
                this.value = value;
            }

            /** {@return the daemon's spelling} */
            public String value() {
                return value;
            }

            /**
             * {@return the action the daemon's spelling names}
             *
             * @param value {@code continue}, {@code pause} or {@code rollback}, as the daemon writes it
             * @throws IllegalArgumentException for anything but {@code continue}, {@code pause} and {@code rollback}
             */
            public static FailureAction of(String value) {
                return ApiEnums.of(values(), FailureAction::value, value, "failure action");
            }
        }

        /** Which goes first when a task is replaced ({@code --update-order}). */
        public enum Order {
            /** The old task stops, then the new one starts: {@code stop-first}. */
            STOP_FIRST("stop-first"),
            /** The new task starts, then the old one stops: {@code start-first}. */
            START_FIRST("start-first");

            private final String value;

            Order(String value) {
                this.value = value;
            }

            /** {@return the daemon's spelling} */
            public String value() {
                return value;
            }

            /**
             * {@return the order the daemon's spelling names}
             *
             * @param value {@code stop-first} or {@code start-first}, as the daemon writes it
             * @throws IllegalArgumentException for anything but {@code stop-first} and {@code start-first}
             */
            public static Order of(String value) {
                return ApiEnums.of(values(), Order::value, value, "order");
            }
        }
    }

    /**
     * A secret or config given to the tasks as a file ({@code --secret source=NAME,target=FILE}). A secret's
     * relative file name lands in {@code /run/secrets/}; a config's must be absolute or lands in {@code /}.
     *
     * <pre>{@code
     * FileReference.of(secretId, "db-password", "db-password");         // /run/secrets/db-password, mode 0444
     * FileReference.of(configId, "app.conf", "/etc/app/app.conf");
     * }</pre>
     *
     * @param id the secret's or config's id (the daemon resolves by id, not name)
     * @param name its name, for display
     * @param fileName the file's name or path in the container
     * @param uid the file's owner, as a number in text
     * @param gid the file's group, as a number in text
     * @param mode the file's permission bits, such as {@code 0444}
     */
    public record FileReference(String id, String name, String fileName, String uid, String gid, int mode) {

        /**
         * Checks the reference; an empty or null owner or group becomes {@code 0} (root).
         *
         * @param id the secret's or config's id
         * @param name its name
         * @param fileName the file's name or path in the container
         * @param uid the file's owner, as a number in text; empty or null for root
         * @param gid the file's group, as a number in text; empty or null for root
         * @param mode the file's permission bits, 0 to {@code 07777}
         * @throws IllegalArgumentException when the id, name or file name is empty, or the mode not 0 to 07777
         */
        public FileReference {
            for (String[] field : new String[][] {{"id", id}, {"name", name}, {"file name", fileName}}) {
                if (field[1] == null || field[1].isEmpty()) {
                    throw new IllegalArgumentException("secret/config reference needs a " + field[0]);
                }
            }
            uid = uid == null || uid.isEmpty() ? "0" : uid;
            gid = gid == null || gid.isEmpty() ? "0" : gid;
            if (mode < 0 || mode > 07777) {
                throw new IllegalArgumentException("file mode must be 0 to 07777: " + Integer.toOctalString(mode));
            }
        }

        /**
         * {@return a reference owned by root with mode 0444, as the CLI makes it}
         *
         * @param id the secret's or config's id
         * @param name its name
         * @param fileName the file's name or path in the container
         * @throws IllegalArgumentException when a value is empty
         */
        public static FileReference of(String id, String name, String fileName) {
            return new FileReference(id, name, fileName, "0", "0", 0444);
        }

        /** Such as {@code db-password -> db-password (0444)}; the id is left out. */
        @Override
        public String toString() {
            return name + " -> " + fileName + " (0" + Integer.toOctalString(mode) + ")";
        }
    }

    // ---- builder -----------------------------------------------------------------------------------------------

    /**
     * Collects a service's settings; each method checks its argument at once. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Object> base;
        private final Set<Part> changed = EnumSet.noneOf(Part.class);
        private String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String image;
        private List<String> entrypoint = new ArrayList<>();
        private List<String> cmd = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> containerLabels = new LinkedHashMap<>();
        private boolean tty;
        private Long replicas;
        private boolean global;
        private final List<Mount> mounts = new ArrayList<>();
        private final List<String> networks = new ArrayList<>();
        private final List<Port> ports = new ArrayList<>();
        private Resources resources;
        private Restart restartPolicy;
        private Rollout updateConfig;
        private Rollout rollbackConfig;
        private final List<FileReference> secrets = new ArrayList<>();
        private final List<FileReference> configs = new ArrayList<>();

        private Builder(Map<String, Object> base) {
            this.base = base;
        }

        private Builder change(Part part) {
            changed.add(part);
            return this;
        }

        /**
         * The service name ({@code --name}).
         *
         * @param name letters, digits, and {@code -} or {@code _} between them; at most 63 characters
         * @return this builder
         * @throws IllegalArgumentException when the name is not valid for swarm
         */
        public Builder name(String name) {
            if (name == null || name.length() > 63 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid service name '" + name + "': letters and digits, with"
                        + " '-' or '_' only between them, at most 63 characters");
            }
            this.name = name;
            return change(Part.NAME);
        }

        /**
         * Sets a service label ({@code --label key=value}).
         *
         * @param key the key
         * @param value the value, {@code ""} for empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or either is null
         */
        public Builder label(String key, String value) {
            SpecValidation.label(key, value);
            labels.put(key, value);
            return change(Part.LABELS);
        }

        /**
         * Sets service labels; keys already set are overwritten.
         *
         * @param labels key to value
         * @return this builder
         * @throws IllegalArgumentException when the map, a key or a value is null, or a key is empty
         */
        public Builder labels(Map<String, String> labels) {
            SpecValidation.notNull(labels, "labels").forEach(this::label);
            return change(Part.LABELS);
        }

        /**
         * Removes a service label ({@code --label-rm}).
         *
         * @param key the label's key
         * @return this builder
         */
        public Builder removeLabel(String key) {
            labels.remove(key);
            return change(Part.LABELS);
        }

        /**
         * The image ({@code docker service update --image}).
         *
         * @param image the image reference
         * @return this builder
         * @throws IllegalArgumentException when blank or containing whitespace
         */
        public Builder image(String image) {
            this.image = SpecValidation.image(image);
            return change(Part.IMAGE);
        }

        /**
         * The command, replacing the image's {@code CMD} ({@code docker service create IMAGE cmd...}, the API's
         * {@code Args}); no arguments means the image's own.
         *
         * @param cmd the program and its arguments
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder cmd(String... cmd) {
            return cmd(cmd == null ? null : Arrays.asList(cmd));
        }

        /**
         * The command as a list; see {@link #cmd(String...)}.
         *
         * @param cmd the program and its arguments; empty for the image's {@code CMD}
         * @return this builder
         * @throws IllegalArgumentException when the list or an element is null
         */
        public Builder cmd(List<String> cmd) {
            this.cmd = SpecValidation.strings("cmd", cmd);
            return change(Part.CMD);
        }

        /**
         * The entrypoint, replacing the image's {@code ENTRYPOINT} ({@code --entrypoint}, the API's
         * {@code Command}); no arguments means the image's own. The image's {@code CMD} is then its arguments,
         * unless {@link #cmd(String...)} replaces it too.
         *
         * @param entrypoint the program and its first arguments
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder entrypoint(String... entrypoint) {
            return entrypoint(entrypoint == null ? null : Arrays.asList(entrypoint));
        }

        /**
         * The entrypoint as a list; see {@link #entrypoint(String...)}.
         *
         * @param entrypoint the program and its first arguments; empty for the image's {@code ENTRYPOINT}
         * @return this builder
         * @throws IllegalArgumentException when the list or an element is null
         */
        public Builder entrypoint(List<String> entrypoint) {
            this.entrypoint = SpecValidation.strings("entrypoint", entrypoint);
            return change(Part.ENTRYPOINT);
        }

        /**
         * Sets an environment variable ({@code --env KEY=value}); a later value for the same key wins.
         *
         * @param key the name, without {@code =}
         * @param value the value, {@code ""} for empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or has {@code =}, or the value is null
         */
        public Builder env(String key, String value) {
            SpecValidation.env(key, value);
            env.put(key, value);
            return change(Part.ENV);
        }

        /**
         * Sets an environment variable written as {@code KEY=value}.
         *
         * @param keyEqualsValue such as {@code MODE=prod}
         * @return this builder
         * @throws IllegalArgumentException when there is no {@code =} or the key is empty
         */
        public Builder env(String keyEqualsValue) {
            int eq = SpecValidation.envSeparator(keyEqualsValue);
            return env(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
        }

        /**
         * Removes an environment variable ({@code --env-rm}).
         *
         * @param key the variable's name
         * @return this builder
         */
        public Builder removeEnv(String key) {
            env.remove(key);
            return change(Part.ENV);
        }

        /**
         * Sets a label on the tasks' containers ({@code --container-label}).
         *
         * @param key the key
         * @param value the value, {@code ""} for empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or either is null
         */
        public Builder containerLabel(String key, String value) {
            SpecValidation.label(key, value);
            containerLabels.put(key, value);
            return change(Part.CONTAINER_LABELS);
        }

        /**
         * Gives the tasks' containers a pseudo-terminal ({@code --tty}); their logs are then raw.
         *
         * @return this builder
         */
        public Builder tty() {
            this.tty = true;
            return change(Part.TTY);
        }

        /**
         * Takes the pseudo-terminal away ({@code docker service update --tty=false}).
         *
         * @return this builder
         */
        public Builder noTty() {
            this.tty = false;
            return change(Part.TTY);
        }

        /**
         * A replicated service with {@code n} tasks ({@code --replicas}).
         *
         * @param n the task count; 0 keeps the service but runs no task
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder replicas(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("replicas must not be negative: " + n);
            }
            replicas = n;
            global = false;
            return change(Part.MODE);
        }

        /**
         * A global service: one task on every node ({@code --mode global}).
         *
         * @return this builder
         */
        public Builder global() {
            replicas = null;
            global = true;
            return change(Part.MODE);
        }

        /**
         * Adds a mount ({@code --mount}); see {@link Mount}.
         *
         * @param mount a bind, volume or tmpfs mount
         * @return this builder
         * @throws IllegalArgumentException when null or its target is already mounted
         */
        public Builder mount(Mount mount) {
            SpecValidation.notNull(mount, "mount");
            for (Mount m : mounts) {
                if (m.target().equals(mount.target())) {
                    throw new IllegalArgumentException("two mounts at " + mount.target() + ": " + m + " and " + mount);
                }
            }
            mounts.add(mount);
            return change(Part.MOUNTS);
        }

        /**
         * Mounts a host path of every node that runs a task, writable ({@code --mount type=bind}).
         *
         * @param host the path on the node, made absolute
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when a path is invalid
         */
        public Builder bind(Path host, String target) {
            return bind(host, target, AccessMode.READ_WRITE);
        }

        /**
         * Mounts a host path of every node that runs a task ({@code --mount type=bind[,readonly]}).
         *
         * @param host the path on the node, made absolute
         * @param target an absolute path in the container
         * @param mode whether the tasks may write to it
         * @return this builder
         * @throws IllegalArgumentException when a path is invalid or the mode null
         */
        public Builder bind(Path host, String target, AccessMode mode) {
            return mount(Mount.bind(host, target, readOnly(mode)));
        }

        /**
         * Mounts a named volume, writable, created on each node when missing ({@code --mount type=volume}).
         *
         * @param name the volume's name
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the name or path is invalid
         */
        public Builder volume(String name, String target) {
            return volume(name, target, AccessMode.READ_WRITE);
        }

        /**
         * Mounts a named volume, created on each node when missing ({@code --mount type=volume[,readonly]}).
         *
         * @param name the volume's name
         * @param target an absolute path in the container
         * @param mode whether the tasks may write to it
         * @return this builder
         * @throws IllegalArgumentException when the name or path is invalid or the mode null
         */
        public Builder volume(String name, String target, AccessMode mode) {
            return mount(Mount.volume(name, target, readOnly(mode)));
        }

        private static boolean readOnly(AccessMode mode) {
            return SpecValidation.notNull(mode, "access mode") == AccessMode.READ_ONLY;
        }

        /**
         * Removes every mount.
         *
         * @return this builder
         */
        public Builder clearMounts() {
            mounts.clear();
            return change(Part.MOUNTS);
        }

        /**
         * Attaches the tasks to a network ({@code --network}), which must be swarm-scoped (overlay).
         *
         * @param target the network's name or id; attaching twice to one is the same as once
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder network(String target) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("network must not be blank");
            }
            if (!networks.contains(target)) {
                networks.add(target);
            }
            return change(Part.NETWORKS);
        }

        /**
         * Detaches from every network.
         *
         * @return this builder
         */
        public Builder clearNetworks() {
            networks.clear();
            return change(Part.NETWORKS);
        }

        /**
         * Publishes a port ({@code --publish}).
         *
         * @param port the port; see {@link Port}
         * @return this builder
         * @throws IllegalArgumentException when null or the same published port and protocol is used twice
         */
        public Builder publish(Port port) {
            SpecValidation.notNull(port, "port");
            for (Port p : ports) {
                if (port.published() != 0 && p.published() == port.published() && p.protocol() == port.protocol()) {
                    throw new IllegalArgumentException("published port " + port.published() + "/"
                            + port.protocol().value() + " used twice: " + p + " and " + port);
                }
            }
            ports.add(port);
            return change(Part.PORTS);
        }

        /**
         * Publishes TCP {@code target} on {@code published} through the routing mesh
         * ({@code --publish published:target}).
         *
         * @param published the port on every node, 0 for one the daemon picks
         * @param target the port inside the tasks' containers, 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException when a port is out of range or the published port is used twice
         */
        public Builder publish(int published, int target) {
            return publish(Port.ingress(published, target));
        }

        /**
         * Unpublishes every port.
         *
         * @return this builder
         */
        public Builder clearPorts() {
            ports.clear();
            return change(Part.PORTS);
        }

        /**
         * All limits and reservations at once; {@link Resources#NONE} removes them. Without a memory limit, the swap
         * limit of API 1.52 ({@code SwapBytes}) goes too, since the daemon refuses one without the other.
         *
         * @param resources the limits and reservations
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder resources(Resources resources) {
            SpecValidation.notNull(resources, "resources");
            this.resources = resources.isEmpty() ? null : resources;
            return change(Part.RESOURCES);
        }

        private Resources current() {
            return resources == null ? Resources.NONE : resources;
        }

        /**
         * The CPU limit per task ({@code --limit-cpu}; {@link ContainerSpec}'s {@code cpus}).
         *
         * @param cpus how many CPUs, such as {@code 0.5}, rounded to billionths
         * @return this builder
         * @throws IllegalArgumentException when not a positive number
         */
        public Builder cpus(double cpus) {
            Resources r = current();
            return resources(new Resources(SpecValidation.nanoCpus(cpus), r.memory(), r.reserveNanoCpus(),
                    r.reserveMemory()));
        }

        /**
         * The memory limit per task in bytes ({@code --limit-memory}; {@link ContainerSpec}'s {@code memory}); 0
         * removes it, and with it the swap limit of API 1.52 ({@code SwapBytes}), which the daemon refuses without
         * a memory limit.
         *
         * @param bytes 0, or at least 6 MiB (the daemon's minimum)
         * @return this builder
         * @throws IllegalArgumentException when negative or below the daemon's 6 MiB minimum
         */
        public Builder memory(long bytes) {
            Resources r = current();
            return resources(new Resources(r.nanoCpus(), SpecValidation.memory(bytes), r.reserveNanoCpus(),
                    r.reserveMemory()));
        }

        /**
         * The memory limit in CLI units, such as {@code 64m}.
         *
         * @param size such as {@code 64m} or {@code 1g}
         * @return this builder
         * @throws IllegalArgumentException when not a size or below the daemon's 6 MiB minimum
         */
        public Builder memory(String size) {
            return memory(ByteSize.parse(size));
        }

        /**
         * The CPUs each task reserves on its node ({@code --reserve-cpu}); nodes without them get no task.
         *
         * @param cpus how many CPUs, such as {@code 0.5}, rounded to billionths
         * @return this builder
         * @throws IllegalArgumentException when not a positive number
         */
        public Builder reserveCpus(double cpus) {
            Resources r = current();
            return resources(new Resources(r.nanoCpus(), r.memory(), SpecValidation.nanoCpus(cpus),
                    r.reserveMemory()));
        }

        /**
         * The memory each task reserves on its node, in bytes ({@code --reserve-memory}); 0 removes it.
         *
         * @param bytes the reservation in bytes, 0 for none
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder reserveMemory(long bytes) {
            Resources r = current();
            return resources(new Resources(r.nanoCpus(), r.memory(), r.reserveNanoCpus(), bytes));
        }

        /**
         * The memory reservation in CLI units, such as {@code 32m}.
         *
         * @param size such as {@code 32m} or {@code 1g}
         * @return this builder
         * @throws IllegalArgumentException when not a size
         */
        public Builder reserveMemory(String size) {
            return reserveMemory(ByteSize.parse(size));
        }

        /**
         * The restart policy ({@code --restart-*}).
         *
         * @param policy when tasks are restarted, after what delay, how many times
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder restartPolicy(Restart policy) {
            restartPolicy = SpecValidation.notNull(policy, "restart policy");
            return change(Part.RESTART);
        }

        /**
         * Leaves the restart policy to the daemon ({@code any}, after 5 s).
         *
         * @return this builder
         */
        public Builder clearRestartPolicy() {
            restartPolicy = null;
            return change(Part.RESTART);
        }

        /**
         * How updates roll out ({@code --update-*}).
         *
         * @param rollout batch size, delay, failure action and order
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder updateConfig(Rollout rollout) {
            updateConfig = SpecValidation.notNull(rollout, "update config");
            return change(Part.UPDATE);
        }

        /**
         * Leaves how updates roll out to the daemon's defaults.
         *
         * @return this builder
         */
        public Builder clearUpdateConfig() {
            updateConfig = null;
            return change(Part.UPDATE);
        }

        /**
         * How rollbacks roll out ({@code --rollback-*}).
         *
         * @param rollout batch size, delay, failure action (continue or pause) and order
         * @return this builder
         * @throws IllegalArgumentException when null or its failure action is {@link Rollout.FailureAction#ROLLBACK}
         */
        public Builder rollbackConfig(Rollout rollout) {
            SpecValidation.notNull(rollout, "rollback config");
            if (rollout.failureAction() == Rollout.FailureAction.ROLLBACK) {
                throw new IllegalArgumentException(
                        "a rollback's failure action can be continue or pause, not rollback");
            }
            rollbackConfig = rollout;
            return change(Part.ROLLBACK);
        }

        /**
         * Leaves how rollbacks roll out to the daemon's defaults.
         *
         * @return this builder
         */
        public Builder clearRollbackConfig() {
            rollbackConfig = null;
            return change(Part.ROLLBACK);
        }

        /**
         * Gives the tasks a secret as a file, {@code /run/secrets/FILE} for a relative name ({@code --secret}).
         *
         * @param secretId the secret's id
         * @param secretName the secret's name
         * @param fileName the file's name or absolute path
         * @return this builder
         * @throws IllegalArgumentException when a value is empty
         */
        public Builder secret(String secretId, String secretName, String fileName) {
            return secret(FileReference.of(secretId, secretName, fileName));
        }

        /**
         * Gives the tasks a secret ({@code --secret}); see {@link FileReference}.
         *
         * @param reference the secret, and the file it becomes
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder secret(FileReference reference) {
            secrets.add(SpecValidation.notNull(reference, "secret"));
            return change(Part.SECRETS);
        }

        /**
         * Takes every secret away.
         *
         * @return this builder
         */
        public Builder clearSecrets() {
            secrets.clear();
            return change(Part.SECRETS);
        }

        /**
         * Gives the tasks a config as a file ({@code --config}); an absolute path is safest.
         *
         * @param configId the config's id
         * @param configName the config's name
         * @param fileName the file's path
         * @return this builder
         * @throws IllegalArgumentException when a value is empty
         */
        public Builder config(String configId, String configName, String fileName) {
            return config(FileReference.of(configId, configName, fileName));
        }

        /**
         * Gives the tasks a config ({@code --config}); see {@link FileReference}.
         *
         * @param reference the config, and the file it becomes
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder config(FileReference reference) {
            configs.add(SpecValidation.notNull(reference, "config"));
            return change(Part.CONFIGS);
        }

        /**
         * Takes every config away.
         *
         * @return this builder
         */
        public Builder clearConfigs() {
            configs.clear();
            return change(Part.CONFIGS);
        }

        /**
         * Makes the spec.
         *
         * @return the spec
         */
        public ServiceSpec build() {
            return new ServiceSpec(this);
        }
    }
}
