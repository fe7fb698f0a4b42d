package dev.berth.model;

import dev.berth.model.internal.Masking;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes a spec as one readable line, for {@link ContainerSpec#toString()}: only the settings that are set, sizes in
 * CLI units, and the values of environment variables and labels masked by {@link Masking}.
 */
final class SpecText {
    private SpecText() {
    }

    /** Such as {@code ContainerSpec[image=demo/busybox:1, env=[DB_PASSWORD=***], memory=64m]}. */
    static String of(SpecSettings s) {
        StringJoiner j = new StringJoiner(", ", "ContainerSpec[", "]");
        j.add("image=" + s.image);
        add(j, "name", s.name);
        add(j, "entrypoint", s.entrypoint);
        add(j, "cmd", s.cmd);
        addMasked(j, "env", s.env, "[", "]");
        addMasked(j, "labels", s.labels, "{", "}");
        add(j, "workingDir", s.workingDir);
        add(j, "user", s.user);
        add(j, "hostname", s.hostname);
        flag(j, "tty", s.tty);
        flag(j, "openStdin", s.openStdin);
        add(j, "publish", s.publish);
        flag(j, "publishAll", s.publishAll);
        add(j, "expose", s.expose);
        List<Mount> volumes = new ArrayList<>();
        List<Mount> tmpfs = new ArrayList<>();
        for (Mount m : s.mounts) {
            (m.type() == Mount.Type.TMPFS ? tmpfs : volumes).add(m);
        }
        add(j, "volumes", volumes);
        add(j, "tmpfs", tmpfs);
        add(j, "network", s.network);
        add(j, "restart", s.restartPolicy);
        flag(j, "autoRemove", s.autoRemove);
        add(j, "memory", s.memory == 0 ? null : ByteSize.format(s.memory));
        add(j, "memorySwap", s.memorySwap == 0 ? null
                : s.memorySwap == -1 ? "unlimited" : ByteSize.format(s.memorySwap));
        add(j, "cpus", s.nanoCpus == 0 ? null
                : BigDecimal.valueOf(s.nanoCpus, 9).stripTrailingZeros().toPlainString());
        add(j, "cpuShares", s.cpuShares == 0 ? null : s.cpuShares);
        add(j, "pidsLimit", s.pidsLimit);
        add(j, "healthcheck", s.healthcheck);
        add(j, "stopSignal", s.stopSignal);
        add(j, "stopTimeout", s.stopTimeout == null ? null : Healthcheck.formatDuration(s.stopTimeout));
        add(j, "init", s.init);
        flag(j, "privileged", s.privileged);
        add(j, "capAdd", s.capAdd);
        add(j, "capDrop", s.capDrop);
        add(j, "extraHosts", s.extraHosts);
        add(j, "dns", s.dns);
        flag(j, "readOnlyRootfs", s.readOnlyRootfs);
        return j.toString();
    }

    /** Adds {@code key=value} unless the value is null or an empty list. */
    private static void add(StringJoiner j, String key, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            j.add(key + "=" + value);
        }
    }

    /** Adds {@code key=true} when set. */
    private static void flag(StringJoiner j, String key, boolean value) {
        if (value) {
            j.add(key + "=true");
        }
    }

    /** Adds the entries of a non-empty map as {@code key=open k=v, ... close}, masked as {@link Masking} says. */
    private static void addMasked(StringJoiner j, String key, Map<String, String> map, String open, String close) {
        if (!map.isEmpty()) {
            StringJoiner entries = new StringJoiner(", ", open, close);
            map.forEach((k, v) -> entries.add(k + "=" + Masking.value(k, v)));
            j.add(key + "=" + entries);
        }
    }
}
