package dev.berth.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one BuildKit progress message: the protobuf {@code moby.buildkit.v1.StatusResponse} the daemon sends,
 * base64-encoded, as the {@code aux} of {@code {"id":"moby.buildkit.trace"}} while a {@code version=2} build runs.
 * Field numbers as in BuildKit's {@code api/services/control/control.proto}; fields Berth does not use are skipped.
 *
 * <pre>{@code
 * BuildTrace.Status s = BuildTrace.decode(Base64.getDecoder().decode(aux));
 * s.vertexes().get(0).name();   // "[2/3] RUN make"
 * }</pre>
 */
public final class BuildTrace {
    private BuildTrace() {
    }

    /**
     * {@code StatusResponse}: vertexes = 1, statuses = 2, logs = 3, warnings = 4.
     *
     * @param vertexes steps whose state changed
     * @param statuses progress of the work inside steps (transfers, extraction)
     * @param logs output of steps
     * @param warnings warnings
     */
    public record Status(List<Vertex> vertexes, List<VertexStatus> statuses, List<VertexLog> logs,
                  List<VertexWarning> warnings) {
    }

    /**
     * {@code Vertex}: digest = 1, inputs = 2, name = 3, cached = 4, started = 5, completed = 6, error = 7.
     *
     * @param started when it started; not set before
     * @param completed when it completed; not set before
     * @param error empty unless it failed
     */
    public record Vertex(String digest, List<String> inputs, String name, boolean cached, Instant started,
                  Instant completed, String error) {
    }

    /**
     * {@code VertexStatus}: ID = 1, vertex = 2, name = 3, current = 4, total = 5, timestamp = 6, started = 7,
     * completed = 8.
     */
    public record VertexStatus(String id, String vertex, String name, long current, long total, Instant timestamp,
                        Instant started, Instant completed) {
    }

    /**
     * {@code VertexLog}: vertex = 1, timestamp = 2, stream = 3 (1 stdout, 2 stderr), msg = 4.
     */
    public record VertexLog(String vertex, Instant timestamp, long stream, byte[] msg) {
    }

    /**
     * {@code VertexWarning}: vertex = 1, level = 2, short = 3, detail = 4, url = 5 (source info and ranges skipped).
     */
    public record VertexWarning(String vertex, long level, String message, List<String> detail, String url) {
    }

    /**
     * Decodes a {@code StatusResponse}.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed message
     */
    public static Status decode(byte[] bytes) {
        List<Vertex> vertexes = new ArrayList<>();
        List<VertexStatus> statuses = new ArrayList<>();
        List<VertexLog> logs = new ArrayList<>();
        List<VertexWarning> warnings = new ArrayList<>();
        ProtoReader r = new ProtoReader(bytes);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> vertexes.add(vertex(r.message()));
                case 2 -> statuses.add(status(r.message()));
                case 3 -> logs.add(log(r.message()));
                case 4 -> warnings.add(warning(r.message()));
                default -> r.skip();
            }
        }
        return new Status(vertexes, statuses, logs, warnings);
    }

    private static Vertex vertex(ProtoReader r) {
        String digest = "";
        List<String> inputs = new ArrayList<>();
        String name = "";
        boolean cached = false;
        Instant started = null;
        Instant completed = null;
        String error = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> digest = r.string();
                case 2 -> inputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> cached = r.bool();
                case 5 -> started = timestamp(r.message());
                case 6 -> completed = timestamp(r.message());
                case 7 -> error = r.string();
                default -> r.skip(); // 8: progress group
            }
        }
        return new Vertex(digest, List.copyOf(inputs), name, cached, started, completed, error);
    }

    private static VertexStatus status(ProtoReader r) {
        String id = "";
        String vertex = "";
        String name = "";
        long current = 0;
        long total = 0;
        Instant timestamp = null;
        Instant started = null;
        Instant completed = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.string();
                case 2 -> vertex = r.string();
                case 3 -> name = r.string();
                case 4 -> current = r.int64();
                case 5 -> total = r.int64();
                case 6 -> timestamp = timestamp(r.message());
                case 7 -> started = timestamp(r.message());
                case 8 -> completed = timestamp(r.message());
                default -> r.skip();
            }
        }
        return new VertexStatus(id, vertex, name, current, total, timestamp, started, completed);
    }

    private static VertexLog log(ProtoReader r) {
        String vertex = "";
        Instant timestamp = null;
        long stream = 0;
        byte[] msg = new byte[0];
        while (r.next()) {
            switch (r.field()) {
                case 1 -> vertex = r.string();
                case 2 -> timestamp = timestamp(r.message());
                case 3 -> stream = r.int64();
                case 4 -> msg = r.bytes();
                default -> r.skip();
            }
        }
        return new VertexLog(vertex, timestamp, stream, msg);
    }

    private static VertexWarning warning(ProtoReader r) {
        String vertex = "";
        long level = 0;
        String message = "";
        List<String> detail = new ArrayList<>();
        String url = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> vertex = r.string();
                case 2 -> level = r.int64();
                case 3 -> message = new String(r.bytes(), StandardCharsets.UTF_8);
                case 4 -> detail.add(new String(r.bytes(), StandardCharsets.UTF_8));
                case 5 -> url = r.string();
                default -> r.skip(); // 6: source info, 7: ranges
            }
        }
        return new VertexWarning(vertex, level, message, List.copyOf(detail), url);
    }

    /** {@code google.protobuf.Timestamp}: seconds = 1 (int64), nanos = 2 (int32), both varints. */
    private static Instant timestamp(ProtoReader r) {
        long seconds = 0;
        long nanos = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> seconds = r.int64();
                case 2 -> nanos = r.int64();
                default -> r.skip();
            }
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("protobuf: timestamp nanos out of range: " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
