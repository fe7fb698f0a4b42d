package dev.berth;

import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Services#logs(String, ServiceLogsOptions)} reads ({@code docker service logs}): which streams, follow,
 * tail, since, timestamps. Immutable; each method returns a new value. (Unlike container logs, service logs have no
 * {@code until}: the daemon does not read it.)
 *
 * <pre>{@code
 * try (Stream<LogLine> lines = services.logs("web", ServiceLogsOptions.defaults().follow().withTail(10))) {
 *     lines.forEach(System.out::println);
 * }
 * }</pre>
 */
public final class ServiceLogsOptions {
    private static final ServiceLogsOptions DEFAULTS = new ServiceLogsOptions(true, true, false, false, null, null);

    private final boolean stdout;
    private final boolean stderr;
    private final boolean follow;
    private final boolean timestamps;
    private final Integer tail;
    private final Instant since;

    private ServiceLogsOptions(boolean stdout, boolean stderr, boolean follow, boolean timestamps, Integer tail,
                               Instant since) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.follow = follow;
        this.timestamps = timestamps;
        this.tail = tail;
        this.since = since;
    }

    /** {@return stdout and stderr, every line logged so far, then the end} */
    public static ServiceLogsOptions defaults() {
        return DEFAULTS;
    }

    /** {@return these options for stdout only} */
    public ServiceLogsOptions stdoutOnly() {
        return new ServiceLogsOptions(true, false, follow, timestamps, tail, since);
    }

    /** {@return these options for stderr only} */
    public ServiceLogsOptions stderrOnly() {
        return new ServiceLogsOptions(false, true, follow, timestamps, tail, since);
    }

    /** {@return these options, reading on as the tasks write ({@code -f}) until the stream is closed} */
    public ServiceLogsOptions follow() {
        return new ServiceLogsOptions(stdout, stderr, true, timestamps, tail, since);
    }

    /** {@return these options with when each line was logged ({@code -t}), in {@code LogLine.timestamp()}} */
    public ServiceLogsOptions timestamps() {
        return new ServiceLogsOptions(stdout, stderr, follow, true, tail, since);
    }

    /**
     * {@return these options for only the last {@code n} lines of each task ({@code --tail}); without it, all}
     *
     * @param n how many lines of each task, 0 for none
     * @throws IllegalArgumentException when {@code n} is negative, as for container logs
     */
    public ServiceLogsOptions withTail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tail must not be negative: " + n);
        }
        return new ServiceLogsOptions(stdout, stderr, follow, timestamps, n, since);
    }

    /**
     * {@return these options for lines logged at or after {@code t} only ({@code --since})}
     *
     * @param t the earliest time of a line
     * @throws IllegalArgumentException when {@code t} is null
     */
    public ServiceLogsOptions withSince(Instant t) {
        if (t == null) {
            throw new IllegalArgumentException("since must not be null");
        }
        return new ServiceLogsOptions(stdout, stderr, follow, timestamps, tail, t);
    }

    boolean stdout() {
        return stdout;
    }

    boolean stderr() {
        return stderr;
    }

    boolean isFollow() {
        return follow;
    }

    boolean isTimestamps() {
        return timestamps;
    }

    /** The {@code tail} parameter: a count, or {@code all}. */
    String tail() {
        return tail == null ? "all" : tail.toString();
    }

    Instant since() {
        return since;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ServiceLogsOptions l && l.stdout == stdout && l.stderr == stderr && l.follow == follow
                && l.timestamps == timestamps && Objects.equals(l.tail, tail) && Objects.equals(l.since, since);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stdout, stderr, follow, timestamps, tail, since);
    }

    /** Such as {@code ServiceLogsOptions[stdout, stderr, follow, tail 10]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ServiceLogsOptions[", "]");
        if (stdout) {
            j.add("stdout");
        }
        if (stderr) {
            j.add("stderr");
        }
        if (follow) {
            j.add("follow");
        }
        if (timestamps) {
            j.add("timestamps");
        }
        if (tail != null) {
            j.add("tail " + tail);
        }
        if (since != null) {
            j.add("since " + since);
        }
        return j.toString();
    }
}
