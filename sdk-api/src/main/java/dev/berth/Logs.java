package dev.berth;

import dev.berth.internal.Demultiplexer;
import dev.berth.internal.LogLines;
import dev.berth.model.LogLine;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * A {@code docker logs} call being set up: which streams, {@code -f}, {@code --tail}, {@code --since},
 * {@code --until}, {@code -t}; then read as whole lines or as bytes. Immutable: each setting returns a new value, so
 * one can be kept and read again. Both reads are closeable and pull-based; closing from any thread ends the call at
 * once. A follow ends by itself when the container stops.
 *
 * <pre>{@code
 * try (Stream<LogLine> lines = docker.containers().logs(id).follow().tail(10).lines()) {
 *     lines.forEach(System.out::println);
 * }
 * }</pre>
 */
public final class Logs {
    private final Containers containers;
    private final String id;
    private final boolean stdout;
    private final boolean stderr;
    private final boolean follow;
    private final boolean timestamps;
    private final int tail;
    private final Instant since;
    private final Instant until;
    private final int maxLineLength;

    Logs(Containers containers, String id) {
        this(containers, id, true, true, false, false, -1, null, null, LogLines.DEFAULT_MAX_LINE);
    }

    private Logs(Containers containers, String id, boolean stdout, boolean stderr, boolean follow,
                 boolean timestamps, int tail, Instant since, Instant until, int maxLineLength) {
        this.containers = containers;
        this.id = id;
        this.stdout = stdout;
        this.stderr = stderr;
        this.follow = follow;
        this.timestamps = timestamps;
        this.tail = tail;
        this.since = since;
        this.until = until;
        this.maxLineLength = maxLineLength;
    }

    /**
     * This call for stdout only.
     *
     * @return a copy that sends {@code stdout=1} and {@code stderr=0}
     */
    public Logs stdoutOnly() {
        return new Logs(containers, id, true, false, follow, timestamps, tail, since, until, maxLineLength);
    }

    /**
     * This call for stderr only.
     *
     * @return a copy that sends {@code stdout=0} and {@code stderr=1}
     */
    public Logs stderrOnly() {
        return new Logs(containers, id, false, true, follow, timestamps, tail, since, until, maxLineLength);
    }

    /**
     * This call, reading on as the container writes until it stops ({@code -f}).
     *
     * @return a copy that sends {@code follow=1}
     */
    public Logs follow() {
        return new Logs(containers, id, stdout, stderr, true, timestamps, tail, since, until, maxLineLength);
    }

    /**
     * This call with when each line was logged ({@code -t}); {@link LogLine#timestamp()} carries it.
     *
     * @return a copy that sends {@code timestamps=1}
     */
    public Logs timestamps() {
        return new Logs(containers, id, stdout, stderr, follow, true, tail, since, until, maxLineLength);
    }

    /**
     * This call for the last {@code n} lines only ({@code --tail}); all lines without it.
     *
     * @param n how many lines from the end, 0 for none
     * @return a copy that sends {@code tail=n}
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public Logs tail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tail must not be negative: " + n);
        }
        return new Logs(containers, id, stdout, stderr, follow, timestamps, n, since, until, maxLineLength);
    }

    /**
     * This call for lines logged at or after {@code t} only ({@code --since}).
     *
     * @param t the earliest time of a line
     * @return a copy that sends {@code since}
     * @throws NullPointerException when {@code t} is null
     */
    public Logs since(Instant t) {
        Objects.requireNonNull(t, "since");
        return new Logs(containers, id, stdout, stderr, follow, timestamps, tail, t, until, maxLineLength);
    }

    /**
     * This call for lines logged before {@code t} only ({@code --until}).
     *
     * @param t the time lines must be logged before
     * @return a copy that sends {@code until}
     * @throws NullPointerException when {@code t} is null
     */
    public Logs until(Instant t) {
        Objects.requireNonNull(t, "until");
        return new Logs(containers, id, stdout, stderr, follow, timestamps, tail, since, t, maxLineLength);
    }

    /**
     * This call, cutting {@link #lines()} longer than {@code bytes} (in UTF-8) into pieces of at most that many
     * bytes, between characters; every piece but the last is {@link LogLine#partial() partial}, and all carry the
     * line's timestamp. The default, 1 MiB, is far above real log lines; the cap is what keeps {@link #lines()} in
     * bounded memory when a container writes without line ends ({@code cat /dev/zero}). {@link #stream()} has no
     * lines to cut.
     *
     * @param bytes the longest piece; at least 4, the longest UTF-8 character
     * @return a copy with this limit
     * @throws IllegalArgumentException when {@code bytes} is below 4
     */
    public Logs maxLineLength(int bytes) {
        if (bytes < LogLines.MIN_MAX_LINE) {
            throw new IllegalArgumentException("maxLineLength must be at least " + LogLines.MIN_MAX_LINE
                    + " bytes (the longest UTF-8 character): " + bytes);
        }
        return new Logs(containers, id, stdout, stderr, follow, timestamps, tail, since, until, bytes);
    }

    /**
     * The output as lines; a line the daemon split is joined, and one longer than {@link #maxLineLength(int)} is
     * cut. Close the stream (try-with-resources) to end a follow early.
     *
     * @return the lines, in the order logged; close it when done
     * @throws dev.berth.errors.NotFoundException when the container does not exist
     */
    public Stream<LogLine> lines() {
        boolean tty = containers.hasTty(id);
        ApiResponse r = open();
        return new LogLines(Demultiplexer.frames(r.body(), tty, r.request()), tty, timestamps, maxLineLength).stream();
    }

    /**
     * The selected streams' bytes, demultiplexed, in arrival order (timestamps, if asked, stay in the text). Close
     * it to end a follow early.
     *
     * @return the bytes; close it when done
     * @throws dev.berth.errors.NotFoundException when the container does not exist
     */
    public InputStream stream() {
        boolean tty = containers.hasTty(id);
        ApiResponse r = open();
        return new Demultiplexer(Demultiplexer.frames(r.body(), tty, r.request())).merged();
    }

    private ApiResponse open() {
        ApiRequest.Builder b = ApiRequest.get("/containers/{id}/logs", id)
                .query("stdout", stdout).query("stderr", stderr).query("follow", follow)
                .query("timestamps", timestamps).query("tail", tail < 0 ? null : tail)
                .queryTime("since", since).queryTime("until", until);
        if (follow) {
            b.streaming();
        }
        return containers.transport().send(b.build());
    }

    /** {@code Logs[web, follow, tail=10]}: the container and what is set. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Logs[", "]");
        j.add(id);
        if (!stderr) {
            j.add("stdout only");
        }
        if (!stdout) {
            j.add("stderr only");
        }
        if (follow) {
            j.add("follow");
        }
        if (timestamps) {
            j.add("timestamps");
        }
        if (tail >= 0) {
            j.add("tail=" + tail);
        }
        if (since != null) {
            j.add("since=" + since);
        }
        if (until != null) {
            j.add("until=" + until);
        }
        if (maxLineLength != LogLines.DEFAULT_MAX_LINE) {
            j.add("maxLineLength=" + maxLineLength);
        }
        return j.toString();
    }
}
