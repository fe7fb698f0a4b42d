package dev.berth;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Containers#attach(String, AttachOptions)} attaches, as {@code docker attach} and the Engine API's
 * {@code POST /containers/{id}/attach} say: which streams ({@code --no-stdin}, or any choice), whether the output
 * written so far is replayed first ({@code logs=1}), and the key sequence that detaches ({@code --detach-keys}).
 * Immutable: each method returns a new value.
 *
 * <pre>{@code
 * docker.containers().attach(id, AttachOptions.defaults().withLogs().withStreams(AttachStream.STDOUT));
 * docker.containers().attach(id, AttachOptions.noStdin());          // docker attach --no-stdin
 * }</pre>
 */
public final class AttachOptions {
    private static final AttachOptions DEFAULTS = new AttachOptions(EnumSet.allOf(AttachStream.class), false, null);

    private final Set<AttachStream> streams;
    private final boolean logs;
    private final String detachKeys;

    private AttachOptions(Set<AttachStream> streams, boolean logs, String detachKeys) {
        this.streams = Collections.unmodifiableSet(EnumSet.copyOf(streams));
        this.logs = logs;
        this.detachKeys = detachKeys;
    }

    /**
     * stdin, stdout and stderr, from now on; the daemon's detach keys ({@code docker attach}).
     *
     * @return the options of a plain {@code docker attach}
     */
    public static AttachOptions defaults() {
        return DEFAULTS;
    }

    /**
     * stdout and stderr only ({@code docker attach --no-stdin}).
     *
     * @return the options of {@code docker attach --no-stdin}
     */
    public static AttachOptions noStdin() {
        return DEFAULTS.withStreams(AttachStream.STDOUT, AttachStream.STDERR);
    }

    /**
     * These options, attaching to these streams only.
     *
     * @param streams the streams to attach to
     * @return a copy attaching to these streams only
     * @throws IllegalArgumentException when no stream is given
     */
    public AttachOptions withStreams(AttachStream... streams) {
        Objects.requireNonNull(streams, "streams");
        if (streams.length == 0 || Arrays.stream(streams).anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("attach needs at least one stream: " + Arrays.toString(streams));
        }
        return new AttachOptions(EnumSet.copyOf(Arrays.asList(streams)), logs, detachKeys);
    }

    /**
     * These options, replaying what the container wrote so far before the live output ({@code logs=1}).
     *
     * @return a copy that sends {@code logs=1}
     */
    public AttachOptions withLogs() {
        return new AttachOptions(streams, true, detachKeys);
    }

    /**
     * These options, detaching on this key sequence instead of the daemon's ({@code --detach-keys}), such as
     * {@code "ctrl-p,ctrl-q"} or {@code "ctrl-x"}.
     *
     * @param keys a comma-separated key sequence, such as {@code ctrl-p,ctrl-q}
     * @return a copy that sends {@code detachKeys}
     * @throws IllegalArgumentException when blank
     */
    public AttachOptions withDetachKeys(String keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isBlank()) {
            throw new IllegalArgumentException("empty detach keys");
        }
        return new AttachOptions(streams, logs, keys);
    }

    /**
     * The streams attached to.
     *
     * @return the streams attached to, unmodifiable
     */
    public Set<AttachStream> streams() {
        return streams;
    }

    /**
     * Whether the output written so far is replayed first.
     *
     * @return true when {@code logs=1} is sent
     */
    public boolean logs() {
        return logs;
    }

    /** {@return the detach key sequence; empty for the daemon's} */
    public Optional<String> detachKeys() {
        return Optional.ofNullable(detachKeys);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AttachOptions a && a.streams.equals(streams) && a.logs == logs
                && Objects.equals(a.detachKeys, detachKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streams, logs, detachKeys);
    }

    @Override
    public String toString() {
        return "AttachOptions[streams=" + streams + ", logs=" + logs
                + (detachKeys == null ? "" : ", detachKeys=" + detachKeys) + "]";
    }
}
