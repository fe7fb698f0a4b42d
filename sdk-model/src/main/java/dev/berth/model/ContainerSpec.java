package dev.berth.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

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

    /** Every setting; a frozen copy that nothing changes. */
    private final SpecSettings settings;

    private ContainerSpec(SpecSettings settings) {
        this.settings = settings;
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
        return new Builder(new SpecSettings()).image(image);
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
        return new Builder(settings.mutableCopy());
    }

    // ---- getters ---------------------------------------------------------------------------------------------

    /** {@return the image reference, such as {@code demo/busybox:1}} */
    public String image() {
        return settings.image;
    }

    /**
     * {@return the container name ({@code --name}) without a leading {@code /}, or empty for one the daemon makes
     * up} It goes in the {@code ?name=} query parameter of {@code POST /containers/create}, not in the body.
     */
    public Optional<String> name() {
        return Optional.ofNullable(settings.name);
    }

    /** {@return the command ({@code docker run IMAGE cmd...}); empty for the image's own} */
    public List<String> cmd() {
        return settings.cmd;
    }

    /** {@return the entrypoint ({@code --entrypoint}); empty for the image's own, {@code [""]} to clear the image's} */
    public List<String> entrypoint() {
        return settings.entrypoint;
    }

    /**
     * {@return the environment variables ({@code -e}), name to value, in the order set} Values are returned as
     * they are; {@link #toString()} hides secret-looking ones.
     */
    public Map<String, String> env() {
        return settings.env;
    }

    /** {@return the container labels ({@code --label}), key to value} */
    public Map<String, String> labels() {
        return settings.labels;
    }

    /** {@return the working directory ({@code -w}), or empty for the image's} */
    public Optional<String> workingDir() {
        return Optional.ofNullable(settings.workingDir);
    }

    /**
     * {@return the user the process runs as ({@code -u}): {@code user}, {@code uid}, {@code user:group} or
     * {@code uid:gid}; empty for the image's}
     */
    public Optional<String> user() {
        return Optional.ofNullable(settings.user);
    }

    /** {@return the container's host name ({@code -h}), or empty for the container id's prefix} */
    public Optional<String> hostname() {
        return Optional.ofNullable(settings.hostname);
    }

    /** {@return whether the container gets a pseudo-terminal ({@code -t}); its output is then one raw stream} */
    public boolean tty() {
        return settings.tty;
    }

    /** {@return whether stdin stays open for a later attach ({@code -i})} */
    public boolean openStdin() {
        return settings.openStdin;
    }

    /** {@return the published ports ({@code -p}), in the order given} */
    public List<PortBinding> publish() {
        return settings.publish;
    }

    /** {@return whether every exposed port is published on a random host port ({@code -P})} */
    public boolean publishAll() {
        return settings.publishAll;
    }

    /**
     * {@return the ports exposed without publishing ({@code --expose}), as keys such as {@code 9000/tcp}}
     * Published ports are exposed too, but are not listed here.
     */
    public List<String> expose() {
        return settings.expose;
    }

    /** {@return the binds, volumes and tmpfs mounts ({@code -v}, {@code --tmpfs}), in the order given} */
    public List<Mount> mounts() {
        return settings.mounts;
    }

    /**
     * {@return the network mode ({@code --network}): {@code bridge}, {@code host}, {@code none},
     * {@code container:<id>} or a network name; empty for the default bridge}
     */
    public Optional<String> network() {
        return Optional.ofNullable(settings.network);
    }

    /** {@return the restart policy ({@code --restart}), or empty for the daemon's default ({@code no})} */
    public Optional<RestartPolicy> restartPolicy() {
        return Optional.ofNullable(settings.restartPolicy);
    }

    /** {@return whether the daemon removes the container when it exits ({@code --rm})} */
    public boolean autoRemove() {
        return settings.autoRemove;
    }

    /** {@return the memory limit ({@code -m}) in bytes, or empty for no limit} */
    public OptionalLong memory() {
        return settings.memory == 0 ? OptionalLong.empty() : OptionalLong.of(settings.memory);
    }

    /**
     * {@return the memory plus swap limit ({@code --memory-swap}) in bytes, -1 for unlimited swap, or empty for
     * the daemon's default (twice the memory limit)}
     */
    public OptionalLong memorySwap() {
        return settings.memorySwap == 0 ? OptionalLong.empty() : OptionalLong.of(settings.memorySwap);
    }

    /** {@return the CPU limit ({@code --cpus}) in billionths of a CPU, as the API takes it, or empty for no limit} */
    public OptionalLong nanoCpus() {
        return settings.nanoCpus == 0 ? OptionalLong.empty() : OptionalLong.of(settings.nanoCpus);
    }

    /** {@return the CPU limit ({@code --cpus}) in CPUs, such as 1.5, or empty for no limit} */
    public OptionalDouble cpus() {
        return settings.nanoCpus == 0 ? OptionalDouble.empty() : OptionalDouble.of(settings.nanoCpus / 1e9);
    }

    /** {@return the relative CPU weight ({@code --cpu-shares}), or empty for the default (1024)} */
    public OptionalInt cpuShares() {
        return settings.cpuShares == 0 ? OptionalInt.empty() : OptionalInt.of(settings.cpuShares);
    }

    /** {@return the process limit ({@code --pids-limit}), -1 or 0 for none, or empty for the daemon's default} */
    public OptionalLong pidsLimit() {
        return settings.pidsLimit == null ? OptionalLong.empty() : OptionalLong.of(settings.pidsLimit);
    }

    /** {@return the health check ({@code --health-*}), or empty for the image's} */
    public Optional<Healthcheck> healthcheck() {
        return Optional.ofNullable(settings.healthcheck);
    }

    /**
     * {@return the signal that stops the container ({@code --stop-signal}), or empty for the image's (usually
     * {@code SIGTERM})}
     */
    public Optional<String> stopSignal() {
        return Optional.ofNullable(settings.stopSignal);
    }

    /**
     * {@return how long a stop waits before killing ({@code --stop-timeout}), in whole seconds, or empty for the
     * daemon's default (10 s)}
     */
    public Optional<Duration> stopTimeout() {
        return Optional.ofNullable(settings.stopTimeout);
    }

    /**
     * {@return whether an init process reaps zombies and forwards signals ({@code --init}), or empty for the
     * daemon's configured default}
     */
    public Optional<Boolean> init() {
        return Optional.ofNullable(settings.init);
    }

    /** {@return whether the container runs privileged ({@code --privileged})} */
    public boolean privileged() {
        return settings.privileged;
    }

    /** {@return the capability names added ({@code --cap-add})} */
    public List<String> capAdd() {
        return settings.capAdd;
    }

    /** {@return the capability names dropped ({@code --cap-drop})} */
    public List<String> capDrop() {
        return settings.capDrop;
    }

    /** {@return the extra {@code /etc/hosts} entries ({@code --add-host}), as {@code host:ip}} */
    public List<String> extraHosts() {
        return settings.extraHosts;
    }

    /** {@return the DNS servers ({@code --dns}), as IP addresses} */
    public List<String> dns() {
        return settings.dns;
    }

    /** {@return whether the root file system is read-only ({@code --read-only})} */
    public boolean readOnlyRootfs() {
        return settings.readOnlyRootfs;
    }

    // ---- the request body and Object -------------------------------------------------------------------------

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
        return CreateBody.of(settings);
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerSpec other && settings.values().equals(other.settings.values());
    }

    @Override
    public int hashCode() {
        return settings.values().hashCode();
    }

    /**
     * One line for JShell and logs: the settings that are set, sizes in CLI units, and the values of environment
     * variables and labels whose name contains {@code PASSWORD}, {@code PASSWD}, {@code PASSPHRASE}, {@code SECRET},
     * {@code TOKEN}, {@code KEY} or {@code CREDENTIAL} (any case) replaced by {@code ***}; in other values, a URL's
     * password ({@code postgres://app:***@db}) and {@code name=***} items with such names are masked. Every value
     * Berth prints that carries an environment ({@code ExecOptions}, {@code ServiceSpec}, inspect results) masks the
     * same way.
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
        return SpecText.of(settings);
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
        /** What {@link #build()} copies; changed by every method. */
        private final SpecSettings settings;

        private Builder(SpecSettings settings) {
            this.settings = settings;
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
            settings.image = SpecValidation.image(image);
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
            settings.name = SpecValidation.name(name);
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
            settings.cmd = SpecValidation.strings("cmd", cmd);
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
            settings.entrypoint = SpecValidation.strings("entrypoint", entrypoint);
            return this;
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
            SpecValidation.env(key, value);
            settings.env.put(key, value);
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
            int eq = SpecValidation.envSeparator(keyEqualsValue);
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
            SpecValidation.notNull(labels, "labels").forEach(this::label);
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
            SpecValidation.label(key, value);
            settings.labels.put(key, value);
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
            settings.workingDir = SpecValidation.workingDir(dir);
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
            settings.user = SpecValidation.user(user);
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
            settings.hostname = SpecValidation.hostname(hostname);
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
            settings.tty = tty;
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
            settings.openStdin = open;
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
            return add(settings.publish, SpecValidation.notNull(binding, "port binding"));
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
            settings.publishAll = all;
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
            return exposeKey(new PortBinding("", 0, port, "tcp").portKey());
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
            return exposeKey(SpecValidation.exposedPort(portAndProtocol));
        }

        private Builder exposeKey(String portKey) {
            return settings.expose.contains(portKey) ? this : add(settings.expose, portKey);
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
            return mount(Mount.tmpfs(target, SpecValidation.tmpfsSize(target, sizeBytes)));
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
            return add(settings.mounts, SpecValidation.notNull(mount, "mount"));
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
            settings.network = SpecValidation.network(network);
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
            settings.restartPolicy = SpecValidation.notNull(policy, "restart policy");
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
            settings.autoRemove = remove;
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
            settings.memory = SpecValidation.memory(bytes);
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
            settings.memorySwap = SpecValidation.memorySwap(bytes);
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
            settings.nanoCpus = SpecValidation.nanoCpus(cpus);
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
            settings.cpuShares = SpecValidation.cpuShares(shares);
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
            settings.pidsLimit = SpecValidation.pidsLimit(limit);
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
            settings.healthcheck = SpecValidation.notNull(healthcheck, "healthcheck");
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
            settings.stopSignal = SpecValidation.stopSignal(signal);
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
            settings.stopTimeout = SpecValidation.stopTimeout(timeout);
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
            settings.init = init;
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
            settings.privileged = privileged;
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
            settings.capAdd.addAll(SpecValidation.capabilities("capAdd", capabilities));
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
            settings.capDrop.addAll(SpecValidation.capabilities("capDrop", capabilities));
            return this;
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
            return add(settings.extraHosts, SpecValidation.extraHost(hostColonIp));
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
            return add(settings.dns, SpecValidation.dns(ip));
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
            settings.readOnlyRootfs = readOnly;
            return this;
        }

        /** Appends a checked value to one of the list settings. */
        private <T> Builder add(List<T> list, T value) {
            list.add(value);
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
            SpecValidation.checkCombination(settings);
            return new ContainerSpec(settings.frozenCopy());
        }
    }
}
