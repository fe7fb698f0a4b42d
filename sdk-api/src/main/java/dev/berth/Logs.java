package dev.berth;

import dev.berth.model.LogLine;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.FrameReader;
import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A {@code docker logs} call being set up: which streams, follow, tail, since/until, timestamps; then read as whole
 * lines or as bytes. Both are closeable and pull-based; closing from any thread ends the call at once. A follow
 * ends by itself when the container stops.
 *
 * <pre>{@code
 * try (Stream<LogLine> lines = docker.containers().logs(id).follow().tail(10).lines()) {
 *     lines.forEach(System.out::println);
 * }
 * String all = new String(docker.containers().logs(id).stdoutOnly().stream().readAllBytes());
 * }</pre>
 */
public final class Logs {
    private final Containers containers;
    private final String id;
    private boolean stdout = true;
    private boolean stderr = true;
    private boolean follow;
    private boolean timestamps;
    private String tail;
    private Instant since;
    private Instant until;
    private int maxLineLength = LogLines.DEFAULT_MAX_LINE;

    Logs(Containers containers, String id) {
        this.containers = containers;
        this.id = id;
    }

    /** Only stdout. */
    public Logs stdoutOnly() {
        stdout = true;
        stderr = false;
        return this;
    }

    /** Only stderr. */
    public Logs stderrOnly() {
        stdout = false;
        stderr = true;
        return this;
    }

    /** Keep reading as the container writes, until it stops ({@code -f}). */
    public Logs follow() {
        follow = true;
        return this;
    }

    /** Prefix each line with when it was logged ({@code -t}); {@link LogLine#timestamp()} carries it. */
    public Logs timestamps() {
        timestamps = true;
        return this;
    }

    /** Only the last {@code n} lines ({@code --tail}). */
    public Logs tail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tail must not be negative: " + n);
        }
        tail = Integer.toString(n);
        return this;
    }

    /** Only lines logged at or after {@code t} ({@code --since}). */
    public Logs since(Instant t) {
        since = t;
        return this;
    }

    /** Only lines logged before {@code t} ({@code --until}). */
    public Logs until(Instant t) {
        until = t;
        return this;
    }

    /**
     * Cuts {@link #lines()} longer than {@code bytes} (in UTF-8) into pieces of at most that many bytes, between
     * characters; every piece but the last is {@link LogLine#partial() partial}, and all carry the line's timestamp.
     * The default, 1 MiB, is far above real log lines; the cap is what keeps {@link #lines()} in bounded memory when
     * a container writes without line ends ({@code cat /dev/zero}). {@link #stream()} has no lines to cut.
     *
     * @param bytes the longest piece; at least 4, the longest UTF-8 character
     */
    public Logs maxLineLength(int bytes) {
        if (bytes < LogLines.MIN_MAX_LINE) {
            throw new IllegalArgumentException("maxLineLength must be at least " + LogLines.MIN_MAX_LINE
                    + " bytes (the longest UTF-8 character): " + bytes);
        }
        maxLineLength = bytes;
        return this;
    }

    /**
     * The output as lines; a line the daemon split is joined, and one longer than {@link #maxLineLength(int)} is
     * cut. Close the stream (try-with-resources) to end a follow early.
     *
     * @throws dev.berth.errors.NotFoundException when the container does not exist
     */
    public Stream<LogLine> lines() {
        boolean tty = containers.hasTty(id);
        ApiResponse r = open();
        return new LogLines(FrameReader.of(r.body(), tty, r.request()), tty, timestamps, maxLineLength).stream();
    }

    /** The selected streams' bytes, demultiplexed, in arrival order (timestamps, if asked, stay in the text). */
    public InputStream stream() {
        boolean tty = containers.hasTty(id);
        ApiResponse r = open();
        return new Demultiplexer(FrameReader.of(r.body(), tty, r.request())).merged();
    }

    private ApiResponse open() {
        ApiRequest.Builder b = ApiRequest.get("/containers/{id}/logs", id)
                .query("stdout", stdout).query("stderr", stderr).query("follow", follow)
                .query("timestamps", timestamps).query("tail", tail)
                .queryTime("since", since).queryTime("until", until);
        if (follow) {
            b.streaming();
        }
        return containers.transport().send(b.build());
    }


    @Override
    public String toString() {
        return "Logs[" + id + (follow ? ", follow" : "") + (tail != null ? ", tail " + tail : "") + "]";
    }
}
