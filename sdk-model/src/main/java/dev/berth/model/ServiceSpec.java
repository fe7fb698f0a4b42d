package dev.berth.model;

import static dev.berth.model.ServiceSpecJson.array;
import static dev.berth.model.ServiceSpecJson.child;
import static dev.berth.model.ServiceSpecJson.object;
import static dev.berth.model.ServiceSpecJson.prune;
import static dev.berth.model.ServiceSpecJson.put;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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

/**
 * What {@code docker service create} is told ({@code ServiceSpec}): the image and command, environment, labels,
 * replicas or global mode, mounts, networks, published ports, resources, restart policy, update and rollback
 * behaviour, secrets and configs. Immutable; made with {@link #builder(String)}, changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * ServiceSpec web = ServiceSpec.builder("demo/busybox:1")
 *         .name("web").command("httpd", "-f", "-p", "80")
 *         .replicas(3).publish(Port.ingress(8080, 80))
 *         .env("MODE", "prod").limitMemory("64m").limitCpus(0.5)
 *         .restartPolicy(Restart.onFailure(3).withDelay(Duration.ofSeconds(2)))
 *         .updateConfig(Rollout.parallelism(1).withOrder("start-first"))
 *         .secret(secretId, "db-password", "db-password")
 *         .build();
 * web.toJson();   // the body of POST /services/create
 * }</pre>
 *
 * <p><b>Specs read from the daemon.</b> {@link #fromJson(Map)} (behind {@code ServiceDetails.spec()}) keeps the
 * daemon's whole spec, and {@link #toJson()} writes it back unchanged, except for the parts a builder changed. So
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
        NAME, LABELS, IMAGE, COMMAND, ARGS, ENV, CONTAINER_LABELS, TTY, MOUNTS, SECRETS, CONFIGS, RESOURCES,
        RESTART, NETWORKS, MODE, UPDATE, ROLLBACK, PORTS
    }

    private final Map<String, Object> base;
    private final Set<Part> changed;
    private final String name;
    private final Map<String, String> labels;
    private final String image;
    private final List<String> command;
    private final List<String> args;
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
        command = Copies.copy(b.command);
        args = Copies.copy(b.args);
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
     * ServiceSpec spec = ServiceSpec.builder("demo/busybox:1").name("sleeper").command("sleep", "3600").build();
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
     * left out of the typed getters but stay in the JSON.
     *
     * <pre>{@code
     * ServiceSpec spec = ServiceSpec.fromJson(details.rawSpec());
     * spec.replicas();   // OptionalLong[3]
     * }</pre>
     *
     * @param spec the daemon's {@code ServiceSpec} object
     * @return the spec
     */
    public static ServiceSpec fromJson(Map<String, ?> spec) {
        Map<String, Object> raw = ServiceSpecJson.copyMap(spec, false);
        Builder b = new Builder(raw);
        Map<String, Object> task = object(raw, "TaskTemplate");
        Map<String, Object> container = object(task, "ContainerSpec");
        b.name = ServiceSpecJson.string(raw, "Name");
        b.labels.putAll(ServiceSpecJson.stringMap(raw, "Labels"));
        b.image = ServiceSpecJson.string(container, "Image");
        b.command = ServiceSpecJson.strings(container, "Command");
        b.args = ServiceSpecJson.strings(container, "Args");
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
        b.command = new ArrayList<>(command);
        b.args = new ArrayList<>(args);
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
    public String image() {
        return image;
    }

    /** {@return the command, replacing the image's entrypoint ({@code Command}); empty for the image's} */
    public List<String> command() {
        return command;
    }

    /** {@return the arguments, replacing the image's {@code CMD} ({@code Args}); empty for the image's} */
    public List<String> args() {
        return args;
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
     * {@code POST /services/{id}/update}. A fresh, mutable map with the daemon's field names; only what is set is
     * written. For a spec read from the daemon, the daemon's spec with the changed parts rewritten.
     *
     * <pre>{@code
     * ServiceSpec.builder("demo/busybox:1").name("web").replicas(2).build().toJson();
     * // {Name=web, TaskTemplate={ContainerSpec={Image=demo/busybox:1}}, Mode={Replicated={Replicas=2}}}
     * }</pre>
     *
     * @return the body
     */
    public Map<String, Object> toJson() {
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
        if (changed.contains(Part.COMMAND)) {
            put(c, "Command", new ArrayList<>(command));
        }
        if (changed.contains(Part.ARGS)) {
            put(c, "Args", new ArrayList<>(args));
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
            put(limits, "NanoCPUs", r.limitNanoCpus() == 0 ? null : r.limitNanoCpus());
            put(limits, "MemoryBytes", r.limitMemoryBytes() == 0 ? null : r.limitMemoryBytes());
            prune(res, "Limits");
            Map<String, Object> reservations = child(res, "Reservations");
            put(reservations, "NanoCPUs", r.reserveNanoCpus() == 0 ? null : r.reserveNanoCpus());
            put(reservations, "MemoryBytes", r.reserveMemoryBytes() == 0 ? null : r.reserveMemoryBytes());
            prune(res, "Reservations");
            prune(task, "Resources");
        }
        if (changed.contains(Part.RESTART)) {
            if (restartPolicy == null) {
                task.remove("RestartPolicy");
            } else {
                Map<String, Object> p = child(task, "RestartPolicy");
                p.put("Condition", restartPolicy.condition());
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
        put(c, "FailureAction", r.failureAction());
        put(c, "Order", r.order());
    }

    /** Specs are equal when their {@link #toJson()} bodies are. */
    @Override
    public boolean equals(Object o) {
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
     *             ports=[8080:80/tcp (ingress)], limits=cpus 0.5 memory 64m]
     * }</pre>
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ServiceSpec[", "]");
        add(j, "name", name);
        add(j, "image", image);
        add(j, "mode", global ? "global" : null);
        add(j, "replicas", replicas);
        add(j, "command", command);
        add(j, "args", args);
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
     * Port.ingress(0, 53).withProtocol("udp");   // the daemon picks the published port (30000 and up)
     * }</pre>
     *
     * @param target the port inside the tasks' containers, 1 to 65535
     * @param published the port on the nodes, 0 for one the daemon picks
     * @param protocol {@code tcp} (null means it), {@code udp} or {@code sctp}
     * @param mode {@code ingress} (null means it) or {@code host}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(@JsonProperty("TargetPort") int target,
                       @JsonProperty("PublishedPort") int published,
                       @JsonProperty("Protocol") String protocol,
                       @JsonProperty("PublishMode") String mode) {

        /**
         * @throws IllegalArgumentException when a port is out of range, or the protocol or mode unknown
         */
        public Port {
            if (target < 1 || target > 65535) {
                throw new IllegalArgumentException("target port must be 1 to 65535: " + target);
            }
            if (published < 0 || published > 65535) {
                throw new IllegalArgumentException("published port must be 0 (any) to 65535: " + published);
            }
            protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
            if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
                throw new IllegalArgumentException("unknown protocol '" + protocol + "': expected tcp, udp or sctp");
            }
            mode = mode == null || mode.isEmpty() ? "ingress" : mode;
            if (!mode.equals("ingress") && !mode.equals("host")) {
                throw new IllegalArgumentException("unknown publish mode '" + mode + "': expected ingress or host");
            }
        }

        /** {@return a TCP port published through the routing mesh on every node; {@code published} 0 = any} */
        public static Port ingress(int published, int target) {
            return new Port(target, published, "tcp", "ingress");
        }

        /** {@return a TCP port published straight on the nodes that run a task} */
        public static Port host(int published, int target) {
            return new Port(target, published, "tcp", "host");
        }

        /** {@return this port with another protocol: {@code tcp}, {@code udp} or {@code sctp}} */
        public Port withProtocol(String protocol) {
            return new Port(target, published, protocol, mode);
        }

        /** {@code 8080:80/tcp (ingress)}, or {@code 80/tcp (ingress)} before the daemon picked a port. */
        @Override
        public String toString() {
            return (published == 0 ? "" : published + ":") + target + "/" + protocol + " (" + mode + ")";
        }
    }

    /**
     * CPU and memory each task is limited to, and reserves on its node ({@code --limit-cpu}, {@code --limit-memory},
     * {@code --reserve-cpu}, {@code --reserve-memory}). 0 means none.
     *
     * @param limitNanoCpus the CPU limit in billionths of a CPU
     * @param limitMemoryBytes the memory limit in bytes
     * @param reserveNanoCpus the CPU reservation in billionths of a CPU
     * @param reserveMemoryBytes the memory reservation in bytes
     */
    public record Resources(long limitNanoCpus, long limitMemoryBytes, long reserveNanoCpus,
                            long reserveMemoryBytes) {
        /** No limits, no reservations. */
        public static final Resources NONE = new Resources(0, 0, 0, 0);

        /**
         * @throws IllegalArgumentException when a value is negative
         */
        public Resources {
            if (limitNanoCpus < 0 || limitMemoryBytes < 0 || reserveNanoCpus < 0 || reserveMemoryBytes < 0) {
                throw new IllegalArgumentException("resources must not be negative: " + limitNanoCpus + ", "
                        + limitMemoryBytes + ", " + reserveNanoCpus + ", " + reserveMemoryBytes);
            }
        }

        boolean isEmpty() {
            return equals(NONE);
        }

        /** Such as {@code limits cpus=0.5 memory=64m, reservations memory=32m}. */
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ");
            String limits = amounts(limitNanoCpus, limitMemoryBytes);
            String reservations = amounts(reserveNanoCpus, reserveMemoryBytes);
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
     * @param condition {@code none}, {@code on-failure} or {@code any}
     * @param delay how long to wait between attempts, or null for the daemon's default (5 s)
     * @param maxAttempts how many restarts to try, 0 for no limit
     */
    public record Restart(String condition, Duration delay, long maxAttempts) {

        /**
         * @throws IllegalArgumentException when the condition is unknown, or the delay or count negative
         */
        public Restart {
            if (!List.of("none", "on-failure", "any").contains(String.valueOf(condition))) {
                throw new IllegalArgumentException("unknown restart condition '" + condition
                        + "': expected none, on-failure or any");
            }
            if (delay != null && delay.isNegative()) {
                throw new IllegalArgumentException("restart delay must not be negative: " + delay);
            }
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("restart max attempts must not be negative: " + maxAttempts);
            }
        }

        /** {@return restart whenever a task ends} */
        public static Restart any() {
            return new Restart("any", null, 0);
        }

        /** {@return restart after a non-zero exit, at most {@code maxAttempts} times (0 = no limit)} */
        public static Restart onFailure(long maxAttempts) {
            return new Restart("on-failure", null, maxAttempts);
        }

        /** {@return never restart} */
        public static Restart none() {
            return new Restart("none", null, 0);
        }

        /** {@return this policy, waiting {@code delay} between attempts} */
        public Restart withDelay(Duration delay) {
            return new Restart(condition, delay, maxAttempts);
        }

        static Restart read(Map<String, Object> m) {
            return new Restart(ServiceSpecJson.string(m, "Condition"), ServiceSpecJson.nanos(m, "Delay"),
                    ServiceSpecJson.number(m, "MaxAttempts", 0));
        }

        /** Such as {@code on-failure:3 delay 2s}. */
        @Override
        public String toString() {
            return condition + (maxAttempts > 0 ? ":" + maxAttempts : "")
                    + (delay == null ? "" : " delay " + Healthcheck.formatDuration(delay));
        }
    }

    /**
     * How an update or a rollback replaces tasks ({@code --update-parallelism}, {@code --update-delay},
     * {@code --update-failure-action}, {@code --update-order}, and the {@code --rollback-*} ones).
     *
     * <pre>{@code
     * Rollout.parallelism(2).withDelay(Duration.ofSeconds(10)).withFailureAction("rollback");
     * Rollout.parallelism(0).withOrder("start-first");     // all at once, new tasks before old ones stop
     * }</pre>
     *
     * @param parallelism how many tasks to replace at a time, 0 for all at once
     * @param delay the pause between batches, or null for none
     * @param failureAction {@code continue}, {@code pause} or {@code rollback} (not for rollbacks), or null for the
     *        daemon's default ({@code pause})
     * @param order {@code stop-first} or {@code start-first}, or null for the daemon's default ({@code stop-first})
     */
    public record Rollout(long parallelism, Duration delay, String failureAction, String order) {

        /**
         * @throws IllegalArgumentException when a number is negative or an action or order unknown
         */
        public Rollout {
            if (parallelism < 0) {
                throw new IllegalArgumentException("parallelism must not be negative: " + parallelism);
            }
            if (delay != null && delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            if (failureAction != null && !List.of("continue", "pause", "rollback").contains(failureAction)) {
                throw new IllegalArgumentException("unknown failure action '" + failureAction
                        + "': expected continue, pause or rollback");
            }
            if (order != null && !List.of("stop-first", "start-first").contains(order)) {
                throw new IllegalArgumentException("unknown order '" + order + "': expected stop-first or start-first");
            }
        }

        /** {@return a rollout replacing {@code n} tasks at a time (0 = all), daemon defaults for the rest} */
        public static Rollout parallelism(long n) {
            return new Rollout(n, null, null, null);
        }

        /** {@return this rollout, pausing {@code delay} between batches} */
        public Rollout withDelay(Duration delay) {
            return new Rollout(parallelism, delay, failureAction, order);
        }

        /** {@return this rollout, doing {@code action} when a new task fails: continue, pause or rollback} */
        public Rollout withFailureAction(String action) {
            return new Rollout(parallelism, delay, action, order);
        }

        /** {@return this rollout, in {@code order}: stop-first or start-first} */
        public Rollout withOrder(String order) {
            return new Rollout(parallelism, delay, failureAction, order);
        }

        static Rollout read(Map<String, Object> m) {
            return new Rollout(ServiceSpecJson.number(m, "Parallelism", 0), ServiceSpecJson.nanos(m, "Delay"),
                    ServiceSpecJson.string(m, "FailureAction"), ServiceSpecJson.string(m, "Order"));
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
                j.add("on failure " + failureAction);
            }
            if (order != null) {
                j.add(order);
            }
            return j.toString();
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

        /** {@return a reference owned by root with mode 0444, as the CLI makes it} */
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
        private List<String> command = new ArrayList<>();
        private List<String> args = new ArrayList<>();
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
         * @return this builder
         * @throws IllegalArgumentException when the map, a key or a value is null, or a key is empty
         */
        public Builder labels(Map<String, String> labels) {
            SpecValidation.notNull(labels, "labels").forEach(this::label);
            return change(Part.LABELS);
        }

        /** Removes a service label ({@code --label-rm}). */
        public Builder removeLabel(String key) {
            labels.remove(key);
            return change(Part.LABELS);
        }

        /**
         * The image ({@code docker service update --image}).
         *
         * @return this builder
         * @throws IllegalArgumentException when blank or containing whitespace
         */
        public Builder image(String image) {
            this.image = SpecValidation.image(image);
            return change(Part.IMAGE);
        }

        /**
         * The command, replacing the image's entrypoint (the CLI's {@code --entrypoint}, the API's {@code Command}).
         * With the image's entrypoint kept, use {@link #args(String...)} instead.
         *
         * <pre>{@code
         * builder.command("sh", "-c", "echo hi; sleep 3600");
         * }</pre>
         *
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder command(String... command) {
            this.command = SpecValidation.strings("command", command == null ? null : Arrays.asList(command));
            return change(Part.COMMAND);
        }

        /**
         * The arguments, replacing the image's {@code CMD} ({@code docker service create IMAGE args...}).
         *
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder args(String... args) {
            this.args = SpecValidation.strings("args", args == null ? null : Arrays.asList(args));
            return change(Part.ARGS);
        }

        /**
         * Sets an environment variable ({@code --env KEY=value}); a later value for the same key wins.
         *
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
         * @return this builder
         * @throws IllegalArgumentException when there is no {@code =} or the key is empty
         */
        public Builder env(String keyEqualsValue) {
            int eq = SpecValidation.envSeparator(keyEqualsValue);
            return env(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
        }

        /** Removes an environment variable ({@code --env-rm}). */
        public Builder removeEnv(String key) {
            env.remove(key);
            return change(Part.ENV);
        }

        /**
         * Sets a label on the tasks' containers ({@code --container-label}).
         *
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or either is null
         */
        public Builder containerLabel(String key, String value) {
            SpecValidation.label(key, value);
            containerLabels.put(key, value);
            return change(Part.CONTAINER_LABELS);
        }

        /** Gives the tasks' containers a pseudo-terminal ({@code --tty}). */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return change(Part.TTY);
        }

        /**
         * A replicated service with {@code n} tasks ({@code --replicas}).
         *
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

        /** A global service: one task on every node ({@code --mode global}). */
        public Builder global() {
            replicas = null;
            global = true;
            return change(Part.MODE);
        }

        /**
         * Adds a mount ({@code --mount}); see {@link Mount}.
         *
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
         * Mounts a host path of every node that runs a task ({@code --mount type=bind}).
         *
         * @return this builder
         * @throws IllegalArgumentException when a path is invalid
         */
        public Builder bind(Path host, String target, boolean readOnly) {
            return mount(Mount.bind(host, target, readOnly));
        }

        /**
         * Mounts a named volume, created on each node when missing ({@code --mount type=volume}).
         *
         * @return this builder
         * @throws IllegalArgumentException when the name or path is invalid
         */
        public Builder volume(String name, String target, boolean readOnly) {
            return mount(Mount.volume(name, target, readOnly));
        }

        /** Removes every mount. */
        public Builder clearMounts() {
            mounts.clear();
            return change(Part.MOUNTS);
        }

        /**
         * Attaches the tasks to a network ({@code --network}), which must be swarm-scoped (overlay).
         *
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

        /** Detaches from every network. */
        public Builder clearNetworks() {
            networks.clear();
            return change(Part.NETWORKS);
        }

        /**
         * Publishes a port ({@code --publish}).
         *
         * @return this builder
         * @throws IllegalArgumentException when null or the same published port and protocol is used twice
         */
        public Builder publish(Port port) {
            SpecValidation.notNull(port, "port");
            for (Port p : ports) {
                if (port.published() != 0 && p.published() == port.published()
                        && p.protocol().equals(port.protocol())) {
                    throw new IllegalArgumentException("published port " + port.published() + "/" + port.protocol()
                            + " used twice: " + p + " and " + port);
                }
            }
            ports.add(port);
            return change(Part.PORTS);
        }

        /** Publishes TCP {@code target} on {@code published} through the routing mesh. */
        public Builder publish(int published, int target) {
            return publish(Port.ingress(published, target));
        }

        /** Unpublishes every port. */
        public Builder clearPorts() {
            ports.clear();
            return change(Part.PORTS);
        }

        /**
         * All limits and reservations at once; {@code null} or {@link Resources#NONE} removes them.
         *
         * @return this builder
         */
        public Builder resources(Resources resources) {
            this.resources = resources == null || resources.isEmpty() ? null : resources;
            return change(Part.RESOURCES);
        }

        private Resources current() {
            return resources == null ? Resources.NONE : resources;
        }

        /**
         * The CPU limit per task ({@code --limit-cpu}).
         *
         * @return this builder
         * @throws IllegalArgumentException when not a positive number
         */
        public Builder limitCpus(double cpus) {
            Resources r = current();
            return resources(new Resources(SpecValidation.nanoCpus(cpus), r.limitMemoryBytes(), r.reserveNanoCpus(),
                    r.reserveMemoryBytes()));
        }

        /**
         * The memory limit per task in bytes ({@code --limit-memory}); 0 removes it.
         *
         * @return this builder
         * @throws IllegalArgumentException when negative or below the daemon's 6 MiB minimum
         */
        public Builder limitMemory(long bytes) {
            Resources r = current();
            return resources(new Resources(r.limitNanoCpus(), SpecValidation.memory(bytes), r.reserveNanoCpus(),
                    r.reserveMemoryBytes()));
        }

        /** The memory limit in CLI units, such as {@code 64m}. */
        public Builder limitMemory(String size) {
            return limitMemory(ByteSize.parse(size));
        }

        /**
         * The CPUs each task reserves on its node ({@code --reserve-cpu}); nodes without them get no task.
         *
         * @return this builder
         * @throws IllegalArgumentException when not a positive number
         */
        public Builder reserveCpus(double cpus) {
            Resources r = current();
            return resources(new Resources(r.limitNanoCpus(), r.limitMemoryBytes(), SpecValidation.nanoCpus(cpus),
                    r.reserveMemoryBytes()));
        }

        /**
         * The memory each task reserves on its node, in bytes ({@code --reserve-memory}); 0 removes it.
         *
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder reserveMemory(long bytes) {
            Resources r = current();
            return resources(new Resources(r.limitNanoCpus(), r.limitMemoryBytes(), r.reserveNanoCpus(), bytes));
        }

        /** The memory reservation in CLI units, such as {@code 32m}. */
        public Builder reserveMemory(String size) {
            return reserveMemory(ByteSize.parse(size));
        }

        /** The restart policy; null for the daemon's. */
        public Builder restartPolicy(Restart policy) {
            restartPolicy = policy;
            return change(Part.RESTART);
        }

        /** How updates roll out; null for the daemon's defaults. */
        public Builder updateConfig(Rollout rollout) {
            updateConfig = rollout;
            return change(Part.UPDATE);
        }

        /**
         * How rollbacks roll out; null for the daemon's defaults.
         *
         * @return this builder
         * @throws IllegalArgumentException when its failure action is {@code rollback}
         */
        public Builder rollbackConfig(Rollout rollout) {
            if (rollout != null && "rollback".equals(rollout.failureAction())) {
                throw new IllegalArgumentException(
                        "a rollback's failure action can be continue or pause, not rollback");
            }
            rollbackConfig = rollout;
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

        /** Gives the tasks a secret; see {@link FileReference}. */
        public Builder secret(FileReference reference) {
            secrets.add(SpecValidation.notNull(reference, "secret"));
            return change(Part.SECRETS);
        }

        /** Takes every secret away. */
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

        /** Gives the tasks a config; see {@link FileReference}. */
        public Builder config(FileReference reference) {
            configs.add(SpecValidation.notNull(reference, "config"));
            return change(Part.CONFIGS);
        }

        /** Takes every config away. */
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
