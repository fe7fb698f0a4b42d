package dev.berth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.internal.Masking;
import dev.berth.transport.Json;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Swarm#update(SwarmUpdate)} changes ({@code docker swarm update}, {@code docker swarm join-token
 * --rotate}, {@code docker swarm unlock-key --rotate}): only what is set changes; the rest of the swarm's settings,
 * those Berth does not model included, are sent back as the daemon has them. Immutable; each method returns a new
 * value.
 *
 * <pre>{@code
 * swarm.update(SwarmUpdate.defaults().withTaskHistoryLimit(10).autolock());
 * swarm.update(SwarmUpdate.defaults().rotateWorkerToken());
 * }</pre>
 */
public final class SwarmUpdate {
    private static final SwarmUpdate DEFAULTS = new SwarmUpdate(Map.of(), null, false, false, false);

    /** The settings to change, as paths in the {@code SwarmSpec} ({@code Raft.SnapshotInterval}) to values. */
    private final Map<String, Object> settings;
    private final Map<String, String> labels;
    private final boolean rotateWorkerToken;
    private final boolean rotateManagerToken;
    private final boolean rotateUnlockKey;

    private SwarmUpdate(Map<String, Object> settings, Map<String, String> labels, boolean rotateWorkerToken,
                        boolean rotateManagerToken, boolean rotateUnlockKey) {
        this.settings = settings;
        this.labels = labels;
        this.rotateWorkerToken = rotateWorkerToken;
        this.rotateManagerToken = rotateManagerToken;
        this.rotateUnlockKey = rotateUnlockKey;
    }

    /** {@return an update that changes nothing yet} */
    public static SwarmUpdate defaults() {
        return DEFAULTS;
    }

    private SwarmUpdate with(String path, Object value) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put(path, value);
        return new SwarmUpdate(Collections.unmodifiableMap(s), labels, rotateWorkerToken, rotateManagerToken,
                rotateUnlockKey);
    }

    /**
     * {@return this update, replacing the swarm's labels with {@code labels} (all of them)}
     *
     * @param labels the swarm's labels from now on; empty to remove them all
     * @throws IllegalArgumentException when the map, a key or a value is null
     */
    public SwarmUpdate withLabels(Map<String, String> labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("labels must not hold null: " + k + "=" + v);
            }
            copy.put(k, v);
        });
        return new SwarmUpdate(settings, Collections.unmodifiableMap(copy), rotateWorkerToken, rotateManagerToken,
                rotateUnlockKey);
    }

    /**
     * {@return this update, keeping {@code n} ended tasks of each slot ({@code --task-history-limit})}
     *
     * @param n how many ended tasks to keep per slot, 0 for none
     * @throws IllegalArgumentException when negative
     */
    public SwarmUpdate withTaskHistoryLimit(long n) {
        return with("Orchestration.TaskHistoryRetentionLimit", notNegative(n, "task history limit"));
    }

    /**
     * {@return this update, taking a Raft snapshot every {@code entries} log entries ({@code --snapshot-interval})}
     *
     * @param entries the Raft log entries between snapshots
     * @throws IllegalArgumentException when not positive
     */
    public SwarmUpdate withSnapshotInterval(long entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("snapshot interval must be positive: " + entries);
        }
        return with("Raft.SnapshotInterval", entries);
    }

    /**
     * {@return this update, keeping {@code n} Raft snapshots beyond the current one ({@code --max-snapshots})}
     *
     * @param n how many old snapshots to keep
     * @throws IllegalArgumentException when negative
     */
    public SwarmUpdate withMaxSnapshots(long n) {
        return with("Raft.KeepOldSnapshots", notNegative(n, "max snapshots"));
    }

    /**
     * {@return this update, with nodes reporting to the managers every {@code period}
     * ({@code --dispatcher-heartbeat})}
     *
     * @param period how often nodes report, such as 5 seconds
     * @throws IllegalArgumentException when null or not positive
     */
    public SwarmUpdate withDispatcherHeartbeat(Duration period) {
        return with("Dispatcher.HeartbeatPeriod", positiveNanos(period, "dispatcher heartbeat"));
    }

    /**
     * {@return this update, issuing node certificates valid for {@code validity} ({@code --cert-expiry})}
     *
     * @param validity how long a node certificate is valid, such as 90 days
     * @throws IllegalArgumentException when null or not positive
     */
    public SwarmUpdate withCertExpiry(Duration validity) {
        return with("CAConfig.NodeCertExpiry", positiveNanos(validity, "cert expiry"));
    }

    /**
     * {@return this update, locking the managers' keys at rest ({@code --autolock=true}): a restarted manager
     * needs {@link Swarm#unlock(String)}}
     */
    public SwarmUpdate autolock() {
        return with("EncryptionConfig.AutoLockManagers", true);
    }

    /** {@return this update, no longer locking the managers' keys ({@code --autolock=false})} */
    public SwarmUpdate noAutolock() {
        return with("EncryptionConfig.AutoLockManagers", false);
    }

    /** {@return this update, replacing the worker join token ({@code docker swarm join-token --rotate worker})} */
    public SwarmUpdate rotateWorkerToken() {
        return new SwarmUpdate(settings, labels, true, rotateManagerToken, rotateUnlockKey);
    }

    /** {@return this update, replacing the manager join token ({@code docker swarm join-token --rotate manager})} */
    public SwarmUpdate rotateManagerToken() {
        return new SwarmUpdate(settings, labels, rotateWorkerToken, true, rotateUnlockKey);
    }

    /** {@return this update, replacing the unlock key ({@code docker swarm unlock-key --rotate})} */
    public SwarmUpdate rotateUnlockKey() {
        return new SwarmUpdate(settings, labels, rotateWorkerToken, rotateManagerToken, true);
    }

    private static long notNegative(long n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + n);
        }
        return n;
    }

    private static long positiveNanos(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d.toNanos();
    }

    /** Writes the changes into {@code spec}, the daemon's {@code SwarmSpec}. */
    void applyTo(ObjectNode spec) {
        if (labels != null) {
            spec.set("Labels", Json.valueToTree(labels));
        }
        settings.forEach((path, value) -> {
            int dot = path.indexOf('.');
            ObjectNode part = spec.path(path.substring(0, dot)).isObject()
                    ? (ObjectNode) spec.get(path.substring(0, dot)) : spec.putObject(path.substring(0, dot));
            part.set(path.substring(dot + 1), Json.valueToTree(value));
        });
    }

    boolean rotatesWorkerToken() {
        return rotateWorkerToken;
    }

    boolean rotatesManagerToken() {
        return rotateManagerToken;
    }

    boolean rotatesUnlockKey() {
        return rotateUnlockKey;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SwarmUpdate u && u.settings.equals(settings) && Objects.equals(u.labels, labels)
                && u.rotateWorkerToken == rotateWorkerToken && u.rotateManagerToken == rotateManagerToken
                && u.rotateUnlockKey == rotateUnlockKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, labels, rotateWorkerToken, rotateManagerToken, rotateUnlockKey);
    }

    /** Such as {@code SwarmUpdate[Orchestration.TaskHistoryRetentionLimit=10, rotate worker token]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "SwarmUpdate[", "]");
        if (labels != null) {
            j.add("Labels=" + Masking.map(labels));
        }
        settings.forEach((path, value) -> j.add(path + "=" + value));
        if (rotateWorkerToken) {
            j.add("rotate worker token");
        }
        if (rotateManagerToken) {
            j.add("rotate manager token");
        }
        if (rotateUnlockKey) {
            j.add("rotate unlock key");
        }
        return j.toString();
    }
}
