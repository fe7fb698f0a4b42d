package dev.berth.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a spec's settings as the JSON body of {@code POST /containers/create}, for
 * {@link ContainerSpec#toCreateBody()}: the container config with a nested {@code HostConfig}, as fresh
 * {@link LinkedHashMap}s and {@link ArrayList}s with the daemon's field names (Engine API 1.41 and later). Only
 * what is set is written, except {@code AttachStdin}, {@code AttachStdout} and {@code AttachStderr}.
 */
final class CreateBody {
    private CreateBody() {
    }

    /** The body, with {@code HostConfig} left out when nothing in it is set. */
    static Map<String, Object> of(SpecSettings s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", s.image);
        putIfSet(body, "Hostname", s.hostname);
        putIfSet(body, "User", s.user);
        body.put("AttachStdin", false);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        putIfNotEmpty(body, "ExposedPorts", exposedPorts(s));
        putIfTrue(body, "Tty", s.tty);
        if (s.openStdin) {
            body.put("OpenStdin", true);
            body.put("StdinOnce", false);
        }
        List<String> env = new ArrayList<>();
        s.env.forEach((k, v) -> env.add(k + "=" + v));
        putIfNotEmpty(body, "Env", env);
        putIfNotEmpty(body, "Cmd", s.cmd);
        if (s.healthcheck != null) {
            body.put("Healthcheck", s.healthcheck.toJson());
        }
        putIfNotEmpty(body, "Entrypoint", s.entrypoint);
        putIfNotEmpty(body, "Volumes", anonymousVolumes(s.mounts));
        putIfSet(body, "WorkingDir", s.workingDir);
        putIfNotEmpty(body, "Labels", new LinkedHashMap<>(s.labels));
        putIfSet(body, "StopSignal", s.stopSignal);
        putIfSet(body, "StopTimeout", s.stopTimeout == null ? null : (int) s.stopTimeout.getSeconds());
        putIfNotEmpty(body, "HostConfig", hostConfig(s));
        return body;
    }

    /** Published ports first, then the ones only exposed; each port key once, mapped to an empty object. */
    private static Map<String, Object> exposedPorts(SpecSettings s) {
        Set<String> keys = new LinkedHashSet<>();
        for (PortBinding p : s.publish) {
            keys.add(p.portKey());
        }
        keys.addAll(s.expose);
        Map<String, Object> ports = new LinkedHashMap<>();
        for (String key : keys) {
            ports.put(key, new LinkedHashMap<String, Object>());
        }
        return ports;
    }

    /** Volumes without a source (anonymous ones), declared in the config rather than bound. */
    private static Map<String, Object> anonymousVolumes(List<Mount> mounts) {
        Map<String, Object> volumes = new LinkedHashMap<>();
        for (Mount m : mounts) {
            if (m.type() == Mount.Type.VOLUME && m.source().isEmpty()) {
                volumes.put(m.target(), new LinkedHashMap<String, Object>());
            }
        }
        return volumes;
    }

    private static Map<String, Object> hostConfig(SpecSettings s) {
        Map<String, Object> host = new LinkedHashMap<>();
        List<String> binds = new ArrayList<>();
        List<Object> tmpfs = new ArrayList<>();
        for (Mount m : s.mounts) {
            if (m.type() == Mount.Type.TMPFS) {
                tmpfs.add(tmpfsMount(m));
            } else if (!m.source().isEmpty()) {
                binds.add(m.bindSpec());
            }
        }
        putIfNotEmpty(host, "Binds", binds);
        putIfSet(host, "NetworkMode", s.network);
        putIfNotEmpty(host, "PortBindings", portBindings(s.publish));
        putIfTrue(host, "PublishAllPorts", s.publishAll);
        if (s.restartPolicy != null) {
            Map<String, Object> restart = new LinkedHashMap<>();
            restart.put("Name", s.restartPolicy.name());
            restart.put("MaximumRetryCount", s.restartPolicy.maximumRetryCount());
            host.put("RestartPolicy", restart);
        }
        putIfTrue(host, "AutoRemove", s.autoRemove);
        putIfNotEmpty(host, "Mounts", tmpfs);
        putIfNotEmpty(host, "CapAdd", s.capAdd);
        putIfNotEmpty(host, "CapDrop", s.capDrop);
        putIfNotEmpty(host, "Dns", s.dns);
        putIfNotEmpty(host, "ExtraHosts", s.extraHosts);
        putIfTrue(host, "Privileged", s.privileged);
        putIfTrue(host, "ReadonlyRootfs", s.readOnlyRootfs);
        putIfSet(host, "Init", s.init);
        putIfSet(host, "Memory", s.memory == 0 ? null : s.memory);
        putIfSet(host, "MemorySwap", s.memorySwap == 0 ? null : s.memorySwap);
        putIfSet(host, "NanoCpus", s.nanoCpus == 0 ? null : s.nanoCpus);
        putIfSet(host, "CpuShares", s.cpuShares == 0 ? null : s.cpuShares);
        putIfSet(host, "PidsLimit", s.pidsLimit);
        return host;
    }

    /** A tmpfs entry of {@code HostConfig.Mounts}. */
    private static Map<String, Object> tmpfsMount(Mount m) {
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
        return mount;
    }

    /** Port key to its host bindings; a random host port is written as {@code ""}. */
    private static Map<String, List<Object>> portBindings(List<PortBinding> publish) {
        Map<String, List<Object>> bindings = new LinkedHashMap<>();
        for (PortBinding p : publish) {
            Map<String, Object> binding = new LinkedHashMap<>();
            binding.put("HostIp", p.hostIp());
            binding.put("HostPort", p.hostPort() == 0 ? "" : Integer.toString(p.hostPort()));
            bindings.computeIfAbsent(p.portKey(), k -> new ArrayList<>()).add(binding);
        }
        return bindings;
    }

    /** Puts {@code true} under the key when the flag is set; a flag that is not set is left to the daemon. */
    private static void putIfTrue(Map<String, Object> map, String key, boolean flag) {
        if (flag) {
            map.put(key, true);
        }
    }

    /** Puts the value when it is not null. */
    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Puts a copy of the list when it is not empty. */
    private static void putIfNotEmpty(Map<String, Object> map, String key, List<?> value) {
        if (!value.isEmpty()) {
            map.put(key, new ArrayList<>(value));
        }
    }

    /** Puts the map itself (callers pass a fresh one) when it is not empty. */
    private static void putIfNotEmpty(Map<String, Object> map, String key, Map<String, ?> value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
