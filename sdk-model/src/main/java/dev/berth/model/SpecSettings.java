package dev.berth.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a {@link ContainerSpec}, declared once. A {@link ContainerSpec.Builder} fills a mutable instance;
 * a spec holds a {@link #frozenCopy()} that nobody changes afterwards. The package's helpers ({@link CreateBody},
 * {@link SpecText}, {@link SpecValidation}) read the fields directly. Unset values are {@code null}, {@code 0},
 * {@code false} or empty, as the getters of {@link ContainerSpec} describe.
 */
final class SpecSettings {
    String image;
    String name;
    List<String> cmd = new ArrayList<>();
    List<String> entrypoint = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    String workingDir;
    String user;
    String hostname;
    boolean tty;
    boolean openStdin;
    List<PortBinding> publish = new ArrayList<>();
    boolean publishAll;
    /** Port keys such as {@code 9000/tcp}, each at most once, in the order first given. */
    List<String> expose = new ArrayList<>();
    List<Mount> mounts = new ArrayList<>();
    String network;
    RestartPolicy restartPolicy;
    boolean autoRemove;
    long memory;
    long memorySwap;
    long nanoCpus;
    int cpuShares;
    Long pidsLimit;
    Healthcheck healthcheck;
    String stopSignal;
    Duration stopTimeout;
    Boolean init;
    boolean privileged;
    List<String> capAdd = new ArrayList<>();
    List<String> capDrop = new ArrayList<>();
    List<String> extraHosts = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    boolean readOnlyRootfs;

    /** A copy with unmodifiable collections, for a spec. */
    SpecSettings frozenCopy() {
        return copy(true);
    }

    /** A copy with collections of its own that may be changed, for a builder. */
    SpecSettings mutableCopy() {
        return copy(false);
    }

    private SpecSettings copy(boolean frozen) {
        SpecSettings c = new SpecSettings();
        c.image = image;
        c.name = name;
        c.cmd = list(cmd, frozen);
        c.entrypoint = list(entrypoint, frozen);
        c.env = map(env, frozen);
        c.labels = map(labels, frozen);
        c.workingDir = workingDir;
        c.user = user;
        c.hostname = hostname;
        c.tty = tty;
        c.openStdin = openStdin;
        c.publish = list(publish, frozen);
        c.publishAll = publishAll;
        c.expose = list(expose, frozen);
        c.mounts = list(mounts, frozen);
        c.network = network;
        c.restartPolicy = restartPolicy;
        c.autoRemove = autoRemove;
        c.memory = memory;
        c.memorySwap = memorySwap;
        c.nanoCpus = nanoCpus;
        c.cpuShares = cpuShares;
        c.pidsLimit = pidsLimit;
        c.healthcheck = healthcheck;
        c.stopSignal = stopSignal;
        c.stopTimeout = stopTimeout;
        c.init = init;
        c.privileged = privileged;
        c.capAdd = list(capAdd, frozen);
        c.capDrop = list(capDrop, frozen);
        c.extraHosts = list(extraHosts, frozen);
        c.dns = list(dns, frozen);
        c.readOnlyRootfs = readOnlyRootfs;
        return c;
    }

    private static <T> List<T> list(List<T> list, boolean frozen) {
        return frozen ? List.copyOf(list) : new ArrayList<>(list);
    }

    private static Map<String, String> map(Map<String, String> map, boolean frozen) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        return frozen ? Collections.unmodifiableMap(copy) : copy;
    }

    /** Every setting in declaration order, for {@code equals} and {@code hashCode}. */
    List<Object> values() {
        return Arrays.asList(image, name, cmd, entrypoint, env, labels, workingDir, user, hostname, tty, openStdin,
                publish, publishAll, expose, mounts, network, restartPolicy, autoRemove, memory, memorySwap, nanoCpus,
                cpuShares, pidsLimit, healthcheck, stopSignal, stopTimeout, init, privileged, capAdd, capDrop,
                extraHosts, dns, readOnlyRootfs);
    }
}
