package dev.berth.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * What {@code docker run} is told: the image, the command, and the options users set most (ports, mounts, limits,
 * restart, health). Immutable; made with {@link #builder(String)}, changed with {@link #toBuilder()}. Every builder
 * method checks its argument at once, so a typo in a port or a size fails where it is written, before any call to
 * the daemon.
 *
 * <pre>{@code
 * import static dev.berth.model.ContainerSpec.READ_ONLY;
 *
 * ContainerSpec web = ContainerSpec.builder("demo/busybox:1")
 *         .name("web").cmd("httpd", "-f", "-p", "80")
 *         .publish(8080, 80).bind(Path.of("/srv/www"), "/www", READ_ONLY)
 *         .env("MODE", "prod").memory("64m").restartPolicy(RestartPolicy.unlessStopped())
 *         .build();
 * web.toCreateBody();   // the JSON body of POST /containers/create
 * web.name();           // Optional[web]: sent as the ?name= query parameter
 * }</pre>
 *
 * <p>The body is written for Engine API 1.41 (Docker 20.10) and later: it holds no field 1.41 lacks.
 */
public final class ContainerSpec {
    /** For {@link Builder#bind(Path, String, boolean)}: the container sees the mount read-only. */
    public static final boolean READ_ONLY = true;
    /** For {@link Builder#bind(Path, String, boolean)}: the container may write to the mount. */
    public static final boolean READ_WRITE = false;

    /** The smallest memory limit the daemon accepts (6 MiB). */
    static final long MIN_MEMORY = 6L * ByteSize.MIB;

    private static final Pattern NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SIGNAL =
            Pattern.compile("(SIG)?(HUP|INT|QUIT|ILL|TRAP|ABRT|IOT|BUS|FPE|KILL|USR1|SEGV|USR2|PIPE|ALRM|TERM"
                    + "|STKFLT|CHLD|CONT|STOP|TSTP|TTIN|TTOU|URG|XCPU|XFSZ|VTALRM|PROF|WINCH|IO|POLL|PWR|SYS"
                    + "|RTMIN(\\+\\d{1,2})?|RTMAX(-\\d{1,2})?)", Pattern.CASE_INSENSITIVE);
    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY");

    private final String image;
    private final String name;
    private final List<String> cmd;
    private final List<String> entrypoint;
    private final Map<String, String> env;
    private final Map<String, String> labels;
    private final String workingDir;
    private final String user;
    private final String hostname;
    private final boolean tty;
    private final boolean openStdin;
    private final List<PortBinding> publish;
    private final boolean publishAll;
    private final List<String> expose;
    private final List<Mount> mounts;
    private final String network;
    private final RestartPolicy restartPolicy;
    private final boolean autoRemove;
    private final long memory;
    private final long memorySwap;
    private final long nanoCpus;
    private final int cpuShares;
    private final Long pidsLimit;
    private final Healthcheck healthcheck;
    private final String stopSignal;
    private final Duration stopTimeout;
    private final Boolean init;
    private final boolean privileged;
    private final List<String> capAdd;
    private final List<String> capDrop;
    private final List<String> extraHosts;
    private final List<String> dns;
    private final boolean readOnlyRootfs;

    private ContainerSpec(Builder b) {
        image = b.image;
        name = b.name;
        cmd = List.copyOf(b.cmd);
        entrypoint = List.copyOf(b.entrypoint);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        workingDir = b.workingDir;
        user = b.user;
        hostname = b.hostname;
        tty = b.tty;
        openStdin = b.openStdin;
        publish = List.copyOf(b.publish);
        publishAll = b.publishAll;
        expose = List.copyOf(b.expose);
        mounts = List.copyOf(b.mounts);
        network = b.network;
        restartPolicy = b.restartPolicy;
        autoRemove = b.autoRemove;
        memory = b.memory;
        memorySwap = b.memorySwap;
        nanoCpus = b.nanoCpus;
        cpuShares = b.cpuShares;
        pidsLimit = b.pidsLimit;
        healthcheck = b.healthcheck;
        stopSignal = b.stopSignal;
        stopTimeout = b.stopTimeout;
        init = b.init;
        privileged = b.privileged;
        capAdd = List.copyOf(b.capAdd);
        capDrop = List.copyOf(b.capDrop);
        extraHosts = List.copyOf(b.extraHosts);
        dns = List.copyOf(b.dns);
        readOnlyRootfs = b.readOnlyRootfs;
    }

    /**
     * Starts a spec for the image; everything else is left to the image and the daemon until set.
     *
     * <pre>{@code
     * ContainerSpec spec = ContainerSpec.builder("demo/busybox:1").cmd("sleep", "60").build();
     * }</pre>
     *
     * @param image the image reference, such as {@code busybox:1.36} or an image id
     * @return a builder
     * @throws IllegalArgumentException when the image is blank or contains whitespace
     */
    public static Builder builder(String image) {
        return new Builder().image(image);
    }

    /**
     * A builder holding everything this spec holds, to derive a changed copy.
     *
     * <pre>{@code
     * ContainerSpec web2 = web.toBuilder().name("web2").publish(8081, 80).build();
     * }</pre>
     *
     * @return a new builder; changing it leaves this spec alone
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---- getters ---------------------------------------------------------------------------------------------

    /**
     * The image to run.
     *
     * <pre>{@code
     * spec.image(); // "demo/busybox:1"
     * }</pre>
     *
     * @return the image reference
     */
    public String image() {
        return image;
    }

    /**
     * The container name ({@code --name}), without a leading {@code /}. It goes in the {@code ?name=} query
     * parameter of {@code POST /containers/create}, not in the body.
     *
     * <pre>{@code
     * spec.name().orElse(null); // "web"
     * }</pre>
     *
     * @return the name, or empty for one the daemon makes up
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The command ({@code docker run IMAGE cmd...}).
     *
     * <pre>{@code
     * spec.cmd(); // [httpd, -f]
     * }</pre>
     *
     * @return the command; empty for the image's own
     */
    public List<String> cmd() {
        return cmd;
    }

    /**
     * The entrypoint ({@code --entrypoint}).
     *
     * <pre>{@code
     * spec.entrypoint(); // [/bin/sh, -c]
     * }</pre>
     *
     * @return the entrypoint; empty for the image's own; {@code [""]} to clear the image's
     */
    public List<String> entrypoint() {
        return entrypoint;
    }

    /**
     * The environment variables set ({@code -e}), in the order set. Values are returned as they are;
     * {@link #toString()} hides secret-looking ones.
     *
     * <pre>{@code
     * spec.env().get("MODE"); // "prod"
     * }</pre>
     *
     * @return name to value
     */
    public Map<String, String> env() {
        return env;
    }

    /**
     * The container labels ({@code --label}).
     *
     * <pre>{@code
     * spec.labels().get("app"); // "web"
     * }</pre>
     *
     * @return key to value
     */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The working directory ({@code -w}).
     *
     * <pre>{@code
     * spec.workingDir(); // Optional[/app]
     * }</pre>
     *
     * @return the absolute directory, or empty for the image's
     */
    public Optional<String> workingDir() {
        return Optional.ofNullable(workingDir);
    }

    /**
     * The user the process runs as ({@code -u}).
     *
     * <pre>{@code
     * spec.user(); // Optional[1000:1000]
     * }</pre>
     *
     * @return {@code user}, {@code uid}, {@code user:group} or {@code uid:gid}, or empty for the image's
     */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The container's host name ({@code -h}).
     *
     * <pre>{@code
     * spec.hostname(); // Optional[web]
     * }</pre>
     *
     * @return the host name, or empty for the container id's prefix
     */
    public Optional<String> hostname() {
        return Optional.ofNullable(hostname);
    }

    /**
     * Whether the container gets a pseudo-terminal ({@code -t}); its output is then one raw stream.
     *
     * <pre>{@code
     * spec.tty(); // false
     * }</pre>
     *
     * @return whether a TTY is allocated
     */
    public boolean tty() {
        return tty;
    }

    /**
     * Whether stdin stays open for a later attach ({@code -i}).
     *
     * <pre>{@code
     * spec.openStdin(); // true
     * }</pre>
     *
     * @return whether stdin is kept open
     */
    public boolean openStdin() {
        return openStdin;
    }

    /**
     * The published ports ({@code -p}), in the order given.
     *
     * <pre>{@code
     * spec.publish(); // [8080:80/tcp]
     * }</pre>
     *
     * @return the bindings
     */
    public List<PortBinding> publish() {
        return publish;
    }

    /**
     * Whether every exposed port is published on a random host port ({@code -P}).
     *
     * <pre>{@code
     * spec.publishAll(); // false
     * }</pre>
     *
     * @return whether {@code -P} is on
     */
    public boolean publishAll() {
        return publishAll;
    }

    /**
     * The ports exposed without publishing ({@code --expose}), as port keys. Published ports are exposed too, but
     * are not listed here.
     *
     * <pre>{@code
     * spec.expose(); // [9000/tcp, 53/udp]
     * }</pre>
     *
     * @return keys such as {@code 9000/tcp}
     */
    public List<String> expose() {
        return expose;
    }

    /**
     * The binds, volumes and tmpfs mounts ({@code -v}, {@code --tmpfs}), in the order given.
     *
     * <pre>{@code
     * spec.mounts(); // [/srv/www:/www:ro, data:/data, /run]
     * }</pre>
     *
     * @return the mounts
     */
    public List<Mount> mounts() {
        return mounts;
    }

    /**
     * The network mode ({@code --network}).
     *
     * <pre>{@code
     * spec.network(); // Optional[host]
     * }</pre>
     *
     * @return {@code bridge}, {@code host}, {@code none}, {@code container:<id>} or a network name; empty for the
     *         default bridge
     */
    public Optional<String> network() {
        return Optional.ofNullable(network);
    }

    /**
     * The restart policy ({@code --restart}).
     *
     * <pre>{@code
     * spec.restartPolicy().map(RestartPolicy::toString); // Optional[on-failure:3]
     * }</pre>
     *
     * @return the policy, or empty for the daemon's default ({@code no})
     */
    public Optional<RestartPolicy> restartPolicy() {
        return Optional.ofNullable(restartPolicy);
    }

    /**
     * Whether the daemon removes the container when it exits ({@code --rm}).
     *
     * <pre>{@code
     * spec.autoRemove(); // true
     * }</pre>
     *
     * @return whether {@code --rm} is on
     */
    public boolean autoRemove() {
        return autoRemove;
    }

    /**
     * The memory limit ({@code -m}).
     *
     * <pre>{@code
     * spec.memory(); // OptionalLong[67108864]
     * }</pre>
     *
     * @return bytes, or empty for no limit
     */
    public OptionalLong memory() {
        return memory == 0 ? OptionalLong.empty() : OptionalLong.of(memory);
    }

    /**
     * The memory plus swap limit ({@code --memory-swap}).
     *
     * <pre>{@code
     * spec.memorySwap(); // OptionalLong[-1]: unlimited swap
     * }</pre>
     *
     * @return bytes, -1 for unlimited swap, or empty for the daemon's default (twice the memory limit)
     */
    public OptionalLong memorySwap() {
        return memorySwap == 0 ? OptionalLong.empty() : OptionalLong.of(memorySwap);
    }

    /**
     * The CPU limit ({@code --cpus}) in billionths of a CPU, as the API takes it.
     *
     * <pre>{@code
     * spec.nanoCpus(); // OptionalLong[1500000000]
     * }</pre>
     *
     * @return nano-CPUs, or empty for no limit
     */
    public OptionalLong nanoCpus() {
        return nanoCpus == 0 ? OptionalLong.empty() : OptionalLong.of(nanoCpus);
    }

    /**
     * The CPU limit ({@code --cpus}).
     *
     * <pre>{@code
     * spec.cpus(); // OptionalDouble[1.5]
     * }</pre>
     *
     * @return CPUs, or empty for no limit
     */
    public OptionalDouble cpus() {
        return nanoCpus == 0 ? OptionalDouble.empty() : OptionalDouble.of(nanoCpus / 1e9);
    }

    /**
     * The relative CPU weight ({@code --cpu-shares}).
     *
     * <pre>{@code
     * spec.cpuShares(); // OptionalInt[512]
     * }</pre>
     *
     * @return the weight, or empty for the default (1024)
     */
    public OptionalInt cpuShares() {
        return cpuShares == 0 ? OptionalInt.empty() : OptionalInt.of(cpuShares);
    }

    /**
     * The process limit ({@code --pids-limit}).
     *
     * <pre>{@code
     * spec.pidsLimit(); // OptionalLong[100]
     * }</pre>
     *
     * @return the limit, -1 or 0 for none, or empty for the daemon's default
     */
    public OptionalLong pidsLimit() {
        return pidsLimit == null ? OptionalLong.empty() : OptionalLong.of(pidsLimit);
    }

    /**
     * The health check ({@code --health-*}).
     *
     * <pre>{@code
     * spec.healthcheck().map(Healthcheck::test); // Optional[[CMD-SHELL, curl -f localhost]]
     * }</pre>
     *
     * @return the check, or empty for the image's
     */
    public Optional<Healthcheck> healthcheck() {
        return Optional.ofNullable(healthcheck);
    }

    /**
     * The signal that stops the container ({@code --stop-signal}).
     *
     * <pre>{@code
     * spec.stopSignal(); // Optional[SIGINT]
     * }</pre>
     *
     * @return the signal, or empty for the image's (usually {@code SIGTERM})
     */
    public Optional<String> stopSignal() {
        return Optional.ofNullable(stopSignal);
    }

    /**
     * How long a stop waits before killing ({@code --stop-timeout}).
     *
     * <pre>{@code
     * spec.stopTimeout(); // Optional[PT30S]
     * }</pre>
     *
     * @return whole seconds, or empty for the daemon's default (10 s)
     */
    public Optional<Duration> stopTimeout() {
        return Optional.ofNullable(stopTimeout);
    }

    /**
     * Whether an init process reaps zombies and forwards signals ({@code --init}).
     *
     * <pre>{@code
     * spec.init(); // Optional[true]
     * }</pre>
     *
     * @return the choice, or empty for the daemon's configured default
     */
    public Optional<Boolean> init() {
        return Optional.ofNullable(init);
    }

    /**
     * Whether the container runs privileged ({@code --privileged}).
     *
     * <pre>{@code
     * spec.privileged(); // false
     * }</pre>
     *
     * @return whether it is privileged
     */
    public boolean privileged() {
        return privileged;
    }

    /**
     * Capabilities added ({@code --cap-add}).
     *
     * <pre>{@code
     * spec.capAdd(); // [NET_ADMIN]
     * }</pre>
     *
     * @return capability names
     */
    public List<String> capAdd() {
        return capAdd;
    }

    /**
     * Capabilities dropped ({@code --cap-drop}).
     *
     * <pre>{@code
     * spec.capDrop(); // [ALL]
     * }</pre>
     *
     * @return capability names
     */
    public List<String> capDrop() {
        return capDrop;
    }

    /**
     * Extra {@code /etc/hosts} entries ({@code --add-host}).
     *
     * <pre>{@code
     * spec.extraHosts(); // [db:10.0.0.5]
     * }</pre>
     *
     * @return {@code host:ip} entries
     */
    public List<String> extraHosts() {
        return extraHosts;
    }

    /**
     * DNS servers ({@code --dns}).
     *
     * <pre>{@code
     * spec.dns(); // [1.1.1.1]
     * }</pre>
     *
     * @return IP addresses
     */
    public List<String> dns() {
        return dns;
    }

    /**
     * Whether the root file system is read-only ({@code --read-only}).
     *
     * <pre>{@code
     * spec.readOnlyRootfs(); // true
     * }</pre>
     *
     * @return whether it is read-only
     */
    public boolean readOnlyRootfs() {
        return readOnlyRootfs;
    }

    // ---- the request body ------------------------------------------------------------------------------------

    /**
     * The JSON body of {@code POST /containers/create}: the container config with a nested {@code HostConfig}, as
     * nested {@link LinkedHashMap}s and {@link ArrayList}s with the daemon's field names. Only what was set is
     * written, so the image's and the daemon's defaults apply to the rest; the exceptions are {@code AttachStdin}
     * ({@code false}), {@code AttachStdout} and {@code AttachStderr} ({@code true}), which are always written. When
     * nothing that belongs in {@code HostConfig} is set, {@code HostConfig} is left out altogether. The container
     * name is not in the body: see {@link #name()}. Each call returns a fresh tree the caller may change.
     *
     * <pre>{@code
     * ContainerSpec.builder("demo/busybox:1").publish("8080:80").build().toCreateBody();
     * // {Image=demo/busybox:1, AttachStdin=false, AttachStdout=true, AttachStderr=true,
     * //  ExposedPorts={80/tcp={}},
     * //  HostConfig={PortBindings={80/tcp=[{HostIp=, HostPort=8080}]}}}
     * }</pre>
     *
     * @return the body as a map
     */
    public Map<String, Object> toCreateBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", image);
        putIfSet(body, "Hostname", hostname);
        putIfSet(body, "User", user);
        body.put("AttachStdin", false);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        Set<String> exposed = new LinkedHashSet<>();
        for (PortBinding p : publish) {
            exposed.add(p.portKey());
        }
        exposed.addAll(expose);
        if (!exposed.isEmpty()) {
            Map<String, Object> ports = new LinkedHashMap<>();
            for (String key : exposed) {
                ports.put(key, new LinkedHashMap<String, Object>());
            }
            body.put("ExposedPorts", ports);
        }
        if (tty) {
            body.put("Tty", true);
        }
        if (openStdin) {
            body.put("OpenStdin", true);
            body.put("StdinOnce", false);
        }
        if (!env.isEmpty()) {
            List<String> list = new ArrayList<>();
            env.forEach((k, v) -> list.add(k + "=" + v));
            body.put("Env", list);
        }
        putIfSet(body, "Cmd", cmd);
        if (healthcheck != null) {
            body.put("Healthcheck", healthcheck.toJson());
        }
        putIfSet(body, "Entrypoint", entrypoint);
        Map<String, Object> volumes = new LinkedHashMap<>();
        for (Mount m : mounts) {
            if (m.type() == Mount.Type.VOLUME && m.source().isEmpty()) {
                volumes.put(m.target(), new LinkedHashMap<String, Object>());
            }
        }
        if (!volumes.isEmpty()) {
            body.put("Volumes", volumes);
        }
        putIfSet(body, "WorkingDir", workingDir);
        if (!labels.isEmpty()) {
            body.put("Labels", new LinkedHashMap<>(labels));
        }
        putIfSet(body, "StopSignal", stopSignal);
        if (stopTimeout != null) {
            body.put("StopTimeout", (int) stopTimeout.getSeconds());
        }
        Map<String, Object> host = hostConfig();
        if (!host.isEmpty()) {
            body.put("HostConfig", host);
        }
        return body;
    }

    private Map<String, Object> hostConfig() {
        Map<String, Object> host = new LinkedHashMap<>();
        List<String> binds = new ArrayList<>();
        List<Object> tmpfs = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.type() == Mount.Type.TMPFS) {
                Map<String, Object> mount = new LinkedHashMap<>();
                mount.put("Type", "tmpfs");
                mount.put("Target", m.target());
                if (m.readOnly()) {
                    mount.put("ReadOnly", true);
                }
                if (m.tmpfsSize() > 0) {
                    Map<String, Object> options = new LinkedHashMap<>();
                    options.put("SizeBytes", m.tmpfsSize());
                    mount.put("TmpfsOptions", options);
                }
                tmpfs.add(mount);
            } else if (!m.source().isEmpty()) {
                binds.add(m.bindSpec());
            }
        }
        putIfSet(host, "Binds", binds);
        putIfSet(host, "NetworkMode", network);
        if (!publish.isEmpty()) {
            Map<String, List<Object>> bindings = new LinkedHashMap<>();
            for (PortBinding p : publish) {
                Map<String, Object> binding = new LinkedHashMap<>();
                binding.put("HostIp", p.hostIp());
                binding.put("HostPort", p.hostPort() == 0 ? "" : Integer.toString(p.hostPort()));
                bindings.computeIfAbsent(p.portKey(), k -> new ArrayList<>()).add(binding);
            }
            host.put("PortBindings", bindings);
        }
        if (publishAll) {
            host.put("PublishAllPorts", true);
        }
        if (restartPolicy != null) {
            Map<String, Object> restart = new LinkedHashMap<>();
            restart.put("Name", restartPolicy.name());
            restart.put("MaximumRetryCount", restartPolicy.maximumRetryCount());
            host.put("RestartPolicy", restart);
        }
        if (autoRemove) {
            host.put("AutoRemove", true);
        }
        putIfSet(host, "Mounts", tmpfs);
        putIfSet(host, "CapAdd", capAdd);
        putIfSet(host, "CapDrop", capDrop);
        putIfSet(host, "Dns", dns);
        putIfSet(host, "ExtraHosts", extraHosts);
        if (privileged) {
            host.put("Privileged", true);
        }
        if (readOnlyRootfs) {
            host.put("ReadonlyRootfs", true);
        }
        if (init != null) {
            host.put("Init", init);
        }
        if (memory != 0) {
            host.put("Memory", memory);
        }
        if (memorySwap != 0) {
            host.put("MemorySwap", memorySwap);
        }
        if (nanoCpus != 0) {
            host.put("NanoCpus", nanoCpus);
        }
        if (cpuShares != 0) {
            host.put("CpuShares", cpuShares);
        }
        if (pidsLimit != null) {
            host.put("PidsLimit", pidsLimit);
        }
        return host;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, List<?> value) {
        if (!value.isEmpty()) {
            map.put(key, new ArrayList<>(value));
        }
    }

    // ---- Object ----------------------------------------------------------------------------------------------

    private List<Object> fields() {
        return Arrays.asList(image, name, cmd, entrypoint, env, labels, workingDir, user, hostname, tty, openStdin,
                publish, publishAll, expose, mounts, network, restartPolicy, autoRemove, memory, memorySwap, nanoCpus,
                cpuShares, pidsLimit, healthcheck, stopSignal, stopTimeout, init, privileged, capAdd, capDrop,
                extraHosts, dns, readOnlyRootfs);
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerSpec other && fields().equals(other.fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    /**
     * One line for JShell and logs: the settings that are set, sizes in CLI units, and the values of environment
     * variables and labels whose name contains {@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code TOKEN} or
     * {@code KEY} (any case) replaced by {@code ***}.
     *
     * <pre>{@code
     * ContainerSpec.builder("demo/busybox:1").name("web").cmd("httpd", "-f").publish(8080, 80)
     *         .env("DB_PASSWORD", "hunter2").memory("64m").build().toString();
     * // "ContainerSpec[image=demo/busybox:1, name=web, cmd=[httpd, -f], env=[DB_PASSWORD=***],
     * //  publish=[8080:80/tcp], memory=64m]"
     * }</pre>
     */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "ContainerSpec[", "]");
        s.add("image=" + image);
        add(s, "name", name);
        add(s, "entrypoint", entrypoint);
        add(s, "cmd", cmd);
        if (!env.isEmpty()) {
            StringJoiner e = new StringJoiner(", ", "[", "]");
            env.forEach((k, v) -> e.add(k + "=" + masked(k, v)));
            s.add("env=" + e);
        }
        if (!labels.isEmpty()) {
            StringJoiner l = new StringJoiner(", ", "{", "}");
            labels.forEach((k, v) -> l.add(k + "=" + masked(k, v)));
            s.add("labels=" + l);
        }
        add(s, "workingDir", workingDir);
        add(s, "user", user);
        add(s, "hostname", hostname);
        flag(s, "tty", tty);
        flag(s, "openStdin", openStdin);
        add(s, "publish", publish);
        flag(s, "publishAll", publishAll);
        add(s, "expose", expose);
        List<Mount> volumes = new ArrayList<>();
        List<Mount> tmpfs = new ArrayList<>();
        for (Mount m : mounts) {
            (m.type() == Mount.Type.TMPFS ? tmpfs : volumes).add(m);
        }
        add(s, "volumes", volumes);
        add(s, "tmpfs", tmpfs);
        add(s, "network", network);
        if (restartPolicy != null) {
            s.add("restart=" + restartPolicy);
        }
        flag(s, "autoRemove", autoRemove);
        if (memory != 0) {
            s.add("memory=" + ByteSize.format(memory));
        }
        if (memorySwap != 0) {
            s.add("memorySwap=" + (memorySwap == -1 ? "unlimited" : ByteSize.format(memorySwap)));
        }
        if (nanoCpus != 0) {
            s.add("cpus=" + BigDecimal.valueOf(nanoCpus, 9).stripTrailingZeros().toPlainString());
        }
        if (cpuShares != 0) {
            s.add("cpuShares=" + cpuShares);
        }
        if (pidsLimit != null) {
            s.add("pidsLimit=" + pidsLimit);
        }
        if (healthcheck != null) {
            s.add("healthcheck=" + healthcheck);
        }
        add(s, "stopSignal", stopSignal);
        if (stopTimeout != null) {
            s.add("stopTimeout=" + Healthcheck.formatDuration(stopTimeout));
        }
        if (init != null) {
            s.add("init=" + init);
        }
        flag(s, "privileged", privileged);
        add(s, "capAdd", capAdd);
        add(s, "capDrop", capDrop);
        add(s, "extraHosts", extraHosts);
        add(s, "dns", dns);
        flag(s, "readOnlyRootfs", readOnlyRootfs);
        return s.toString();
    }

    private static void add(StringJoiner s, String key, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            s.add(key + "=" + value);
        }
    }

    private static void flag(StringJoiner s, String key, boolean value) {
        if (value) {
            s.add(key + "=true");
        }
    }

    private static String masked(String key, String value) {
        String upper = key.toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) {
                return "***";
            }
        }
        return value;
    }

    // ---- builder ---------------------------------------------------------------------------------------------

    /**
     * Collects the settings of a {@link ContainerSpec}; one method per {@code docker run} option. Each method checks
     * its argument and throws {@link IllegalArgumentException} naming the bad value; {@link #build()} checks the
     * rules that involve several settings. Not thread-safe; reusable after {@code build()}.
     *
     * <pre>{@code
     * ContainerSpec spec = ContainerSpec.builder("demo/busybox:1")
     *         .publish("127.0.0.1:8080:80").volume("data:/data").tmpfs("/run")
     *         .memory("256m").memorySwap("-1").cpus(1.5).build();
     * }</pre>
     */
    public static final class Builder {
        private String image;
        private String name;
        private List<String> cmd = new ArrayList<>();
        private List<String> entrypoint = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String workingDir;
        private String user;
        private String hostname;
        private boolean tty;
        private boolean openStdin;
        private final List<PortBinding> publish = new ArrayList<>();
        private boolean publishAll;
        private final Set<String> expose = new LinkedHashSet<>();
        private final List<Mount> mounts = new ArrayList<>();
        private String network;
        private RestartPolicy restartPolicy;
        private boolean autoRemove;
        private long memory;
        private long memorySwap;
        private long nanoCpus;
        private int cpuShares;
        private Long pidsLimit;
        private Healthcheck healthcheck;
        private String stopSignal;
        private Duration stopTimeout;
        private Boolean init;
        private boolean privileged;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private final List<String> extraHosts = new ArrayList<>();
        private final List<String> dns = new ArrayList<>();
        private boolean readOnlyRootfs;

        private Builder() {
        }

        private Builder(ContainerSpec s) {
            image = s.image;
            name = s.name;
            cmd = new ArrayList<>(s.cmd);
            entrypoint = new ArrayList<>(s.entrypoint);
            env.putAll(s.env);
            labels.putAll(s.labels);
            workingDir = s.workingDir;
            user = s.user;
            hostname = s.hostname;
            tty = s.tty;
            openStdin = s.openStdin;
            publish.addAll(s.publish);
            publishAll = s.publishAll;
            expose.addAll(s.expose);
            mounts.addAll(s.mounts);
            network = s.network;
            restartPolicy = s.restartPolicy;
            autoRemove = s.autoRemove;
            memory = s.memory;
            memorySwap = s.memorySwap;
            nanoCpus = s.nanoCpus;
            cpuShares = s.cpuShares;
            pidsLimit = s.pidsLimit;
            healthcheck = s.healthcheck;
            stopSignal = s.stopSignal;
            stopTimeout = s.stopTimeout;
            init = s.init;
            privileged = s.privileged;
            capAdd.addAll(s.capAdd);
            capDrop.addAll(s.capDrop);
            extraHosts.addAll(s.extraHosts);
            dns.addAll(s.dns);
            readOnlyRootfs = s.readOnlyRootfs;
        }

        /**
         * Replaces the image.
         *
         * <pre>{@code
         * spec.toBuilder().image("demo/busybox:2").build();
         * }</pre>
         *
         * @param image the image reference
         * @return this builder
         * @throws IllegalArgumentException when the image is blank or contains whitespace
         */
        public Builder image(String image) {
            if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid image reference '" + image + "'");
            }
            this.image = image;
            return this;
        }

        /**
         * The container name ({@code --name}); a leading {@code /} is accepted and dropped.
         *
         * <pre>{@code
         * builder.name("web");
         * }</pre>
         *
         * @param name at least two characters of {@code [a-zA-Z0-9_.-]}, the first a letter or digit
         * @return this builder
         * @throws IllegalArgumentException when the name breaks docker's rule
         */
        public Builder name(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid container name '" + name
                        + "': only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters");
            }
            this.name = name.startsWith("/") ? name.substring(1) : name;
            return this;
        }

        /**
         * The command ({@code docker run IMAGE cmd...}); replaces any earlier one. No arguments means the image's
         * own command.
         *
         * <pre>{@code
         * builder.cmd("httpd", "-f", "-p", "80");
         * }</pre>
         *
         * @param cmd the program and its arguments
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder cmd(String... cmd) {
            return cmd(cmd == null ? null : Arrays.asList(cmd));
        }

        /**
         * The command as a list; replaces any earlier one. An empty list means the image's own command.
         *
         * <pre>{@code
         * builder.cmd(List.of("sh", "-c", "echo hi"));
         * }</pre>
         *
         * @param cmd the program and its arguments
         * @return this builder
         * @throws IllegalArgumentException when the list or an element is null
         */
        public Builder cmd(List<String> cmd) {
            this.cmd = strings("cmd", cmd);
            return this;
        }

        /**
         * The entrypoint ({@code --entrypoint}); replaces any earlier one. No arguments means the image's own;
         * a single empty string clears the image's entrypoint, as {@code --entrypoint ""} does.
         *
         * <pre>{@code
         * builder.entrypoint("/bin/sh", "-c").cmd("echo $HOME");
         * }</pre>
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
         * <pre>{@code
         * builder.entrypoint(List.of("/docker-entrypoint.sh"));
         * }</pre>
         *
         * @param entrypoint the program and its first arguments
         * @return this builder
         * @throws IllegalArgumentException when the list or an element is null
         */
        public Builder entrypoint(List<String> entrypoint) {
            this.entrypoint = strings("entrypoint", entrypoint);
            return this;
        }

        private static List<String> strings(String what, List<String> list) {
            if (list == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            List<String> copy = new ArrayList<>(list);
            if (copy.contains(null)) {
                throw new IllegalArgumentException(what + " must not contain null: " + copy);
            }
            return copy;
        }

        /**
         * Sets an environment variable ({@code -e KEY=value}); a later value for the same key wins.
         *
         * <pre>{@code
         * builder.env("MODE", "prod").env("DB_PASSWORD", secret);
         * }</pre>
         *
         * @param key the name: not empty, no {@code =}
         * @param value the value, possibly empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or has {@code =}, or the value is null
         */
        public Builder env(String key, String value) {
            if (key == null || key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name '" + key
                        + "': must be non-empty and contain no '='");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + key
                        + " needs a value without NUL characters (use \"\" for empty)");
            }
            env.put(key, value);
            return this;
        }

        /**
         * Sets an environment variable written as {@code KEY=value}, as {@code -e} takes it. The value may contain
         * {@code =}. Unlike the CLI, a bare {@code KEY} is refused rather than copied from this JVM's environment.
         *
         * <pre>{@code
         * builder.env("JAVA_OPTS=-Xmx256m -Dx=y");
         * }</pre>
         *
         * @param keyEqualsValue {@code KEY=value}
         * @return this builder
         * @throws IllegalArgumentException when there is no {@code =} or the key is empty
         */
        public Builder env(String keyEqualsValue) {
            int eq = keyEqualsValue == null ? -1 : keyEqualsValue.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid environment variable '" + keyEqualsValue
                        + "': expected KEY=value");
            }
            return env(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
        }

        /**
         * Adds labels ({@code --label}); keys already set are overwritten, others kept.
         *
         * <pre>{@code
         * builder.labels(Map.of("app", "web", "tier", "front"));
         * }</pre>
         *
         * @param labels key to value
         * @return this builder
         * @throws IllegalArgumentException when the map, a key or a value is null, or a key is empty
         */
        public Builder labels(Map<String, String> labels) {
            if (labels == null) {
                throw new IllegalArgumentException("labels must not be null");
            }
            labels.forEach(this::label);
            return this;
        }

        /**
         * Adds one label ({@code --label key=value}).
         *
         * <pre>{@code
         * builder.label("com.example.team", "infra");
         * }</pre>
         *
         * @param key the key, not empty
         * @param value the value, possibly empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or either is null
         */
        public Builder label(String key, String value) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("label key must not be empty");
            }
            if (value == null) {
                throw new IllegalArgumentException("label " + key + " needs a value (use \"\" for empty)");
            }
            labels.put(key, value);
            return this;
        }

        /**
         * The working directory ({@code -w}).
         *
         * <pre>{@code
         * builder.workingDir("/app");
         * }</pre>
         *
         * @param dir an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the path is not absolute
         */
        public Builder workingDir(String dir) {
            if (dir == null || !dir.startsWith("/")) {
                throw new IllegalArgumentException("working directory '" + dir + "' must be an absolute path");
            }
            this.workingDir = dir;
            return this;
        }

        /**
         * The user to run as ({@code -u}).
         *
         * <pre>{@code
         * builder.user("1000:1000");
         * }</pre>
         *
         * @param user {@code name}, {@code uid}, {@code name:group} or {@code uid:gid}
         * @return this builder
         * @throws IllegalArgumentException when blank or containing whitespace
         */
        public Builder user(String user) {
            if (user == null || user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid user '" + user + "'");
            }
            this.user = user;
            return this;
        }

        /**
         * The container's host name ({@code -h}).
         *
         * <pre>{@code
         * builder.hostname("web-1");
         * }</pre>
         *
         * @param hostname an RFC 1123 host name of at most 64 characters
         * @return this builder
         * @throws IllegalArgumentException when not a valid host name
         */
        public Builder hostname(String hostname) {
            boolean valid = hostname != null && !hostname.isEmpty() && hostname.length() <= 64;
            if (valid) {
                for (String label : hostname.split("\\.", -1)) {
                    valid &= HOST_LABEL.matcher(label).matches();
                }
            }
            if (!valid) {
                throw new IllegalArgumentException("invalid hostname '" + hostname
                        + "': expected letters, digits and '-' in dot-separated parts, at most 64 characters");
            }
            this.hostname = hostname;
            return this;
        }

        /**
         * Allocates a pseudo-terminal ({@code -t}).
         *
         * <pre>{@code
         * builder.tty(true);
         * }</pre>
         *
         * @param tty whether to allocate one
         * @return this builder
         */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /**
         * Keeps stdin open for a later attach ({@code -i} with {@code -d}): sets {@code OpenStdin}, with
         * {@code StdinOnce} and {@code AttachStdin} false, so stdin survives a detach.
         *
         * <pre>{@code
         * builder.openStdin(true).tty(true);
         * }</pre>
         *
         * @param open whether to keep stdin open
         * @return this builder
         */
        public Builder openStdin(boolean open) {
            this.openStdin = open;
            return this;
        }

        /**
         * Publishes a port in {@code -p} syntax, {@code [ip:][hostPort:]containerPort[/tcp|udp|sctp]}; see
         * {@link PortBinding#parse(String)}. The port is exposed too.
         *
         * <pre>{@code
         * builder.publish("8080:80").publish("127.0.0.1::5432").publish("[::1]:5353:53/udp");
         * }</pre>
         *
         * @param dockerPortSpec the {@code -p} value
         * @return this builder
         * @throws IllegalArgumentException when the spec cannot be read or a port is out of range
         */
        public Builder publish(String dockerPortSpec) {
            return publish(PortBinding.parse(dockerPortSpec));
        }

        /**
         * Publishes a TCP port on all host interfaces ({@code -p hostPort:containerPort}).
         *
         * <pre>{@code
         * builder.publish(8080, 80);
         * }</pre>
         *
         * @param hostPort 1 to 65535, or 0 for a random port
         * @param containerPort 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException when a port is out of range
         */
        public Builder publish(int hostPort, int containerPort) {
            return publish(PortBinding.of(hostPort, containerPort));
        }

        /**
         * Publishes a port.
         *
         * <pre>{@code
         * builder.publish(new PortBinding("127.0.0.1", 0, 80, "tcp"));
         * }</pre>
         *
         * @param binding the binding
         * @return this builder
         * @throws IllegalArgumentException when the binding is null
         */
        public Builder publish(PortBinding binding) {
            if (binding == null) {
                throw new IllegalArgumentException("port binding must not be null");
            }
            publish.add(binding);
            return this;
        }

        /**
         * Publishes every exposed port on a random host port ({@code -P}).
         *
         * <pre>{@code
         * builder.publishAll(true);
         * }</pre>
         *
         * @param all whether to
         * @return this builder
         */
        public Builder publishAll(boolean all) {
            this.publishAll = all;
            return this;
        }

        /**
         * Exposes a TCP port without publishing it ({@code --expose}).
         *
         * <pre>{@code
         * builder.expose(9000);
         * }</pre>
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder expose(int port) {
            expose.add(new PortBinding("", 0, port, "tcp").portKey());
            return this;
        }

        /**
         * Exposes a port written as {@code port[/protocol]} ({@code --expose 53/udp}).
         *
         * <pre>{@code
         * builder.expose("53/udp");
         * }</pre>
         *
         * @param portAndProtocol such as {@code 9000} or {@code 53/udp}
         * @return this builder
         * @throws IllegalArgumentException when the text is not a port, the port is out of range or the protocol
         *         unknown
         */
        public Builder expose(String portAndProtocol) {
            PortBinding p = PortBinding.parse(portAndProtocol);
            if (p.hostPort() != 0 || !p.hostIp().isEmpty()) {
                throw new IllegalArgumentException("invalid exposed port '" + portAndProtocol
                        + "': expected port[/protocol] (use publish for host ports)");
            }
            expose.add(p.portKey());
            return this;
        }

        /**
         * Bind-mounts a host path read-write ({@code -v /host:/container}). A relative host path is made absolute
         * against the current directory.
         *
         * <pre>{@code
         * builder.bind(Path.of("/srv/www"), "/www");
         * }</pre>
         *
         * @param host the host path
         * @param containerPath an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when a path is null, not absolute, or contains {@code :}
         */
        public Builder bind(Path host, String containerPath) {
            return bind(host, containerPath, READ_WRITE);
        }

        /**
         * Bind-mounts a host path ({@code -v /host:/container[:ro]}).
         *
         * <pre>{@code
         * builder.bind(Path.of("/srv/www"), "/www", ContainerSpec.READ_ONLY);
         * }</pre>
         *
         * @param host the host path
         * @param containerPath an absolute path in the container
         * @param readOnly whether the container sees it read-only ({@link #READ_ONLY})
         * @return this builder
         * @throws IllegalArgumentException when a path is null, not absolute, or contains {@code :}
         */
        public Builder bind(Path host, String containerPath, boolean readOnly) {
            return mount(Mount.bind(host, containerPath, readOnly));
        }

        /**
         * Mounts in {@code -v} syntax: {@code source:target[:ro|rw]}, where a source starting with {@code /} or
         * {@code .} is a host path and anything else a volume name, or {@code target} alone for an anonymous
         * volume; see {@link Mount#parseVolume(String)}.
         *
         * <pre>{@code
         * builder.volume("/srv/www:/www:ro").volume("data:/data").volume("/cache");
         * }</pre>
         *
         * @param spec the {@code -v} value
         * @return this builder
         * @throws IllegalArgumentException when the spec cannot be read
         */
        public Builder volume(String spec) {
            return mount(Mount.parseVolume(spec));
        }

        /**
         * Mounts a named volume read-write ({@code -v name:/target}); the daemon creates it when missing.
         *
         * <pre>{@code
         * builder.namedVolume("pgdata", "/var/lib/postgresql/data");
         * }</pre>
         *
         * @param name the volume name
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the name or path is invalid
         */
        public Builder namedVolume(String name, String target) {
            return mount(Mount.volume(name, target, false));
        }

        /**
         * Mounts a tmpfs of the kernel's default size ({@code --tmpfs /target}).
         *
         * <pre>{@code
         * builder.tmpfs("/run");
         * }</pre>
         *
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the path is invalid
         */
        public Builder tmpfs(String target) {
            return mount(Mount.tmpfs(target, 0));
        }

        /**
         * Mounts a tmpfs of a given size.
         *
         * <pre>{@code
         * builder.tmpfs("/tmp", ByteSize.parse("64m"));
         * }</pre>
         *
         * @param target an absolute path in the container
         * @param sizeBytes the size limit in bytes, more than 0
         * @return this builder
         * @throws IllegalArgumentException when the path is invalid or the size not positive
         */
        public Builder tmpfs(String target, long sizeBytes) {
            if (sizeBytes <= 0) {
                throw new IllegalArgumentException("tmpfs size for " + target + " must be positive: " + sizeBytes);
            }
            return mount(Mount.tmpfs(target, sizeBytes));
        }

        /**
         * Adds any mount.
         *
         * <pre>{@code
         * builder.mount(Mount.volume("cache", "/cache", true));
         * }</pre>
         *
         * @param mount the mount
         * @return this builder
         * @throws IllegalArgumentException when the mount is null
         */
        public Builder mount(Mount mount) {
            if (mount == null) {
                throw new IllegalArgumentException("mount must not be null");
            }
            mounts.add(mount);
            return this;
        }

        /**
         * The network mode ({@code --network}).
         *
         * <pre>{@code
         * builder.network("host");
         * builder.network("my-app-net");
         * }</pre>
         *
         * @param network {@code bridge}, {@code host}, {@code none}, {@code container:<name|id>} or a network name
         * @return this builder
         * @throws IllegalArgumentException when blank, containing whitespace, or {@code container:} without a name
         */
        public Builder network(String network) {
            if (network == null || network.isEmpty() || network.chars().anyMatch(Character::isWhitespace)
                    || network.equals("container:")) {
                throw new IllegalArgumentException("invalid network '" + network + "'");
            }
            this.network = network;
            return this;
        }

        /**
         * The restart policy ({@code --restart}).
         *
         * <pre>{@code
         * builder.restartPolicy(RestartPolicy.onFailure(3));
         * }</pre>
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder restartPolicy(RestartPolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("restart policy must not be null");
            }
            this.restartPolicy = policy;
            return this;
        }

        /**
         * The restart policy in {@code --restart} syntax.
         *
         * <pre>{@code
         * builder.restartPolicy("unless-stopped");
         * }</pre>
         *
         * @param policy such as {@code always} or {@code on-failure:3}
         * @return this builder
         * @throws IllegalArgumentException when the text is not a policy
         */
        public Builder restartPolicy(String policy) {
            return restartPolicy(RestartPolicy.parse(policy));
        }

        /**
         * Removes the container when it exits ({@code --rm}); conflicts with a restart policy other than
         * {@code no}.
         *
         * <pre>{@code
         * builder.autoRemove(true);
         * }</pre>
         *
         * @param remove whether to
         * @return this builder
         */
        public Builder autoRemove(boolean remove) {
            this.autoRemove = remove;
            return this;
        }

        /**
         * The memory limit in bytes ({@code -m}); 0 removes it.
         *
         * <pre>{@code
         * builder.memory(64L * 1024 * 1024);
         * }</pre>
         *
         * @param bytes 0, or at least 6 MiB (the daemon's minimum)
         * @return this builder
         * @throws IllegalArgumentException when negative or below the minimum
         */
        public Builder memory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory must not be negative: " + bytes);
            }
            if (bytes > 0 && bytes < MIN_MEMORY) {
                throw new IllegalArgumentException("memory " + ByteSize.format(bytes)
                        + " is below the daemon's minimum of 6m");
            }
            this.memory = bytes;
            return this;
        }

        /**
         * The memory limit in CLI units ({@code -m 64m}); see {@link ByteSize#parse(String)}.
         *
         * <pre>{@code
         * builder.memory("512m");
         * }</pre>
         *
         * @param size such as {@code 64m} or {@code 1g}
         * @return this builder
         * @throws IllegalArgumentException when not a size or below the minimum
         */
        public Builder memory(String size) {
            return memory(ByteSize.parse(size));
        }

        /**
         * The memory plus swap limit in bytes ({@code --memory-swap}); needs {@link #memory(long)} unless -1, and
         * must not be less than it. 0 removes it (the daemon then allows as much swap as memory).
         *
         * <pre>{@code
         * builder.memory("256m").memorySwap(-1);   // unlimited swap
         * }</pre>
         *
         * @param bytes -1 for unlimited swap, 0, or the total of memory and swap
         * @return this builder
         * @throws IllegalArgumentException when less than -1
         */
        public Builder memorySwap(long bytes) {
            if (bytes < -1) {
                throw new IllegalArgumentException("memory swap must be -1 (unlimited) or more: " + bytes);
            }
            this.memorySwap = bytes;
            return this;
        }

        /**
         * The memory plus swap limit in CLI units, or {@code "-1"} for unlimited swap.
         *
         * <pre>{@code
         * builder.memory("256m").memorySwap("1g");
         * }</pre>
         *
         * @param size such as {@code 1g}, or {@code -1}
         * @return this builder
         * @throws IllegalArgumentException when not a size
         */
        public Builder memorySwap(String size) {
            return memorySwap(size != null && size.strip().equals("-1") ? -1 : ByteSize.parse(size));
        }

        /**
         * The CPU limit ({@code --cpus}), sent as {@code NanoCpus}.
         *
         * <pre>{@code
         * builder.cpus(1.5);   // NanoCpus 1500000000
         * }</pre>
         *
         * @param cpus more than 0, fractions allowed
         * @return this builder
         * @throws IllegalArgumentException when not a positive finite number or too small to express
         */
        public Builder cpus(double cpus) {
            if (!(cpus > 0) || Double.isInfinite(cpus) || cpus > 1e9) {
                throw new IllegalArgumentException("cpus must be a positive number: " + cpus);
            }
            long nanos = BigDecimal.valueOf(cpus).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
            if (nanos < 1) {
                throw new IllegalArgumentException("cpus " + cpus + " is below the smallest limit, 0.000000001");
            }
            this.nanoCpus = nanos;
            return this;
        }

        /**
         * The relative CPU weight ({@code --cpu-shares}); 0 removes it.
         *
         * <pre>{@code
         * builder.cpuShares(512);
         * }</pre>
         *
         * @param shares the weight; the default is 1024
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cpuShares(int shares) {
            if (shares < 0) {
                throw new IllegalArgumentException("cpu shares must not be negative: " + shares);
            }
            this.cpuShares = shares;
            return this;
        }

        /**
         * The process limit ({@code --pids-limit}).
         *
         * <pre>{@code
         * builder.pidsLimit(100);
         * }</pre>
         *
         * @param limit the maximum number of processes, or -1 or 0 for none
         * @return this builder
         * @throws IllegalArgumentException when less than -1
         */
        public Builder pidsLimit(long limit) {
            if (limit < -1) {
                throw new IllegalArgumentException("pids limit must be -1 (unlimited) or more: " + limit);
            }
            this.pidsLimit = limit;
            return this;
        }

        /**
         * The health check ({@code --health-cmd}, {@code --health-interval}, ... or {@code --no-healthcheck}).
         *
         * <pre>{@code
         * builder.healthcheck(Healthcheck.shell("wget -q -O- localhost").withInterval(Duration.ofSeconds(5)));
         * }</pre>
         *
         * @param healthcheck the check
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder healthcheck(Healthcheck healthcheck) {
            if (healthcheck == null) {
                throw new IllegalArgumentException("healthcheck must not be null");
            }
            this.healthcheck = healthcheck;
            return this;
        }

        /**
         * The signal that stops the container ({@code --stop-signal}).
         *
         * <pre>{@code
         * builder.stopSignal("SIGINT");
         * }</pre>
         *
         * @param signal a Linux signal name with or without {@code SIG} ({@code SIGTERM}, {@code QUIT},
         *        {@code SIGRTMIN+3}) or number (1 to 64)
         * @return this builder
         * @throws IllegalArgumentException when not a known signal
         */
        public Builder stopSignal(String signal) {
            boolean valid = signal != null && (SIGNAL.matcher(signal).matches()
                    || signal.matches("[1-9]\\d?") && Integer.parseInt(signal) <= 64);
            if (!valid) {
                throw new IllegalArgumentException("invalid stop signal '" + signal
                        + "': expected a signal name such as SIGTERM or a number from 1 to 64");
            }
            this.stopSignal = signal;
            return this;
        }

        /**
         * How long {@code docker stop} waits before killing ({@code --stop-timeout}).
         *
         * <pre>{@code
         * builder.stopTimeout(Duration.ofSeconds(30));
         * }</pre>
         *
         * @param timeout whole seconds, not negative
         * @return this builder
         * @throws IllegalArgumentException when null, negative, not whole seconds or too long
         */
        public Builder stopTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.getNano() != 0
                    || timeout.getSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("stop timeout must be a whole, non-negative number of seconds: "
                        + (timeout == null ? null : Healthcheck.formatDuration(timeout)));
            }
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Runs an init process as PID 1 ({@code --init}); written even when false, to override a daemon configured
         * with {@code "init": true}.
         *
         * <pre>{@code
         * builder.init(true);
         * }</pre>
         *
         * @param init whether to
         * @return this builder
         */
        public Builder init(boolean init) {
            this.init = init;
            return this;
        }

        /**
         * Runs the container privileged ({@code --privileged}).
         *
         * <pre>{@code
         * builder.privileged(true);
         * }</pre>
         *
         * @param privileged whether to
         * @return this builder
         */
        public Builder privileged(boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        /**
         * Adds capabilities ({@code --cap-add}).
         *
         * <pre>{@code
         * builder.capAdd("NET_ADMIN", "SYS_TIME");
         * }</pre>
         *
         * @param capabilities names such as {@code NET_ADMIN}, {@code CAP_NET_ADMIN} or {@code ALL}
         * @return this builder
         * @throws IllegalArgumentException when a name is malformed
         */
        public Builder capAdd(String... capabilities) {
            capAdd.addAll(capabilities("capAdd", capabilities));
            return this;
        }

        /**
         * Drops capabilities ({@code --cap-drop}).
         *
         * <pre>{@code
         * builder.capDrop("ALL").capAdd("NET_BIND_SERVICE");
         * }</pre>
         *
         * @param capabilities names such as {@code MKNOD} or {@code ALL}
         * @return this builder
         * @throws IllegalArgumentException when a name is malformed
         */
        public Builder capDrop(String... capabilities) {
            capDrop.addAll(capabilities("capDrop", capabilities));
            return this;
        }

        private static List<String> capabilities(String what, String... names) {
            if (names == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            for (String n : names) {
                if (n == null || !CAPABILITY.matcher(n).matches()) {
                    throw new IllegalArgumentException("invalid capability '" + n + "' in " + what);
                }
            }
            return List.of(names);
        }

        /**
         * Adds an {@code /etc/hosts} entry ({@code --add-host host:ip}).
         *
         * <pre>{@code
         * builder.extraHost("db:10.0.0.5").extraHost("gw:host-gateway");
         * }</pre>
         *
         * @param hostColonIp {@code host:ip}, the ip an IPv4 or IPv6 literal or {@code host-gateway}
         * @return this builder
         * @throws IllegalArgumentException when the host is empty or the ip is not an address
         */
        public Builder extraHost(String hostColonIp) {
            int colon = hostColonIp == null ? -1 : hostColonIp.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': expected host:ip");
            }
            String host = hostColonIp.substring(0, colon);
            String ip = hostColonIp.substring(colon + 1);
            if (ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            if (host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': bad host name");
            }
            if (!ip.equals("host-gateway") && !PortBinding.isIpAddress(ip)) {
                throw new IllegalArgumentException("invalid extra host '" + hostColonIp + "': '" + ip
                        + "' is not an IP address or host-gateway");
            }
            extraHosts.add(host + ":" + ip);
            return this;
        }

        /**
         * Adds a DNS server ({@code --dns}).
         *
         * <pre>{@code
         * builder.dns("1.1.1.1");
         * }</pre>
         *
         * @param ip an IPv4 or IPv6 literal
         * @return this builder
         * @throws IllegalArgumentException when not an IP address
         */
        public Builder dns(String ip) {
            if (ip == null || !PortBinding.isIpAddress(ip)) {
                throw new IllegalArgumentException("invalid DNS server '" + ip + "': expected an IP address");
            }
            dns.add(ip);
            return this;
        }

        /**
         * Mounts the root file system read-only ({@code --read-only}).
         *
         * <pre>{@code
         * builder.readOnlyRootfs(true).tmpfs("/tmp");
         * }</pre>
         *
         * @param readOnly whether to
         * @return this builder
         */
        public Builder readOnlyRootfs(boolean readOnly) {
            this.readOnlyRootfs = readOnly;
            return this;
        }

        /**
         * Checks the settings against each other and makes the spec. The rules: a positive {@code memorySwap}
         * needs {@code memory} and must not be below it; {@code autoRemove} allows no restart policy but
         * {@code no}; no two mounts share a target; no two bindings claim the same host port; with
         * {@code network("container:...")} no ports, host name, DNS or extra hosts.
         *
         * <pre>{@code
         * ContainerSpec spec = builder.build();
         * }</pre>
         *
         * @return the spec
         * @throws IllegalArgumentException when settings conflict
         */
        public ContainerSpec build() {
            if (memorySwap > 0 && memory == 0) {
                throw new IllegalArgumentException("memorySwap " + ByteSize.format(memorySwap)
                        + " needs a memory limit too: set memory as well");
            }
            if (memorySwap > 0 && memorySwap < memory) {
                throw new IllegalArgumentException("memorySwap " + ByteSize.format(memorySwap)
                        + " must not be less than memory " + ByteSize.format(memory)
                        + " (it is memory plus swap; use -1 for unlimited swap)");
            }
            if (autoRemove && restartPolicy != null && !restartPolicy.name().equals("no")) {
                throw new IllegalArgumentException("autoRemove cannot be combined with restart policy "
                        + restartPolicy);
            }
            Set<String> targets = new HashSet<>();
            for (Mount m : mounts) {
                if (!targets.add(m.target())) {
                    throw new IllegalArgumentException("duplicate mount point " + m.target());
                }
            }
            for (int i = 0; i < publish.size(); i++) {
                for (int j = 0; j < i; j++) {
                    PortBinding a = publish.get(i);
                    PortBinding b = publish.get(j);
                    if (a.hostPort() != 0 && a.hostPort() == b.hostPort() && a.protocol().equals(b.protocol())
                            && (a.hostIp().equals(b.hostIp()) || a.hostIp().isEmpty() || b.hostIp().isEmpty())) {
                        throw new IllegalArgumentException("host port " + a.hostPort() + "/" + a.protocol()
                                + " is published twice: " + b + " and " + a);
                    }
                }
            }
            if (network != null && network.startsWith("container:")) {
                String conflict = !publish.isEmpty() || publishAll ? "published ports"
                        : !expose.isEmpty() ? "exposed ports"
                        : hostname != null ? "a hostname"
                        : !dns.isEmpty() ? "DNS servers"
                        : !extraHosts.isEmpty() ? "extra hosts" : null;
                if (conflict != null) {
                    throw new IllegalArgumentException("network " + network + " shares another container's network;"
                            + " it cannot be combined with " + conflict);
                }
            }
            return new ContainerSpec(this);
        }
    }
}
