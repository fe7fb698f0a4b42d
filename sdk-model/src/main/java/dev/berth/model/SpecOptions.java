package dev.berth.model;

import dev.berth.model.SpecOption.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The table of {@code docker run} / {@code docker create} options (CLI 28): each declared once, with its flags, its
 * body path, how CLI text is read and checked, how it is written back, and how it goes into the body. Adding an
 * option is adding one line here.
 */
final class SpecOptions {
    private SpecOptions() {
    }

    private static final Pattern DEVICE_CGROUP_RULE = Pattern.compile("([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})");
    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}");
    private static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    private static final Set<String> VOLUME_MODES = Set.of("ro", "rw", "z", "Z", "nocopy", "shared", "rshared",
            "slave", "rslave", "private", "rprivate", "consistent", "cached", "delegated");

    /** Every option, in the order the body is written (env files before {@code -e}, as the CLI). */
    static final List<SpecOption> ALL = List.of(
            // ---- query and client-side ---------------------------------------------------------------------
            str("name", "query.name", SpecValidation::name, "--name"),
            str("platform", "query.platform", SpecOptions::platform, "--platform"),
            clientSwitch("detach", "--detach", "-d"),
            clientStr("detachKeys", s -> s, "--detach-keys"),
            clientStr("sigProxy", SpecOptions::bool, "--sig-proxy"),
            clientStr("pull", s -> oneOf("--pull", s, "always", "missing", "never"), "--pull"),
            clientSwitch("quiet", "--quiet", "-q"),
            clientSwitch("disableContentTrust", "--disable-content-trust"),
            str("cidfile", "HostConfig.ContainerIDFile", s -> s, "--cidfile"),
            // ---- Config --------------------------------------------------------------------------------------
            str("hostname", "Config.Hostname", SpecValidation::hostname, "--hostname", "-h")
                    .reads(b -> {
                        String h = b.string("Config.Hostname");
                        String mode = String.valueOf(b.get("HostConfig.NetworkMode"));
                        boolean daemons = h != null && h.length() == 12 && b.id.startsWith(h)
                                || mode.equals("host") || mode.startsWith("container:"); // the host's, the other's
                        return daemons ? null : h;
                    }),
            str("domainname", "Config.Domainname", s -> s, "--domainname"),
            str("user", "Config.User", s -> s, "--user", "-u"),
            repeat("attach", "", s -> oneOf("--attach", s.toLowerCase(Locale.ROOT), "stdin", "stdout", "stderr"),
                    (b, v) -> { }, "--attach", "-a").reads(SpecOptions::readAttach),
            sw("tty", "Config.Tty", "--tty", "-t"),
            sw("interactive", "Config.OpenStdin", "--interactive", "-i"),
            custom("envFile", Kind.REPEAT, "Config.Env", SpecOptions::envFile, v -> ((KeyFile) v).path(),
                    (b, v) -> each(v, f -> addEnv(b, ((KeyFile) f).entries())), true,
                    "--env-file"),
            custom("env", Kind.REPEAT, "Config.Env", SpecOptions::env, String::valueOf,
                    (b, v) -> addEnv(b, (List<?>) v), true, "--env", "-e").reads(b -> strings(b.list("Config.Env"))),
            custom("labelFile", Kind.REPEAT, "Config.Labels", SpecOptions::labelFile, v -> ((KeyFile) v).path(),
                    (b, v) -> each(v, f -> putEntries(b.map("Config.Labels"), ((KeyFile) f).entries())), true,
                    "--label-file"),
            custom("label", Kind.REPEAT, "Config.Labels", SpecOptions::label, String::valueOf,
                    (b, v) -> putEntries(b.map("Config.Labels"), (List<?>) v), true, "--label", "-l")
                    .reads(b -> entries(b.map("Config.Labels"))),
            repeat("expose", "Config.ExposedPorts", SpecOptions::expose,
                    (b, v) -> each(v, e -> Ports.exposed((String) e).forEach(k -> mapIn(b.map("Config.ExposedPorts"), k))),
                    "--expose").reads(Ports::readExposed),
            repeat("publish", "HostConfig.PortBindings", Ports::check, (b, v) -> each(v, p -> Ports.write(b, (String) p)),
                    "--publish", "-p").reads(Ports::readPublished),
            sw("publishAll", "HostConfig.PublishAllPorts", "--publish-all", "-P"),
            str("workdir", "Config.WorkingDir", s -> s, "--workdir", "-w"),
            custom("entrypoint", Kind.VALUE, "Config.Entrypoint", s -> List.of(s), SpecOptions::entrypointText,
                    (b, v) -> b.put("Config.Entrypoint", new ArrayList<>((List<?>) v)), false, "--entrypoint")
                    .reads(b -> strings(b.list("Config.Entrypoint"))),
            str("stopSignal", "Config.StopSignal", SpecValidation::stopSignal, "--stop-signal"),
            num("stopTimeout", "Config.StopTimeout", Integer.MIN_VALUE, Integer.MAX_VALUE, "--stop-timeout")
                    .reads(b -> b.number("Config.StopTimeout")), // 0 is a value here: stop at once
            str("healthCmd", "Config.Healthcheck.Test", s -> s,
                    (b, v) -> b.put("Config.Healthcheck.Test", new ArrayList<>(List.of("CMD-SHELL", v))),
                    "--health-cmd").reads(b -> {
                        List<?> t = b.list("Config.Healthcheck.Test");
                        return t.size() == 2 && "CMD-SHELL".equals(t.get(0)) ? t.get(1) : null;
                    }),
            duration("healthInterval", "Config.Healthcheck.Interval", "--health-interval"),
            duration("healthTimeout", "Config.Healthcheck.Timeout", "--health-timeout"),
            duration("healthStartPeriod", "Config.Healthcheck.StartPeriod", "--health-start-period"),
            duration("healthStartInterval", "Config.Healthcheck.StartInterval", "--health-start-interval"),
            num("healthRetries", "Config.Healthcheck.Retries", Integer.MIN_VALUE, Integer.MAX_VALUE,
                    "--health-retries"),
            custom("noHealthcheck", Kind.SWITCH, "Config.Healthcheck.Test", null, String::valueOf,
                    (b, v) -> {
                        if ((Boolean) v) {
                            b.put("Config.Healthcheck.Test", new ArrayList<>(List.of("NONE")));
                        }
                    }, false, "--no-healthcheck")
                    .reads(b -> b.list("Config.Healthcheck.Test").equals(List.of("NONE")) ? Boolean.TRUE : null),
            custom("healthTest", Kind.VALUE, "Config.Healthcheck.Test", null, String::valueOf,
                    (b, v) -> b.put("Config.Healthcheck.Test", new ArrayList<>((List<?>) v)), false).reads(b -> {
                        List<?> t = b.list("Config.Healthcheck.Test");
                        return !t.isEmpty() && "CMD".equals(t.get(0)) ? strings(t) : null;
                    }),
            // ---- mounts --------------------------------------------------------------------------------------
            repeat("volume", "HostConfig.Binds", SpecOptions::volume, (b, v) -> each(v, x -> writeVolume(b, (String) x)),
                    "--volume", "-v").reads(b -> {
                        List<String> out = strings(b.list("HostConfig.Binds"));
                        out.addAll(b.map("Config.Volumes").keySet());
                        return out;
                    }),
            repeat("tmpfs", "HostConfig.Tmpfs", SpecOptions::tmpfs, (b, v) -> each(v, x -> {
                String t = (String) x;
                int colon = t.indexOf(':');
                b.map("HostConfig.Tmpfs").put(colon < 0 ? t : t.substring(0, colon),
                        colon < 0 ? "" : t.substring(colon + 1));
            }), "--tmpfs").reads(b -> {
                List<String> out = new ArrayList<>();
                b.map("HostConfig.Tmpfs").forEach((k, v) -> out.add(v == null || "".equals(v) ? k : k + ":" + v));
                return out;
            }),
            repeat("mount", "HostConfig.Mounts", s -> {
                MountOption.json(s);
                return s;
            }, (b, v) -> each(v, x -> b.list("HostConfig.Mounts").add(MountOption.json((String) x))), "--mount")
                    .reads(b -> b.list("HostConfig.Mounts").stream().map(m -> MountOption.text((Map<?, ?>) m)).toList()),
            custom("useApiSocket", Kind.SWITCH, "HostConfig.Mounts", null, String::valueOf, (b, v) -> {
                if ((Boolean) v) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Type", "bind");
                    m.put("Source", "/var/run/docker.sock");
                    m.put("Target", "/var/run/docker.sock");
                    b.list("HostConfig.Mounts").add(m);
                }
            }, false, "--use-api-socket"),
            str("volumeDriver", "HostConfig.VolumeDriver", s -> s, "--volume-driver"),
            strs("volumesFrom", "HostConfig.VolumesFrom", s -> s, "--volumes-from"),
            // ---- network -------------------------------------------------------------------------------------
            repeat("network", "HostConfig.NetworkMode", SpecOptions::network, SpecOptions::writeNetworks, "--network",
                    "--net").reads(SpecOptions::readNetworks),
            repeat("networkAlias", "NetworkingConfig.EndpointsConfig.*.Aliases", s -> s,
                    (b, v) -> listIn(b.endpoint(), "Aliases").addAll((List<?>) v), "--network-alias", "--net-alias")
                    .reads(b -> aliases(b, b.endpoint())),
            str("ip", "NetworkingConfig.EndpointsConfig.*.IPAMConfig.IPv4Address", s -> ip("--ip", s, 4),
                    (b, v) -> mapIn(b.endpoint(), "IPAMConfig").put("IPv4Address", v), "--ip")
                    .reads(b -> nonEmpty(ipam(b.endpoint()).get("IPv4Address"))),
            str("ip6", "NetworkingConfig.EndpointsConfig.*.IPAMConfig.IPv6Address", s -> ip("--ip6", s, 6),
                    (b, v) -> mapIn(b.endpoint(), "IPAMConfig").put("IPv6Address", v), "--ip6")
                    .reads(b -> nonEmpty(ipam(b.endpoint()).get("IPv6Address"))),
            repeat("linkLocalIp", "NetworkingConfig.EndpointsConfig.*.IPAMConfig.LinkLocalIPs",
                    s -> ip("--link-local-ip", s, 0),
                    (b, v) -> listIn(mapIn(b.endpoint(), "IPAMConfig"), "LinkLocalIPs").addAll((List<?>) v),
                    "--link-local-ip").reads(b -> ipam(b.endpoint()).get("LinkLocalIPs") instanceof List<?> l
                            ? strings(l) : null),
            str("macAddress", "NetworkingConfig.EndpointsConfig.*.MacAddress", SpecOptions::mac,
                    (b, v) -> b.endpoint().put("MacAddress", v), "--mac-address")
                    .reads(b -> nonEmpty(b.endpoint().get("MacAddress"))),
            repeat("link", "HostConfig.Links", SpecOptions::link, (b, v) -> {
                String net = firstNetwork(b.settings);
                if (isUserNetwork(net)) {
                    listIn(b.endpointOf(net), "Links").addAll((List<?>) v);
                }
                b.list("HostConfig.Links").addAll((List<?>) v);
            }, "--link").reads(b -> b.list("HostConfig.Links").stream().map(l -> link(String.valueOf(l), true)).toList()),
            strs("dns", "HostConfig.Dns", s -> ip("--dns", s, 0), "--dns"),
            strs("dnsOption", "HostConfig.DnsOptions", s -> s, "--dns-option", "--dns-opt"),
            strs("dnsSearch", "HostConfig.DnsSearch", SpecOptions::dnsSearch, "--dns-search"),
            strs("addHost", "HostConfig.ExtraHosts", SpecValidation::extraHost, "--add-host"),
            // ---- HostConfig ----------------------------------------------------------------------------------
            custom("restart", Kind.VALUE, "HostConfig.RestartPolicy", RestartPolicy::parse, String::valueOf,
                    (b, v) -> {
                        RestartPolicy p = (RestartPolicy) v;
                        b.put("HostConfig.RestartPolicy.Name", p.name());
                        b.put("HostConfig.RestartPolicy.MaximumRetryCount", p.maximumRetryCount());
                    }, false, "--restart").reads(b -> {
                        String name = b.string("HostConfig.RestartPolicy.Name");
                        Long count = b.number("HostConfig.RestartPolicy.MaximumRetryCount");
                        return name == null || name.equals("no") ? null
                                : new RestartPolicy(name, count == null ? 0 : count.intValue());
                    }),
            sw("rm", "HostConfig.AutoRemove", "--rm"),
            unless(str("logDriver", "HostConfig.LogConfig.Type", s -> s, "--log-driver"), "json-file"),
            kv("logOpt", "HostConfig.LogConfig.Config", false, false, "--log-opt"),
            strs("capAdd", "HostConfig.CapAdd", SpecOptions::capability, "--cap-add"),
            strs("capDrop", "HostConfig.CapDrop", SpecOptions::capability, "--cap-drop"),
            sw("privileged", "HostConfig.Privileged", "--privileged"),
            sw("readOnly", "HostConfig.ReadonlyRootfs", "--read-only"),
            sw("init", "HostConfig.Init", "--init").reads(b -> b.get("HostConfig.Init") instanceof Boolean v ? v : null),
            repeat("securityOpt", "HostConfig.SecurityOpt", SpecOptions::securityOpt, (b, v) -> each(v, x -> {
                if (x.equals("systempaths=unconfined")) {
                    b.list("HostConfig.MaskedPaths");
                    b.list("HostConfig.ReadonlyPaths");
                } else {
                    b.list("HostConfig.SecurityOpt").add(x);
                }
            }), "--security-opt").reads(b -> {
                List<String> out = strings(b.list("HostConfig.SecurityOpt"));
                if (Boolean.TRUE.equals(b.get("HostConfig.Privileged")) || "host".equals(b.get("HostConfig.IpcMode"))
                        || "host".equals(b.get("HostConfig.PidMode"))) {
                    out.remove("label=disable"); // what the daemon adds for these
                }
                if (b.get("HostConfig.MaskedPaths") instanceof List<?> m && m.isEmpty()
                        && b.get("HostConfig.ReadonlyPaths") instanceof List<?> r && r.isEmpty()) {
                    out.add("systempaths=unconfined");
                }
                return out;
            }),
            kv("storageOpt", "HostConfig.StorageOpt", false, true, "--storage-opt"),
            kv("sysctl", "HostConfig.Sysctls", false, true, "--sysctl"),
            kv("annotation", "HostConfig.Annotations", false, false, "--annotation"),
            strs("groupAdd", "HostConfig.GroupAdd", s -> s, "--group-add"),
            unless(str("ipc", "HostConfig.IpcMode", s -> mode("--ipc", s, "none", "private", "shareable", "host",
                    "container:"), "--ipc"), "private", "shareable"),
            str("pid", "HostConfig.PidMode", s -> mode("--pid", s, "host", "container:"), "--pid"),
            str("uts", "HostConfig.UTSMode", s -> mode("--uts", s, "host"), "--uts"),
            str("userns", "HostConfig.UsernsMode", s -> mode("--userns", s, "host"), "--userns"),
            unless(str("cgroupns", "HostConfig.CgroupnsMode", s -> mode("--cgroupns", s, "host", "private"),
                    "--cgroupns"), "private", "host"),
            str("cgroupParent", "HostConfig.CgroupParent", s -> s, "--cgroup-parent"),
            unless(str("runtime", "HostConfig.Runtime", s -> s, "--runtime"), "runc"),
            str("isolation", "HostConfig.Isolation", s -> s, "--isolation"),
            num("oomScoreAdj", "HostConfig.OomScoreAdj", -1000, 1000, "--oom-score-adj"),
            sw("oomKillDisable", "HostConfig.OomKillDisable", "--oom-kill-disable"),
            // ---- resources -----------------------------------------------------------------------------------
            bytes("memory", "HostConfig.Memory", "--memory", "-m"),
            custom("memorySwap", Kind.VALUE, "HostConfig.MemorySwap",
                    s -> s.strip().equals("-1") ? Long.valueOf(-1) : (Object) ByteSize.parse(s),
                    v -> ByteSize.format((Long) v), (b, v) -> b.put("HostConfig.MemorySwap", v), false,
                    "--memory-swap").reads(b -> {
                        Long swap = nonZero(b.number("HostConfig.MemorySwap"));
                        Long memory = b.number("HostConfig.Memory");
                        return swap != null && memory != null && swap == 2 * memory ? null : swap; // the daemon's
                    }),
            bytes("memoryReservation", "HostConfig.MemoryReservation", "--memory-reservation"),
            num("memorySwappiness", "HostConfig.MemorySwappiness", -1, 100, "--memory-swappiness").reads(b -> {
                Long v = b.number("HostConfig.MemorySwappiness");
                return v == null || v == -1 ? null : v; // -1 is what the CLI sends for unset; 0 is a value
            }),
            custom("kernelMemory", Kind.VALUE, "(ignored: no longer in the API)", s -> ByteSize.parse(s),
                    v -> ByteSize.format((Long) v), (b, v) -> { }, false, "--kernel-memory"),
            unless(bytes("shmSize", "HostConfig.ShmSize", "--shm-size"), 64L << 20),
            custom("cpus", Kind.VALUE, "HostConfig.NanoCpus", SpecOptions::nanoCpus,
                    v -> new BigDecimal(BigInteger.valueOf((Long) v), 9).stripTrailingZeros().toPlainString(),
                    (b, v) -> b.put("HostConfig.NanoCpus", v), false, "--cpus")
                    .reads(b -> nonZero(b.number("HostConfig.NanoCpus"))),
            num("cpuShares", "HostConfig.CpuShares", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-shares", "-c"),
            num("cpuPeriod", "HostConfig.CpuPeriod", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-period"),
            num("cpuQuota", "HostConfig.CpuQuota", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-quota"),
            num("cpuRtPeriod", "HostConfig.CpuRealtimePeriod", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-rt-period"),
            num("cpuRtRuntime", "HostConfig.CpuRealtimeRuntime", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-rt-runtime"),
            str("cpusetCpus", "HostConfig.CpusetCpus", s -> s, "--cpuset-cpus"),
            str("cpusetMems", "HostConfig.CpusetMems", s -> s, "--cpuset-mems"),
            num("cpuCount", "HostConfig.CpuCount", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-count"),
            num("cpuPercent", "HostConfig.CpuPercent", Long.MIN_VALUE, Long.MAX_VALUE, "--cpu-percent"),
            bytes("ioMaxBandwidth", "HostConfig.IOMaximumBandwidth", "--io-maxbandwidth"),
            num("ioMaxIops", "HostConfig.IOMaximumIOps", 0, Long.MAX_VALUE, "--io-maxiops"),
            num("pidsLimit", "HostConfig.PidsLimit", Long.MIN_VALUE, Long.MAX_VALUE, "--pids-limit"),
            num("blkioWeight", "HostConfig.BlkioWeight", 0, 65535, "--blkio-weight"),
            repeat("blkioWeightDevice", "HostConfig.BlkioWeightDevice", s -> pathRate("--blkio-weight-device", s, 2),
                    (b, v) -> each(v, x -> b.list("HostConfig.BlkioWeightDevice").add(pathRateJson((String) x,
                            "Weight", 2))), "--blkio-weight-device").reads(b -> pathRates(b, "HostConfig.BlkioWeightDevice",
                                    "Weight")),
            throttle("deviceReadBps", "HostConfig.BlkioDeviceReadBps", 0, "--device-read-bps"),
            throttle("deviceWriteBps", "HostConfig.BlkioDeviceWriteBps", 0, "--device-write-bps"),
            throttle("deviceReadIops", "HostConfig.BlkioDeviceReadIOps", 1, "--device-read-iops"),
            throttle("deviceWriteIops", "HostConfig.BlkioDeviceWriteIOps", 1, "--device-write-iops"),
            repeat("device", "HostConfig.Devices", SpecOptions::device, (b, v) -> each(v, x -> writeDevice(b,
                    (String) x)), "--device").reads(SpecOptions::readDevices),
            strs("deviceCgroupRule", "HostConfig.DeviceCgroupRules", s -> {
                if (!DEVICE_CGROUP_RULE.matcher(s).matches()) {
                    throw new IllegalArgumentException("invalid device cgroup format '" + s + "'");
                }
                return s;
            }, "--device-cgroup-rule"),
            repeat("gpus", "HostConfig.DeviceRequests", s -> {
                Gpus.json(s);
                return s;
            }, (b, v) -> each(v, x -> b.list("HostConfig.DeviceRequests").add(Gpus.json((String) x))), "--gpus")
                    .reads(b -> b.list("HostConfig.DeviceRequests").stream().map(r -> (Map<?, ?>) r)
                            .filter(r -> !"cdi".equals(r.get("Driver"))).map(Gpus::text).toList()),
            repeat("ulimit", "HostConfig.Ulimits", SpecOptions::ulimit, (b, v) -> each(v, x -> {
                String u = (String) x;
                String[] nv = u.split("=", 2);
                String[] limits = nv[1].split(":", 2);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Name", nv[0]);
                m.put("Soft", Long.parseLong(limits[0]));
                m.put("Hard", Long.parseLong(limits[limits.length - 1]));
                b.list("HostConfig.Ulimits").add(m);
            }), "--ulimit").reads(b -> b.list("HostConfig.Ulimits").stream().map(u -> {
                Map<?, ?> m = (Map<?, ?>) u;
                long soft = ((Number) m.get("Soft")).longValue();
                long hard = ((Number) m.get("Hard")).longValue();
                return m.get("Name") + "=" + soft + (soft == hard ? "" : ":" + hard);
            }).toList()));

    private static final Map<String, SpecOption> BY_FLAG = new LinkedHashMap<>();
    private static final Map<String, SpecOption> BY_NAME = new LinkedHashMap<>();

    static {
        for (SpecOption o : ALL) {
            BY_NAME.put(o.name(), o);
            for (String f : o.flags()) {
                BY_FLAG.put(f, o);
            }
        }
    }

    /** {@return the option with this flag ({@code --memory}, {@code -m}), or null} */
    static SpecOption byFlag(String flag) {
        return BY_FLAG.get(flag);
    }

    /** {@return the option with this name ({@code memory}); an IllegalStateException for a typo in Berth} */
    static SpecOption byName(String name) {
        SpecOption o = BY_NAME.get(name);
        if (o == null) {
            throw new IllegalStateException("no option " + name);
        }
        return o;
    }

    /** {@return every flag, for suggestions} */
    static Set<String> flags() {
        return BY_FLAG.keySet();
    }

    /** The options only {@code docker run} has; {@code docker create} rejects them. */
    static final Set<String> RUN_ONLY = Set.of("detach", "detachKeys", "sigProxy");

    /** Client-side options: they steer {@code run()} but are not sent. */
    static boolean isClientOnly(SpecOption o) {
        return o.path().isEmpty();
    }

    // ---- declaration helpers ---------------------------------------------------------------------------------

    private static SpecOption custom(String name, Kind kind, String path, Function<String, Object> parse,
            Function<Object, String> format, SpecOption.Writer writer, boolean masked, String... flags) {
        return new SpecOption(name, List.of(flags), kind, path, parse, format, writer, null, masked);
    }

    /** A switch written as its value at the path (so {@code --init=false} writes {@code false}). */
    private static SpecOption sw(String name, String path, String... flags) {
        return custom(name, Kind.SWITCH, path, null, String::valueOf, (b, v) -> b.put(path, v), false, flags)
                .reads(b -> Boolean.TRUE.equals(b.get(path)) ? Boolean.TRUE : null);
    }

    private static SpecOption clientSwitch(String name, String... flags) {
        return custom(name, Kind.SWITCH, "", null, String::valueOf, (b, v) -> { }, false, flags);
    }

    private static SpecOption clientStr(String name, Function<String, String> check, String... flags) {
        return custom(name, Kind.VALUE, "", check::apply, String::valueOf, (b, v) -> { }, false, flags);
    }

    private static SpecOption str(String name, String path, Function<String, String> check, String... flags) {
        return str(name, path, check, (b, v) -> b.put(path, v), flags).reads(b -> b.string(path));
    }

    private static SpecOption str(String name, String path, Function<String, String> check,
            SpecOption.Writer writer, String... flags) {
        return custom(name, Kind.VALUE, path, check::apply, String::valueOf, writer, false, flags);
    }

    private static SpecOption repeat(String name, String path, Function<String, String> check,
            SpecOption.Writer writer, String... flags) {
        return custom(name, Kind.REPEAT, path, check::apply, String::valueOf, writer, false, flags);
    }

    /** A repeated option written as a list at the path. */
    private static SpecOption strs(String name, String path, Function<String, String> check, String... flags) {
        return repeat(name, path, check, (b, v) -> b.list(path).addAll((List<?>) v), flags)
                .reads(b -> strings(b.list(path)));
    }

    /** A repeated {@code key=value} option written as a map at the path. */
    private static SpecOption kv(String name, String path, boolean masked, boolean strict, String... flags) {
        return custom(name, Kind.REPEAT, path, s -> {
            if (strict && s.indexOf('=') <= 0 || s.isEmpty()) {
                throw new IllegalArgumentException("invalid key=value pair '" + s + "': expected key=value");
            }
            return s;
        }, String::valueOf, (b, v) -> putEntries(b.map(path), (List<?>) v), masked, flags)
                .reads(b -> entries(b.map(path)));
    }

    private static SpecOption bytes(String name, String path, String... flags) {
        return custom(name, Kind.VALUE, path, s -> ByteSize.parse(s), v -> ByteSize.format((Long) v),
                (b, v) -> b.put(path, v), false, flags).reads(b -> nonZero(b.number(path)));
    }

    private static SpecOption num(String name, String path, long min, long max, String... flags) {
        return custom(name, Kind.VALUE, path, s -> {
            long n;
            try {
                n = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not an integer", e);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("'" + s + "' is out of range " + min + ".." + max);
            }
            return n;
        }, String::valueOf, (b, v) -> b.put(path, v), false, flags).reads(b -> nonZero(b.number(path)));
    }

    private static SpecOption duration(String name, String path, String... flags) {
        return custom(name, Kind.VALUE, path, s -> {
            long nanos = GoDuration.parse(s);
            if (nanos < 0) {
                throw new IllegalArgumentException(flags[0] + " cannot be negative: " + s);
            }
            return nanos;
        }, v -> GoDuration.format((Long) v), (b, v) -> b.put(path, v), false, flags)
                .reads(b -> nonZero(b.number(path)));
    }

    private static SpecOption throttle(String name, String path, int iops, String... flags) {
        return repeat(name, path, s -> pathRate(flags[0], s, iops),
                (b, v) -> each(v, x -> b.list(path).add(pathRateJson((String) x, "Rate", iops))), flags)
                .reads(b -> pathRates(b, path, "Rate"));
    }

    /** An option whose reader leaves out the values the daemon fills in when none was given. */
    private static SpecOption unless(SpecOption option, Object... daemonDefaults) {
        SpecOption.Reader r = option.reader();
        return option.reads(b -> {
            Object v = r.read(b);
            return v == null || List.of(daemonDefaults).contains(v) ? null : v;
        });
    }

    // ---- readers ---------------------------------------------------------------------------------------------

    private static Long nonZero(Long n) {
        return n == null || n == 0 ? null : n;
    }

    private static String nonEmpty(Object o) {
        return o instanceof String s && !s.isEmpty() ? s : null;
    }

    static List<String> strings(List<?> list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    private static List<String> entries(Map<String, Object> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + (v == null ? "" : v)));
        return out;
    }

    private static Map<?, ?> ipam(Map<?, ?> endpoint) {
        return endpoint.get("IPAMConfig") instanceof Map<?, ?> m ? m : Map.of();
    }

    /** An endpoint's aliases without the short id, which daemons before API 1.45 add to a user network's. */
    private static List<String> aliases(ReadBody b, Map<?, ?> endpoint) {
        List<String> out = new ArrayList<>();
        if (endpoint.get("Aliases") instanceof List<?> l) {
            for (Object a : l) {
                String s = String.valueOf(a);
                if (!(s.length() == 12 && b.id.startsWith(s))) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * {@code -a}, the inverse of {@link CreateBody}'s attach rule: nothing when the streams attached are the
     * default ones (stdout and stderr, stdin too with {@code -i}) or none ({@code -d}, which is {@code run}'s).
     */
    private static Object readAttach(ReadBody b) {
        List<String> streams = new ArrayList<>();
        for (String s : List.of("Stdin", "Stdout", "Stderr")) {
            if (Boolean.TRUE.equals(b.get("Config.Attach" + s))) {
                streams.add(s.toLowerCase(Locale.ROOT));
            }
        }
        boolean stdin = Boolean.TRUE.equals(b.get("Config.OpenStdin"));
        List<String> defaults = stdin ? List.of("stdin", "stdout", "stderr") : List.of("stdout", "stderr");
        return streams.isEmpty() || streams.equals(defaults) ? null : streams;
    }

    /**
     * {@code --network}: the network mode first, then the other endpoints; the first network's settings are read by
     * the flat options ({@code --ip}, {@code --network-alias}, ...), another's as {@code name=n,alias=a,...}.
     */
    private static Object readNetworks(ReadBody b) {
        List<String> out = new ArrayList<>();
        String mode = b.networkMode();
        if (mode != null) {
            out.add(networkText(b, mode, b.endpoint(), true));
        }
        b.map("NetworkingConfig.EndpointsConfig").forEach((name, ep) -> {
            if (!name.equals(mode) && !(ReadBody.isDefaultNetwork(name) && mode == null)) {
                out.add(networkText(b, name, ep instanceof Map<?, ?> m ? m : Map.of(), false));
            }
        });
        return out;
    }

    /** A network as {@code --network} text; for the first, only what the flat options cannot say. */
    private static String networkText(ReadBody b, String name, Map<?, ?> e, boolean first) {
        List<String> fields = new ArrayList<>();
        if (!first) {
            aliases(b, e).forEach(a -> fields.add("alias=" + a));
            Map<?, ?> ipam = ipam(e);
            if (nonEmpty(ipam.get("IPv4Address")) != null) {
                fields.add("ip=" + ipam.get("IPv4Address"));
            }
            if (nonEmpty(ipam.get("IPv6Address")) != null) {
                fields.add("ip6=" + ipam.get("IPv6Address"));
            }
            if (ipam.get("LinkLocalIPs") instanceof List<?> l) {
                l.forEach(x -> fields.add("link-local-ip=" + x));
            }
            if (nonEmpty(e.get("MacAddress")) != null) {
                fields.add("mac-address=" + e.get("MacAddress"));
            }
        }
        if (e.get("DriverOpts") instanceof Map<?, ?> opts) {
            opts.forEach((k, v) -> fields.add("driver-opt=" + k + "=" + v));
        }
        if (e.get("GwPriority") instanceof Number n && n.longValue() != 0) {
            fields.add("gw-priority=" + n);
        }
        return fields.isEmpty() ? name : Csv.join(concat("name=" + name, fields));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static List<String> pathRates(ReadBody b, String path, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : b.list(path)) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(m.get("Path") + ":" + ((Number) m.get(key)).longValue());
        }
        return out;
    }

    /** {@code --device}: host devices as {@code host[:container][:perms]}, then CDI requests. */
    private static Object readDevices(ReadBody b) {
        List<String> out = new ArrayList<>();
        for (Object o : b.list("HostConfig.Devices")) {
            Map<?, ?> m = (Map<?, ?>) o;
            String host = String.valueOf(m.get("PathOnHost"));
            String container = nonEmpty(m.get("PathInContainer")) == null ? host : (String) m.get("PathInContainer");
            String perms = nonEmpty(m.get("CgroupPermissions")) == null ? "rwm" : (String) m.get("CgroupPermissions");
            out.add(host + (container.equals(host) ? "" : ":" + container) + (perms.equals("rwm") ? "" : ":" + perms));
        }
        for (Object o : b.list("HostConfig.DeviceRequests")) {
            Map<?, ?> m = (Map<?, ?>) o;
            if ("cdi".equals(m.get("Driver")) && m.get("DeviceIDs") instanceof List<?> ids) {
                out.addAll(strings(ids));
            }
        }
        return out;
    }

    // ---- value checks --------------------------------------------------------------------------------------

    private static void each(Object list, java.util.function.Consumer<Object> action) {
        ((List<?>) list).forEach(action);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapIn(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    static List<Object> listIn(Map<String, Object> parent, String key) {
        return (List<Object>) parent.computeIfAbsent(key, k -> new ArrayList<>());
    }

    /** Puts {@code k=v} entries into a map; an entry without {@code =} maps to {@code ""}. */
    private static void putEntries(Map<String, Object> map, List<?> entries) {
        for (Object e : entries) {
            String s = (String) e;
            int eq = s.indexOf('=');
            map.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
    }

    /** Appends to {@code Env} as the CLI: a name given again keeps its first place and takes the last value. */
    private static void addEnv(CreateBody b, List<?> entries) {
        List<Object> env = b.list("Config.Env");
        Map<String, String> byName = new LinkedHashMap<>();
        List<Object> all = new ArrayList<>(env);
        all.addAll(entries);
        for (Object e : all) {
            String entry = (String) e;
            int eq = entry.indexOf('=');
            byName.put(eq < 0 ? entry : entry.substring(0, eq), entry);
        }
        env.clear();
        env.addAll(byName.values());
    }

    private static String oneOf(String flag, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("invalid " + flag + " value '" + value + "': expected one of "
                + String.join(", ", allowed));
    }

    private static String bool(String s) {
        if (!Set.of("true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False").contains(s)) {
            throw new IllegalArgumentException("'" + s + "' is not true or false");
        }
        return s;
    }

    private static String platform(String s) {
        if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid platform '" + s + "': expected os[/arch[/variant]]");
        }
        return s;
    }

    /** {@code -e NAME=value}, or {@code NAME} alone, which takes the value from the environment as the CLI does. */
    private static String env(String s) {
        int eq = s.indexOf('=');
        String key = eq < 0 ? s : s.substring(0, eq);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("invalid environment variable: " + s);
        }
        if (eq < 0) {
            String value = System.getenv(key);
            return value == null ? s : key + "=" + value;
        }
        return s;
    }

    private static String label(String s) {
        if (s.isEmpty() || s.startsWith("=")) {
            throw new IllegalArgumentException("invalid label '" + s + "': empty name");
        }
        return s;
    }

    /** A file read for {@code --env-file} or {@code --label-file}: its path and its {@code KEY=value} entries. */
    record KeyFile(String path, List<String> entries) {
    }

    private static KeyFile envFile(String path) {
        return keyFile(path, true);
    }

    private static KeyFile labelFile(String path) {
        return keyFile(path, false);
    }

    /** Lines as the CLI reads them: blank and {@code #} lines skipped, leading blanks trimmed, {@code NAME} looked up. */
    private static KeyFile keyFile(String path, boolean env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e, e);
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String key = eq < 0 ? trimmed : trimmed.substring(0, eq);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("no variable name on line '" + line + "' of " + path);
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("variable '" + key + "' contains whitespaces (" + path + ")");
            }
            if (eq >= 0) {
                entries.add(trimmed);
            } else if (env) {
                String value = System.getenv(trimmed);
                if (value != null) {
                    entries.add(trimmed + "=" + value);
                }
            } else {
                entries.add(trimmed);
            }
        }
        return new KeyFile(path, List.copyOf(entries));
    }

    private static String expose(String s) {
        Ports.exposed(s);
        return s;
    }

    private static String entrypointText(Object value) {
        List<?> list = (List<?>) value;
        if (list.size() != 1) {
            throw new IllegalStateException("entrypoint " + list + " has no --entrypoint form (one string only)");
        }
        return (String) list.get(0);
    }

    private static String volume(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        String[] parts = s.split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("invalid spec: " + s + ": too many colons");
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("invalid spec: " + s + ": empty section between colons");
            }
        }
        if (parts.length == 3) {
            for (String mode : parts[2].split(",")) {
                if (!VOLUME_MODES.contains(mode)) {
                    throw new IllegalArgumentException("invalid mode: " + parts[2]);
                }
            }
        }
        String target = parts.length == 1 ? parts[0] : parts[1];
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("invalid mount config: the mount destination '" + target
                    + "' is not an absolute path");
        }
        return s;
    }

    /** {@code -v}: a source makes a bind (a path starting with {@code .} made absolute), none an anonymous volume. */
    private static void writeVolume(CreateBody b, String v) {
        int colon = v.indexOf(':');
        if (colon < 0) {
            mapIn(b.map("Config.Volumes"), v);
            return;
        }
        String source = v.substring(0, colon);
        if (source.startsWith(".")) {
            v = Path.of(source).toAbsolutePath().normalize() + v.substring(colon);
        }
        b.list("HostConfig.Binds").add(v);
    }

    private static String tmpfs(String s) {
        if (!s.startsWith("/")) {
            throw new IllegalArgumentException("invalid tmpfs '" + s + "': the path must be absolute");
        }
        return s;
    }

    private static String network(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("network name must not be empty");
        }
        if (s.contains("=")) {
            NetworkOption.parse(s);
        }
        return s;
    }

    /** The name of the first {@code --network}, {@code default} when none. */
    static String firstNetwork(SpecSettings s) {
        List<?> networks = (List<?>) s.values.get("network");
        return networks == null || networks.isEmpty() ? "default"
                : NetworkOption.parse((String) networks.get(0)).name();
    }

    static boolean isUserNetwork(String net) {
        return !Set.of("default", "bridge", "host", "none").contains(net) && !net.startsWith("container:");
    }

    private static void writeNetworks(CreateBody b, Object value) {
        List<?> networks = (List<?>) value;
        for (Object o : networks) {
            NetworkOption n = NetworkOption.parse((String) o);
            if (b.map("HostConfig").get("NetworkMode") == null) {
                b.put("HostConfig.NetworkMode", n.name());
            }
            n.write(b.endpointOf(n.name()));
        }
    }

    private static String ip(String flag, String s, int version) {
        boolean ok = version == 4 ? PortBinding.isIpv4(s) : version == 6 ? PortBinding.isIpv6(s)
                : PortBinding.isIpAddress(s);
        if (!ok) {
            throw new IllegalArgumentException("invalid " + (version == 4 ? "IPv4" : version == 6 ? "IPv6" : "IP")
                    + " address: " + s);
        }
        return s;
    }

    private static String mac(String s) {
        if (!MAC.matcher(s).matches()) {
            throw new IllegalArgumentException(s + " is not a valid mac address");
        }
        return s;
    }

    /** A link as the daemon keeps it ({@code /db:/web/alias}) back to {@code db:alias}, or {@code db}. */
    private static String link(String s, boolean read) {
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String alias = colon < 0 ? name : s.substring(colon + 1);
        name = name.startsWith("/") ? name.substring(1) : name;
        alias = alias.startsWith("/") ? alias.substring(alias.lastIndexOf('/') + 1) : alias;
        return alias.equals(name) && (read || colon < 0) ? name : name + ":" + alias;
    }

    private static String link(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty() || parts.length == 2 && parts[1].isEmpty()) {
            throw new IllegalArgumentException("bad format for links: " + s);
        }
        return s;
    }

    private static String dnsSearch(String s) {
        if (s.equals(".")) {
            return s;
        }
        if (s.startsWith(".") || s.endsWith(".") && s.length() > 1 && s.charAt(s.length() - 2) == '.'
                || s.length() > 255) {
            throw new IllegalArgumentException(s + " is not a valid domain");
        }
        return s;
    }

    /** As the CLI: upper case, {@code CAP_} added unless {@code ALL}. */
    private static String capability(String s) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (!upper.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("invalid capability '" + s + "'");
        }
        return upper.equals("ALL") || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }

    /** As the CLI: {@code seccomp=FILE} inlines the file's JSON; {@code label:x} is kept as written. */
    private static String securityOpt(String s) {
        if (s.equals("no-new-privileges") || s.equals("systempaths=unconfined")) {
            return s;
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
            if (s.indexOf(':') > 0) {
                return s;
            }
            throw new IllegalArgumentException("Invalid --security-opt: " + s);
        }
        String key = s.substring(0, eq);
        String value = s.substring(eq + 1);
        if (key.equals("seccomp") && value.startsWith("{")) {
            return "seccomp=" + Json.compact(value); // the profile already read: what toArgs writes back
        }
        if (key.equals("seccomp") && !value.equals("unconfined") && !value.equals("builtin")) {
            try {
                String json = Files.readString(Path.of(value));
                return "seccomp=" + Json.compact(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("opening seccomp profile (" + value + ") failed: " + e, e);
            }
        }
        return s;
    }

    private static String mode(String flag, String s, String... allowed) {
        for (String a : allowed) {
            if (a.endsWith(":") ? s.startsWith(a) && s.length() > a.length() : a.equals(s)) {
                return s;
            }
        }
        throw new IllegalArgumentException(flag + ": invalid " + flag.substring(2).toUpperCase(Locale.ROOT)
                + " mode: " + s);
    }

    private static long nanoCpus(String s) {
        BigDecimal cpus;
        try {
            cpus = new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse " + s + " as a rational number", e);
        }
        BigDecimal nanos = cpus.movePointRight(9);
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("value is too precise");
        }
        return nanos.longValueExact();
    }

    /** {@code path:rate} (bytes such as {@code 1mb}, or an integer for iops) or {@code path:weight}. */
    private static String pathRate(String flag, String s, int kind) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || !s.startsWith("/dev/")) {
            throw new IllegalArgumentException("bad format: " + s);
        }
        String rate = s.substring(colon + 1);
        try {
            long n = kind == 0 ? ByteSize.parse(rate) : Long.parseLong(rate);
            if (n < 0 || kind == 2 && (n < 10 || n > 1000) && n != 0) {
                throw new IllegalArgumentException("invalid value " + rate);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid rate for device: " + s, e);
        }
        return s;
    }

    private static Map<String, Object> pathRateJson(String s, String key, int kind) {
        int colon = s.lastIndexOf(':');
        String rate = s.substring(colon + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Path", s.substring(0, colon));
        m.put(key, kind == 0 ? ByteSize.parse(rate) : Long.parseLong(rate));
        return m;
    }

    private static String device(String s) {
        if (isCdi(s)) {
            return s;
        }
        String[] parts = s.split(":", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("bad format for path: " + s);
        }
        if (parts.length == 3 && !parts[2].matches("[rwm]{1,3}")) {
            throw new IllegalArgumentException("bad mode specified: " + parts[2]);
        }
        if (parts.length == 2 && parts[1].matches("[rwm]{1,3}")) {
            return s;
        }
        if (parts.length >= 2 && !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("bad path for device: " + parts[1]
                    + ", device path must be absolute");
        }
        return s;
    }

    private static boolean isCdi(String s) {
        return s.matches("[a-zA-Z0-9][a-zA-Z0-9._-]*/[a-zA-Z0-9][a-zA-Z0-9._-]*=[a-zA-Z0-9_.:-]+");
    }

    private static void writeDevice(CreateBody b, String s) {
        if (isCdi(s)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Driver", "cdi");
            m.put("DeviceIDs", new ArrayList<>(List.of(s)));
            b.list("HostConfig.DeviceRequests").add(m);
            return;
        }
        String[] parts = s.split(":", -1);
        String host = parts[0];
        String container = host;
        String perms = "rwm";
        if (parts.length == 2) {
            if (parts[1].matches("[rwm]{1,3}")) {
                perms = parts[1];
            } else {
                container = parts[1];
            }
        } else if (parts.length == 3) {
            container = parts[1];
            perms = parts[2];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PathOnHost", host);
        m.put("PathInContainer", container);
        m.put("CgroupPermissions", perms);
        b.list("HostConfig.Devices").add(m);
    }

    private static String ulimit(String s) {
        String[] nv = s.split("=", -1);
        if (nv.length != 2) {
            throw new IllegalArgumentException("invalid ulimit argument: " + s);
        }
        if (!ULIMITS.contains(nv[0])) {
            throw new IllegalArgumentException("invalid ulimit type: " + nv[0]);
        }
        String[] limits = nv[1].split(":", -1);
        if (limits.length > 2) {
            throw new IllegalArgumentException("too many limit value arguments - " + nv[1]
                    + ", can only have up to two, `soft[:hard]`");
        }
        try {
            long soft = Long.parseLong(limits[0]);
            long hard = Long.parseLong(limits[limits.length - 1]);
            if (soft > hard) {
                throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                        + soft + " > " + hard);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid ulimit value: " + s, e);
        }
        return s;
    }
}
