package dev.berth.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker run} is told: the image, the command, and every option of {@code docker run} /
 * {@code docker create} (CLI 28) that reaches the Engine API. Immutable; made with {@link #builder(String)}, read from
 * a command line with {@link #parse(String)} or {@link #fromArgs(List)}, written back with {@link #toArgs()}, changed
 * with {@link #toBuilder()}. Every option is declared once, in a table ({@code SpecOptions}): its flags, how its CLI
 * text is read and checked, how it is written back, and where it goes in the create body. The typed builder methods
 * ({@link Builder#memory(String)}, {@link Builder#publish(String)}, ...) and the generic
 * {@link Builder#option(String, String)} all go through it, so a bad value fails where it is written, with a message
 * naming the flag and the value.
 *
 * <pre>{@code
 * ContainerSpec web = ContainerSpec.builder("demo/busybox:1")
 *         .name("web").cmd("httpd", "-f", "-p", "80")
 *         .publish(8080, 80).bind(Path.of("/srv/www"), "/www", AccessMode.READ_ONLY)
 *         .env("MODE", "prod").memory("64m").restartPolicy(RestartPolicy.unlessStopped())
 *         .option("--shm-size", "1g").option("--ulimit", "nofile=65536")
 *         .build();
 * ContainerSpec same = ContainerSpec.parse("run -d --name web -p 8080:80 --shm-size 1g demo/busybox:1 httpd -f");
 * web.toCreateBody();   // the JSON body of POST /containers/create
 * web.name();           // Optional[web]: sent as the ?name= query parameter
 * }</pre>
 */
public final class ContainerSpec {
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
     * Reads a {@code docker run} or {@code docker create} command line as the CLI does, quoted as a shell would
     * quote it ({@code '...'}, {@code "..."}, backslashes; nothing is expanded). {@code docker}, {@code container}
     * and {@code run}/{@code create} in front are optional. {@code -e NAME} takes the value from this process's
     * environment, as the CLI does; {@code --env-file}, {@code --label-file} and {@code seccomp=FILE} are read now.
     *
     * <pre>{@code
     * ContainerSpec spec = ContainerSpec.parse("run -d --name web -p 8080:80 -e 'GREETING=hello world' nginx");
     * docker.containers().run(spec);
     * }</pre>
     *
     * @param commandLine the line
     * @return the spec
     * @throws IllegalArgumentException naming the flag and the value when the CLI would reject the line, or naming an
     *         unknown flag and the closest known one
     */
    public static ContainerSpec parse(String commandLine) {
        return fromArgs(SpecArgs.tokens(SpecValidation.notNull(commandLine, "command line")));
    }

    /**
     * Reads {@code docker run} arguments, already split, as the CLI does: long and short flags,
     * {@code --flag=value}, clustered short flags ({@code -dit}), repeated flags, {@code --} before the image, the
     * command and its arguments after the image.
     *
     * <pre>{@code
     * ContainerSpec.fromArgs(List.of("-dit", "--name", "web", "busybox", "sh"));
     * }</pre>
     *
     * @param args the arguments, with or without {@code docker run} in front
     * @return the spec
     * @throws IllegalArgumentException when the CLI would reject them
     */
    public static ContainerSpec fromArgs(List<String> args) {
        return new ContainerSpec(SpecArgs.read(SpecValidation.strings("args", args)).frozenCopy());
    }

    /**
     * Reads a container back into the spec that made it: each option's reader (the inverse of its writer, declared
     * next to it) reads the container's {@code Config}, {@code HostConfig} and endpoints. What the container took
     * from its image ({@code Env}, {@code Labels}, {@code Cmd}, ...) is read too; {@link #from(ContainerDetails,
     * ImageDetails)} leaves it out.
     *
     * <p>Values the daemon fills in when none was given are left out, so a spec that set them to the same value
     * does not read back: the host name that is the short id (or the host's, with {@code --network host} or
     * {@code container:}), network mode {@code default} or {@code bridge}, restart policy {@code no}, log driver
     * {@code json-file}, IPC mode {@code private} or {@code shareable}, the cgroup namespace (the daemon's default
     * is {@code private} on cgroup v2 hosts, {@code host} on v1), runtime {@code runc}, a 64 MiB {@code /dev/shm},
     * a memory+swap limit twice the memory limit, {@code MemorySwappiness} -1, the short id among a network's
     * aliases, {@code --security-opt label=disable} with {@code --privileged}, {@code --ipc host} or
     * {@code --pid host}, and the attach flags the CLI sets by default. Zero numbers and
     * false switches read as unset ({@code --stop-timeout 0} and {@code --init=false} excepted). Not read back:
     * client-side options ({@code -d}, {@code --pull}, {@code --detach-keys}, {@code --sig-proxy}, {@code -q},
     * {@code --disable-content-trust}), {@code --platform}, {@code --kernel-memory}, {@code --use-api-socket}
     * (read as its {@code --mount}), and {@code --env-file}/{@code --label-file} (read as {@code -e}/{@code -l}).
     * Values read in the daemon's spelling: {@code -p 8000-8001:80-81} as one {@code -p} per port, sizes in bytes,
     * {@code --mount} and {@code --gpus} in one canonical field order, links as {@code name:alias}. The name is
     * always read, also one the daemon made up. A container that ran reads back the MAC address it was given.
     *
     * <pre>{@code
     * ContainerSpec spec = ContainerSpec.from(docker.containers().inspect("web"));
     * spec.toCommandLine();   // docker run --name=web --publish=8080:80 ... demo/busybox:1 sh
     * }</pre>
     *
     * @param details the container, as {@code inspect} answers
     * @return the spec, not checked against the builder's rules (the daemon already took it)
     */
    public static ContainerSpec from(ContainerDetails details) {
        return from(details, null);
    }

    /**
     * {@link #from(ContainerDetails)}, leaving out what the container took from its image: {@code Env} entries and
     * labels with the image's value, the image's exposed ports and volumes, and {@code Cmd} (when the entrypoint is
     * the image's), {@code Entrypoint}, {@code WorkingDir}, {@code User}, {@code StopSignal} and
     * {@code Healthcheck} when equal to the image's.
     *
     * <pre>{@code
     * ContainerDetails c = docker.containers().inspect("web");
     * ContainerSpec spec = ContainerSpec.from(c, docker.images().inspect(c.image()));
     * }</pre>
     *
     * @param details the container, as {@code inspect} answers
     * @param image the container's image, as {@code images().inspect(details.image())} answers; null to read
     *        everything
     * @return the spec
     * @throws IllegalArgumentException when details is null
     */
    public static ContainerSpec from(ContainerDetails details, @Nullable ImageDetails image) {
        SpecValidation.notNull(details, "details");
        ReadBody body = ReadBody.of(details, image == null ? null : image.config());
        SpecSettings s = new SpecSettings();
        s.image = body.string("Config.Image") != null ? body.string("Config.Image") : details.image();
        s.cmd = SpecOptions.strings(body.list("Config.Cmd"));
        for (SpecOption option : SpecOptions.ALL) {
            Object value = option.reader() == null ? null : option.reader().read(body);
            if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
                s.values.put(option.name(), value);
            }
        }
        return new ContainerSpec(s.frozenCopy());
    }

    /**
     * The arguments of {@code docker run} that make the same container: {@code fromArgs(spec.toArgs())} equals
     * {@code spec}.
     *
     * <pre>{@code
     * ContainerSpec.builder("demo/busybox:1").name("web").publish(8080, 80).build().toArgs();
     * // [--name=web, --publish=8080:80, demo/busybox:1]
     * }</pre>
     *
     * @return the arguments after {@code docker run}
     * @throws IllegalStateException when the spec holds raw body values or a multi-word entrypoint, which have no
     *         command-line form
     */
    public List<String> toArgs() {
        return List.copyOf(SpecArgs.write(settings));
    }

    /**
     * {@link #toArgs()} as one {@code docker run ...} line, quoted for a POSIX shell.
     *
     * @return such as {@code docker run --name=web 'demo/busybox:1' sh -c 'echo hi'}
     */
    public String toCommandLine() {
        StringJoiner j = new StringJoiner(" ", "docker run ", "");
        toArgs().forEach(a -> j.add(SpecArgs.quote(a)));
        return j.toString();
    }

    /**
     * A builder holding everything this spec holds, to derive a changed copy.
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

    /** {@return the container name ({@code --name}), sent as the {@code ?name=} query parameter} */
    public Optional<String> name() {
        return Optional.ofNullable((String) settings.get("name"));
    }

    /** {@return the platform ({@code --platform}), sent as the {@code ?platform=} query parameter} */
    public Optional<String> platform() {
        return Optional.ofNullable((String) settings.get("platform"));
    }

    /**
     * The values of an option as CLI text, in the order given: one for a single-value option, each for a repeated
     * one, {@code true}/{@code false} for a switch; empty when unset.
     *
     * <pre>{@code
     * ContainerSpec.parse("--ulimit nofile=1024 --shm-size 1g busybox").option("--shm-size");   // [1g]
     * }</pre>
     *
     * @param flag a long or short flag, such as {@code --shm-size} or {@code -m}
     * @return the values
     * @throws IllegalArgumentException for an unknown flag
     */
    public List<String> option(String flag) {
        SpecOption o = Builder.known(flag);
        Object value = settings.get(o.name());
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object v : o.kind() == SpecOption.Kind.REPEAT ? (List<?>) value : List.of(value)) {
            out.add(o.kind() == SpecOption.Kind.SWITCH ? v.toString() : o.formatValue(v));
        }
        return List.copyOf(out);
    }

    /** {@return the command ({@code docker run IMAGE cmd...}); empty for the image's own} */
    public List<String> cmd() {
        return settings.cmd;
    }

    /** {@return the entrypoint ({@code --entrypoint}); empty for the image's own, {@code [""]} to clear the image's} */
    @SuppressWarnings("unchecked")
    public List<String> entrypoint() {
        Object v = settings.get("entrypoint");
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * {@return the environment ({@code --env-file}, then {@code -e}), name to value, the last value of a name
     * winning} A name given without a value and not found in the environment is left out.
     */
    public Map<String, String> env() {
        List<String> entries = new ArrayList<>();
        for (Object f : settings.all("envFile")) {
            entries.addAll(((SpecOptions.KeyFile) f).entries());
        }
        entries.addAll(settings.all("env"));
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return java.util.Collections.unmodifiableMap(env);
    }

    /** {@return the labels ({@code --label-file}, then {@code -l}), key to value} */
    public Map<String, String> labels() {
        List<String> entries = new ArrayList<>();
        for (Object f : settings.all("labelFile")) {
            entries.addAll(((SpecOptions.KeyFile) f).entries());
        }
        entries.addAll(settings.all("label"));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            labels.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** {@return the working directory ({@code -w}), or empty for the image's} */
    public Optional<String> workingDir() {
        return Optional.ofNullable((String) settings.get("workdir"));
    }

    /** {@return the user ({@code -u}), or empty for the image's} */
    public Optional<String> user() {
        return Optional.ofNullable((String) settings.get("user"));
    }

    /** {@return the container's host name ({@code -h}), or empty for the container id's prefix} */
    public Optional<String> hostname() {
        return Optional.ofNullable((String) settings.get("hostname"));
    }

    /** {@return whether the container gets a pseudo-terminal ({@code -t}); its output is then one raw stream} */
    public boolean tty() {
        return Boolean.TRUE.equals(settings.get("tty"));
    }

    /** {@return whether stdin stays open ({@code -i})} */
    public boolean openStdin() {
        return Boolean.TRUE.equals(settings.get("interactive"));
    }

    /** {@return whether {@code run} leaves the container running in the background ({@code -d})} */
    public boolean detach() {
        return Boolean.TRUE.equals(settings.get("detach"));
    }

    /**
     * {@return the published ports ({@code -p}), one binding per port; a host port range given for one container
     * port is left out (see {@link #option(String)} with {@code -p})}
     */
    public List<PortBinding> publish() {
        List<PortBinding> out = new ArrayList<>();
        for (Object p : settings.all("publish")) {
            out.addAll(Ports.bindings((String) p));
        }
        return List.copyOf(out);
    }

    /** {@return whether every exposed port is published on a random host port ({@code -P})} */
    public boolean publishAll() {
        return Boolean.TRUE.equals(settings.get("publishAll"));
    }

    /** {@return the ports exposed without publishing ({@code --expose}), as keys such as {@code 9000/tcp}} */
    public List<String> expose() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Object e : settings.all("expose")) {
            keys.addAll(Ports.exposed((String) e));
        }
        return List.copyOf(keys);
    }

    /**
     * {@return the {@code -v} and {@code --tmpfs} mounts that {@link Mount} can hold, in the order given} Options
     * it cannot hold ({@code z}, propagation, tmpfs modes) and {@code --mount} values are in {@link #option(String)}.
     */
    public List<Mount> mounts() {
        List<Mount> out = new ArrayList<>();
        for (String v : settings.<String>all("volume")) {
            try {
                out.add(Mount.parseVolume(v));
            } catch (IllegalArgumentException e) {
                // not a shape Mount holds
            }
        }
        for (String t : settings.<String>all("tmpfs")) {
            int colon = t.indexOf(':');
            long size = 0;
            boolean ro = false;
            boolean plain = true;
            if (colon >= 0) {
                for (String o : t.substring(colon + 1).split(",")) {
                    if (o.startsWith("size=")) {
                        size = ByteSize.parse(o.substring(5));
                    } else if (o.equals("ro")) {
                        ro = true;
                    } else {
                        plain = false;
                    }
                }
            }
            if (plain) {
                out.add(new Mount(Mount.Type.TMPFS, "", colon < 0 ? t : t.substring(0, colon), ro, size));
            }
        }
        return List.copyOf(out);
    }

    /** {@return the network mode ({@code --network}, the first one when several), or empty for the default bridge} */
    public Optional<String> network() {
        List<String> networks = settings.all("network");
        return networks.isEmpty() ? Optional.empty() : Optional.of(SpecOptions.firstNetwork(settings));
    }

    /** {@return the restart policy ({@code --restart}), or empty for the daemon's default ({@code no})} */
    public Optional<RestartPolicy> restartPolicy() {
        return Optional.ofNullable((RestartPolicy) settings.get("restart"));
    }

    /** {@return whether the daemon removes the container when it exits ({@code --rm})} */
    public boolean autoRemove() {
        return Boolean.TRUE.equals(settings.get("rm"));
    }

    /** {@return the memory limit ({@code -m}) in bytes, or empty for no limit} */
    public OptionalLong memory() {
        return optionalLong("memory");
    }

    /** {@return the memory plus swap limit ({@code --memory-swap}) in bytes, -1 for unlimited swap, or empty} */
    public OptionalLong memorySwap() {
        return optionalLong("memorySwap");
    }

    /** {@return the CPU limit ({@code --cpus}) in billionths of a CPU, or empty for no limit} */
    public OptionalLong nanoCpus() {
        return optionalLong("cpus");
    }

    /** {@return the CPU limit ({@code --cpus}) in CPUs, such as 1.5, or empty for no limit} */
    public OptionalDouble cpus() {
        OptionalLong n = nanoCpus();
        return n.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(n.getAsLong() / 1e9);
    }

    /** {@return the relative CPU weight ({@code --cpu-shares}), or empty for the default (1024)} */
    public OptionalInt cpuShares() {
        OptionalLong n = optionalLong("cpuShares");
        return n.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) n.getAsLong());
    }

    /** {@return the process limit ({@code --pids-limit}), or empty for the daemon's default} */
    public OptionalLong pidsLimit() {
        Object v = settings.get("pidsLimit");
        return v == null ? OptionalLong.empty() : OptionalLong.of((Long) v);
    }

    private OptionalLong optionalLong(String name) {
        Object v = settings.get(name);
        return v == null || (Long) v == 0 ? OptionalLong.empty() : OptionalLong.of((Long) v);
    }

    /** {@return the health check ({@code --health-*}, {@code --no-healthcheck}), or empty for the image's} */
    @SuppressWarnings("unchecked")
    public Optional<Healthcheck> healthcheck() {
        List<String> test = Boolean.TRUE.equals(settings.get("noHealthcheck")) ? List.of("NONE")
                : settings.get("healthCmd") != null ? List.of("CMD-SHELL", (String) settings.get("healthCmd"))
                : settings.get("healthTest") != null ? (List<String>) settings.get("healthTest") : List.of();
        Duration interval = nanos("healthInterval");
        Duration timeout = nanos("healthTimeout");
        Duration start = nanos("healthStartPeriod");
        Object retries = settings.get("healthRetries");
        if (test.isEmpty() && interval.isZero() && timeout.isZero() && start.isZero() && retries == null) {
            return Optional.empty();
        }
        return Optional.of(new Healthcheck(test, interval, timeout, start,
                retries == null ? 0 : (int) (long) (Long) retries));
    }

    private Duration nanos(String name) {
        Object v = settings.get(name);
        return v == null ? Duration.ZERO : Duration.ofNanos((Long) v);
    }

    /** {@return the signal that stops the container ({@code --stop-signal}), or empty for the image's} */
    public Optional<String> stopSignal() {
        return Optional.ofNullable((String) settings.get("stopSignal"));
    }

    /** {@return how long a stop waits before killing ({@code --stop-timeout}), or empty for the daemon's default} */
    public Optional<Duration> stopTimeout() {
        Object v = settings.get("stopTimeout");
        return v == null ? Optional.empty() : Optional.of(Duration.ofSeconds((Long) v));
    }

    /** {@return whether an init process runs as PID 1 ({@code --init}), or empty for the daemon's default} */
    public Optional<Boolean> init() {
        return Optional.ofNullable((Boolean) settings.get("init"));
    }

    /** {@return whether the container runs privileged ({@code --privileged})} */
    public boolean privileged() {
        return Boolean.TRUE.equals(settings.get("privileged"));
    }

    /** {@return the capabilities added ({@code --cap-add}), as the CLI writes them ({@code CAP_NET_ADMIN})} */
    public List<String> capAdd() {
        return settings.all("capAdd");
    }

    /** {@return the capabilities dropped ({@code --cap-drop})} */
    public List<String> capDrop() {
        return settings.all("capDrop");
    }

    /** {@return the extra {@code /etc/hosts} entries ({@code --add-host}), as {@code host:ip}} */
    public List<String> extraHosts() {
        return settings.all("addHost");
    }

    /** {@return the DNS servers ({@code --dns})} */
    public List<String> dns() {
        return settings.all("dns");
    }

    /** {@return whether the root file system is read-only ({@code --read-only})} */
    public boolean readOnlyRootfs() {
        return Boolean.TRUE.equals(settings.get("readOnly"));
    }

    // ---- the request body and Object -------------------------------------------------------------------------

    /**
     * The JSON body of {@code POST /containers/create}, as the Docker CLI writes it for the same options (only what
     * is set, plus {@code AttachStdin}/{@code AttachStdout}/{@code AttachStderr} settled as the CLI does), with the
     * {@link Builder#raw(String, Object) raw} values merged last. The name and platform are not in the body: see
     * {@link #name()} and {@link #platform()}. Each call returns a fresh tree the caller may change.
     *
     * <pre>{@code
     * ContainerSpec.builder("demo/busybox:1").publish("8080:80").build().toCreateBody();
     * // {Image=demo/busybox:1, ExposedPorts={80/tcp={}},
     * //  HostConfig={PortBindings={80/tcp=[{HostIp=, HostPort=8080}]}},
     * //  AttachStdin=false, AttachStdout=true, AttachStderr=true}
     * }</pre>
     *
     * @return the body as a map
     */
    public Map<String, Object> toCreateBody() {
        return CreateBody.of(settings);
    }

    /** Specs are equal when every setting is. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ContainerSpec other && settings.identity().equals(other.settings.identity());
    }

    @Override
    public int hashCode() {
        return settings.identity().hashCode();
    }

    /**
     * One line for JShell and logs: the settings that are set, in CLI units, with the values of environment
     * variables and labels whose name looks secret ({@code PASSWORD}, {@code SECRET}, {@code TOKEN}, {@code KEY},
     * ...) replaced by {@code ***}, as {@code dev.berth.model.internal.Masking} masks them everywhere.
     *
     * <pre>{@code
     * ContainerSpec.builder("demo/busybox:1").name("web").cmd("httpd", "-f").publish(8080, 80)
     *         .env("DB_PASSWORD", "hunter2").memory("64m").build().toString();
     * // "ContainerSpec[image=demo/busybox:1, cmd=[httpd, -f], name=web, env=[DB_PASSWORD=***],
     * //  publish=[8080:80], memory=64m]"
     * }</pre>
     */
    @Override
    public String toString() {
        return SpecText.of(settings);
    }

    // ---- builder ---------------------------------------------------------------------------------------------

    /**
     * Collects the settings of a {@link ContainerSpec}. Each method checks its argument and throws
     * {@link IllegalArgumentException} naming the option and the value; {@link #build()} checks the rules that
     * involve several settings. Every {@code docker run} option is reachable through {@link #option(String, String)}
     * and {@link #option(String)}; the common ones also have a typed method. Not thread-safe; reusable after
     * {@code build()}.
     */
    public static final class Builder {
        private final SpecSettings settings;

        private Builder(SpecSettings settings) {
            this.settings = settings;
        }

        static SpecOption known(String flag) {
            SpecOption o = SpecOptions.byFlag(SpecValidation.notNull(flag, "flag"));
            if (o == null) {
                throw new IllegalArgumentException("unknown flag: " + flag + SpecArgs.closest(flag));
            }
            return o;
        }

        private Builder set(String name, Object value) {
            settings.set(SpecOptions.byName(name), value);
            return this;
        }

        private Builder text(String name, String text) {
            settings.setText(SpecOptions.byName(name), SpecValidation.notNull(text, name));
            return this;
        }

        /**
         * Sets any {@code docker run} option by its flag and CLI text, checked as the CLI checks it; a repeatable
         * option is appended to.
         *
         * <pre>{@code
         * builder.option("--shm-size", "1g").option("--ulimit", "nofile=65536:65536")
         *        .option("--log-opt", "max-size=10m").option("--gpus", "all").option("--security-opt", "no-new-privileges");
         * }</pre>
         *
         * @param flag a long or short flag, such as {@code --ulimit} or {@code -p}
         * @param value the text that follows it on the command line
         * @return this builder
         * @throws IllegalArgumentException for an unknown flag (naming the closest known one) or a value the CLI
         *         would reject
         */
        public Builder option(String flag, String value) {
            settings.setText(known(flag), SpecValidation.notNull(value, flag));
            return this;
        }

        /**
         * Turns on a switch ({@code --rm}, {@code --init}, {@code -t}, {@code --oom-kill-disable}...); to write one
         * as false, as {@code --init=false} does, use {@code option("--init", "false")}.
         *
         * @param flag the flag
         * @return this builder
         * @throws IllegalArgumentException for an unknown flag or one that takes a value
         */
        public Builder option(String flag) {
            SpecOption o = known(flag);
            if (o.kind() != SpecOption.Kind.SWITCH) {
                throw new IllegalArgumentException("flag needs an argument: " + flag);
            }
            settings.set(o, Boolean.TRUE);
            return this;
        }

        /**
         * Sets a field of the create body by its API path, for what a newer engine offers before Berth models it;
         * merged after everything else, so it wins. {@code Config.} (or no prefix) is the top level of the body.
         *
         * <pre>{@code
         * builder.raw("HostConfig.CgroupnsMode", "private").raw("HostConfig.OomScoreAdj", 500);
         * }</pre>
         *
         * @param path such as {@code HostConfig.CgroupnsMode}, {@code Config.Domainname} or
         *        {@code NetworkingConfig.EndpointsConfig}
         * @param value a JSON value: a string, number, boolean, list or map
         * @return this builder
         * @throws IllegalArgumentException when the path is blank or has an empty part
         */
        public Builder raw(String path, Object value) {
            if (path == null || path.isBlank() || Arrays.asList(path.split("\\.", -1)).contains("")
                    || path.startsWith("query.")) {
                throw new IllegalArgumentException("invalid raw path '" + path + "'");
            }
            settings.raw.put(path, value);
            return this;
        }

        /**
         * Replaces the image.
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
         * @param name at least two characters of {@code [a-zA-Z0-9_.-]}, the first a letter or digit
         * @return this builder
         * @throws IllegalArgumentException when the name breaks docker's rule
         */
        public Builder name(String name) {
            return text("name", name);
        }

        /**
         * The platform to create for ({@code --platform}), sent as a query parameter.
         *
         * @param platform such as {@code linux/arm64}
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder platform(String platform) {
            return text("platform", platform);
        }

        /**
         * The command ({@code docker run IMAGE cmd...}); replaces any earlier one.
         *
         * @param cmd the program and its arguments
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder cmd(String... cmd) {
            return cmd(Arrays.asList(SpecValidation.notNull(cmd, "cmd")));
        }

        /**
         * The command as a list; replaces any earlier one.
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
         * Replaces the image's entrypoint ({@code --entrypoint}); {@code entrypoint("")} clears it. More than one
         * element has no {@code --entrypoint} form ({@link ContainerSpec#toArgs()} refuses it).
         *
         * @param entrypoint the program and its first arguments
         * @return this builder
         * @throws IllegalArgumentException when an element is null
         */
        public Builder entrypoint(String... entrypoint) {
            return entrypoint(Arrays.asList(SpecValidation.notNull(entrypoint, "entrypoint")));
        }

        /**
         * The entrypoint as a list.
         *
         * @param entrypoint the program and its first arguments
         * @return this builder
         * @throws IllegalArgumentException when the list or an element is null
         */
        public Builder entrypoint(List<String> entrypoint) {
            List<String> list = SpecValidation.strings("entrypoint", entrypoint);
            if (list.isEmpty()) {
                settings.values.remove("entrypoint");
                return this;
            }
            return set("entrypoint", List.copyOf(list));
        }

        /**
         * Adds an environment variable ({@code -e KEY=value}).
         *
         * @param key the name, without {@code =}
         * @param value the value, {@code ""} for empty
         * @return this builder
         * @throws IllegalArgumentException when the name is empty or holds {@code =}
         */
        public Builder env(String key, String value) {
            SpecValidation.env(key, value);
            return set("env", key + "=" + value);
        }

        /**
         * Adds an environment variable in CLI form: {@code KEY=value}, or {@code KEY} to take this process's value.
         *
         * @param keyEqualsValue such as {@code MODE=prod}
         * @return this builder
         * @throws IllegalArgumentException when the name is empty
         */
        public Builder env(String keyEqualsValue) {
            return text("env", keyEqualsValue);
        }

        /**
         * Adds labels ({@code --label}).
         *
         * @param labels key to value
         * @return this builder
         * @throws IllegalArgumentException when a key is empty or a value null
         */
        public Builder labels(Map<String, String> labels) {
            SpecValidation.notNull(labels, "labels").forEach(this::label);
            return this;
        }

        /**
         * Adds a label ({@code --label key=value}).
         *
         * @param key the key
         * @param value the value, {@code ""} for empty
         * @return this builder
         * @throws IllegalArgumentException when the key is empty or the value null
         */
        public Builder label(String key, String value) {
            SpecValidation.label(key, value);
            return set("label", key + "=" + value);
        }

        /**
         * The working directory ({@code -w}).
         *
         * @param dir an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when not absolute
         */
        public Builder workingDir(String dir) {
            return set("workdir", SpecValidation.workingDir(dir));
        }

        /**
         * The user the process runs as ({@code -u}).
         *
         * @param user {@code user}, {@code uid}, {@code user:group} or {@code uid:gid}
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder user(String user) {
            return set("user", SpecValidation.user(user));
        }

        /**
         * The container's host name ({@code -h}).
         *
         * @param hostname letters, digits and {@code -} in dot-separated parts
         * @return this builder
         * @throws IllegalArgumentException when not a host name
         */
        public Builder hostname(String hostname) {
            return text("hostname", hostname);
        }

        /**
         * Gives the container a pseudo-terminal ({@code -t}).
         *
         * @return this builder
         */
        public Builder tty() {
            return set("tty", true);
        }

        /**
         * Keeps stdin open ({@code -i}).
         *
         * @return this builder
         */
        public Builder openStdin() {
            return set("interactive", true);
        }

        /**
         * Publishes ports in {@code -p} syntax: {@code [ip:][hostPort:]containerPort[/protocol]}, ranges such as
         * {@code 8000-8010:80-90}, IPv6 addresses in brackets.
         *
         * @param dockerPortSpec such as {@code 8080:80}, {@code 127.0.0.1:53:53/udp} or {@code 9000}
         * @return this builder
         * @throws IllegalArgumentException when the spec cannot be read
         */
        public Builder publish(String dockerPortSpec) {
            return text("publish", dockerPortSpec);
        }

        /**
         * Publishes a container TCP port on a host port, on all interfaces.
         *
         * @param hostPort 1 to 65535, or 0 for a random one
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
         * @param binding the binding
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder publish(PortBinding binding) {
            return publish(SpecValidation.notNull(binding, "port binding").toString());
        }

        /**
         * Publishes every exposed port on a random host port ({@code -P}).
         *
         * @return this builder
         */
        public Builder publishAll() {
            return set("publishAll", true);
        }

        /**
         * Exposes a TCP port without publishing it ({@code --expose}).
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder expose(int port) {
            return expose(Integer.toString(port));
        }

        /**
         * Exposes a port or range ({@code --expose 9000/udp}, {@code --expose 8000-8010}).
         *
         * @param portAndProtocol such as {@code 9000/udp}
         * @return this builder
         * @throws IllegalArgumentException when not a port
         */
        public Builder expose(String portAndProtocol) {
            return text("expose", portAndProtocol);
        }

        /**
         * Mounts a host path read-write ({@code -v /host:/container}).
         *
         * @param host the host path, made absolute
         * @param containerPath an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when a path is invalid
         */
        public Builder bind(Path host, String containerPath) {
            return mount(Mount.bind(host, containerPath, AccessMode.READ_WRITE));
        }

        /**
         * Mounts a host path ({@code -v /host:/container[:ro]}).
         *
         * @param host the host path, made absolute
         * @param containerPath an absolute path in the container
         * @param access {@link AccessMode#READ_ONLY} or {@link AccessMode#READ_WRITE}
         * @return this builder
         * @throws IllegalArgumentException when a path is invalid
         */
        public Builder bind(Path host, String containerPath, AccessMode access) {
            return mount(Mount.bind(host, containerPath, access));
        }

        /**
         * Mounts in {@code -v} syntax: {@code source:target[:options]} ({@code ro}, {@code rw}, {@code z},
         * {@code Z}, propagation, {@code nocopy}, comma-separated), or {@code target} for an anonymous volume.
         *
         * @param spec the {@code -v} value
         * @return this builder
         * @throws IllegalArgumentException when the spec cannot be read
         */
        public Builder volume(String spec) {
            return text("volume", spec);
        }

        /**
         * Mounts a named volume read-write ({@code -v name:/target}).
         *
         * @param name the volume name
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the name or path is invalid
         */
        public Builder namedVolume(String name, String target) {
            return mount(Mount.volume(name, target, AccessMode.READ_WRITE));
        }

        /**
         * Mounts a tmpfs of the kernel's default size ({@code --tmpfs /target}).
         *
         * @param target an absolute path in the container
         * @return this builder
         * @throws IllegalArgumentException when the path is invalid
         */
        public Builder tmpfs(String target) {
            return mount(Mount.tmpfs(target, 0));
        }

        /**
         * Mounts a tmpfs of a given size ({@code --tmpfs /target:size=64m}).
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
         * Adds a mount: a bind or volume as {@code -v}, a tmpfs as {@code --tmpfs}.
         *
         * @param mount the mount
         * @return this builder
         * @throws IllegalArgumentException when the mount is null
         */
        public Builder mount(Mount mount) {
            SpecValidation.notNull(mount, "mount");
            return mount.type() == Mount.Type.TMPFS ? text("tmpfs", mount.toString()) : text("volume",
                    mount.toString());
        }

        /**
         * Adds a mount in {@code --mount} syntax, with every option the CLI takes ({@code bind-propagation},
         * {@code volume-driver}, {@code volume-opt}, {@code volume-subpath}, {@code volume-nocopy},
         * {@code tmpfs-size}, {@code tmpfs-mode}, {@code readonly}, ...).
         *
         * @param csv such as {@code type=volume,src=data,dst=/data,volume-subpath=app}
         * @return this builder
         * @throws IllegalArgumentException when the CLI would reject it
         */
        public Builder mount(String csv) {
            return text("mount", csv);
        }

        /**
         * Connects the container to a network ({@code --network}); the first one is the network mode, later ones
         * are joined at create as well.
         *
         * @param network {@code bridge}, {@code host}, {@code none}, {@code container:<name|id>}, a network name, or
         *        {@code name=net,alias=a,ip=...}
         * @return this builder
         * @throws IllegalArgumentException when blank or malformed
         */
        public Builder network(String network) {
            return text("network", SpecValidation.network(network));
        }

        /**
         * The restart policy ({@code --restart}).
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder restartPolicy(RestartPolicy policy) {
            return set("restart", SpecValidation.notNull(policy, "restart policy"));
        }

        /**
         * The restart policy in {@code --restart} syntax.
         *
         * @param policy such as {@code always} or {@code on-failure:3}
         * @return this builder
         * @throws IllegalArgumentException when the text is not a policy
         */
        public Builder restartPolicy(String policy) {
            return text("restart", policy);
        }

        /**
         * Removes the container when it exits ({@code --rm}).
         *
         * @return this builder
         */
        public Builder autoRemove() {
            return set("rm", true);
        }

        /**
         * The memory limit in bytes ({@code -m}); 0 removes it.
         *
         * @param bytes 0, or at least 6 MiB (the daemon's minimum)
         * @return this builder
         * @throws IllegalArgumentException when negative or below the minimum
         */
        public Builder memory(long bytes) {
            SpecValidation.memory(bytes);
            if (bytes == 0) {
                settings.values.remove("memory");
                return this;
            }
            return set("memory", bytes);
        }

        /**
         * The memory limit in CLI units ({@code -m 64m}).
         *
         * @param size such as {@code 64m} or {@code 1g}
         * @return this builder
         * @throws IllegalArgumentException when not a size or below the minimum
         */
        public Builder memory(String size) {
            return memory(ByteSize.parse(size));
        }

        /**
         * The memory plus swap limit in bytes ({@code --memory-swap}); -1 for unlimited swap, 0 removes it.
         *
         * @param bytes -1, 0, or the total of memory and swap
         * @return this builder
         * @throws IllegalArgumentException when less than -1
         */
        public Builder memorySwap(long bytes) {
            SpecValidation.memorySwap(bytes);
            if (bytes == 0) {
                settings.values.remove("memorySwap");
                return this;
            }
            return set("memorySwap", bytes);
        }

        /**
         * The memory plus swap limit in CLI units, or {@code "-1"} for unlimited swap.
         *
         * @param size such as {@code 1g}, or {@code -1}
         * @return this builder
         * @throws IllegalArgumentException when not a size
         */
        public Builder memorySwap(String size) {
            return text("memorySwap", size);
        }

        /**
         * The CPU limit ({@code --cpus}), sent as {@code NanoCpus}.
         *
         * @param cpus more than 0, fractions allowed
         * @return this builder
         * @throws IllegalArgumentException when not a positive finite number or too small to express
         */
        public Builder cpus(double cpus) {
            return set("cpus", SpecValidation.nanoCpus(cpus));
        }

        /**
         * The relative CPU weight ({@code --cpu-shares}); 0 removes it.
         *
         * @param shares the weight; the default is 1024
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cpuShares(int shares) {
            SpecValidation.cpuShares(shares);
            if (shares == 0) {
                settings.values.remove("cpuShares");
                return this;
            }
            return set("cpuShares", (long) shares);
        }

        /**
         * The process limit ({@code --pids-limit}).
         *
         * @param limit the maximum number of processes, or -1 or 0 for none
         * @return this builder
         * @throws IllegalArgumentException when less than -1
         */
        public Builder pidsLimit(long limit) {
            return set("pidsLimit", SpecValidation.pidsLimit(limit));
        }

        /**
         * The health check ({@code --health-cmd}, {@code --health-interval}, ... or {@code --no-healthcheck});
         * replaces every health setting.
         *
         * @param healthcheck the check
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder healthcheck(Healthcheck healthcheck) {
            SpecValidation.notNull(healthcheck, "healthcheck");
            for (String n : List.of("healthCmd", "healthTest", "noHealthcheck", "healthInterval", "healthTimeout",
                    "healthStartPeriod", "healthStartInterval", "healthRetries")) {
                settings.values.remove(n);
            }
            List<String> test = healthcheck.test();
            if (!test.isEmpty()) {
                switch (test.get(0)) {
                    case "NONE" -> set("noHealthcheck", true);
                    case "CMD-SHELL" -> set("healthCmd", test.get(1));
                    default -> set("healthTest", List.copyOf(test));
                }
            }
            if (!healthcheck.interval().isZero()) {
                set("healthInterval", healthcheck.interval().toNanos());
            }
            if (!healthcheck.timeout().isZero()) {
                set("healthTimeout", healthcheck.timeout().toNanos());
            }
            if (!healthcheck.startPeriod().isZero()) {
                set("healthStartPeriod", healthcheck.startPeriod().toNanos());
            }
            if (healthcheck.retries() != 0) {
                set("healthRetries", (long) healthcheck.retries());
            }
            return this;
        }

        /**
         * The signal that stops the container ({@code --stop-signal}).
         *
         * @param signal a signal name with or without {@code SIG}, or a number from 1 to 64
         * @return this builder
         * @throws IllegalArgumentException when not a known signal
         */
        public Builder stopSignal(String signal) {
            return text("stopSignal", signal);
        }

        /**
         * How long {@code docker stop} waits before killing ({@code --stop-timeout}).
         *
         * @param timeout whole seconds, not negative
         * @return this builder
         * @throws IllegalArgumentException when null, negative, not whole seconds or too long
         */
        public Builder stopTimeout(Duration timeout) {
            return set("stopTimeout", SpecValidation.stopTimeout(timeout).getSeconds());
        }

        /**
         * Runs an init process as PID 1 ({@code --init}). To write {@code Init: false} over a daemon configured
         * with {@code "init": true}, use {@code option("--init", "false")}.
         *
         * @return this builder
         */
        public Builder init() {
            return set("init", true);
        }

        /**
         * Runs the container privileged ({@code --privileged}).
         *
         * @return this builder
         */
        public Builder privileged() {
            return set("privileged", true);
        }

        /**
         * Adds capabilities ({@code --cap-add}); written as the CLI writes them ({@code CAP_NET_ADMIN}).
         *
         * @param capabilities names such as {@code NET_ADMIN}, {@code CAP_NET_ADMIN} or {@code ALL}
         * @return this builder
         * @throws IllegalArgumentException when a name is malformed
         */
        public Builder capAdd(String... capabilities) {
            SpecValidation.capabilities("capAdd", capabilities).forEach(c -> text("capAdd", c));
            return this;
        }

        /**
         * Drops capabilities ({@code --cap-drop}).
         *
         * @param capabilities names such as {@code MKNOD} or {@code ALL}
         * @return this builder
         * @throws IllegalArgumentException when a name is malformed
         */
        public Builder capDrop(String... capabilities) {
            SpecValidation.capabilities("capDrop", capabilities).forEach(c -> text("capDrop", c));
            return this;
        }

        /**
         * Adds an {@code /etc/hosts} entry ({@code --add-host host:ip}).
         *
         * @param hostColonIp {@code host:ip} or {@code host=ip}, the ip an address or {@code host-gateway}
         * @return this builder
         * @throws IllegalArgumentException when the host is empty or the ip is not an address
         */
        public Builder extraHost(String hostColonIp) {
            return text("addHost", hostColonIp);
        }

        /**
         * Adds a DNS server ({@code --dns}).
         *
         * @param ip an IPv4 or IPv6 literal
         * @return this builder
         * @throws IllegalArgumentException when not an IP address
         */
        public Builder dns(String ip) {
            return set("dns", SpecValidation.dns(ip));
        }

        /**
         * Mounts the root file system read-only ({@code --read-only}).
         *
         * @return this builder
         */
        public Builder readOnlyRootfs() {
            return set("readOnly", true);
        }

        /**
         * Checks the settings against each other and makes the spec: a positive {@code memorySwap} needs
         * {@code memory} and must not be below it; {@code --rm} allows no restart policy but {@code no};
         * {@code --no-healthcheck} no other health option; no two bindings claim the same host port; network
         * aliases need a user-defined network; {@code container:...} networks no ports, host name, DNS or extra
         * hosts.
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
