package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.internal.BuildProgress;
import dev.berth.internal.BuildTrace;
import dev.berth.model.BuildEvent;
import dev.berth.model.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protobuf decoding of BuildKit's progress trace, from hand-made bytes, and its folding into events. */
class BuildTraceTest {
    static final Instant T0 = Instant.parse("2026-12-01T23:00:00.250Z");

    static ProtoBytes vertex(String digest, String name) {
        return ProtoBytes.message().string(1, digest).string(3, name);
    }

    static ProtoBytes log(String digest, Instant at, int stream, String msg) {
        return ProtoBytes.message().string(1, digest).timestamp(2, at).varint(3, stream)
                .bytes(4, msg.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesVertexesStatusesLogsAndWarnings() {
        byte[] bytes = ProtoBytes.message()
                .message(1, vertex("sha256:bb", "[2/3] RUN make").string(2, "sha256:aa").string(2, "sha256:a2")
                        .varint(4, 1).timestamp(5, T0).timestamp(6, T0.plusMillis(1500)).string(7, "boom")
                        .message(8, ProtoBytes.message().string(1, "group")))      // progress group: skipped
                .message(2, ProtoBytes.message().string(1, "sha256:layer").string(2, "sha256:bb")
                        .string(3, "extracting").varint(4, 512).varint(5, 1024).timestamp(6, T0)
                        .timestamp(7, T0).timestamp(8, T0.plusSeconds(1)))
                .message(3, log("sha256:bb", T0.plusMillis(215), 2, "warn\n"))
                .message(4, ProtoBytes.message().string(1, "sha256:bb").varint(2, 1)
                        .bytes(3, "FromAsCasing: 'as' and 'FROM' keywords' casing do not match".getBytes(
                                StandardCharsets.UTF_8))
                        .bytes(4, "detail".getBytes(StandardCharsets.UTF_8))
                        .string(5, "https://docs.docker.com/go/dockerfile/rule/from-as-casing/")
                        .message(6, ProtoBytes.message().string(1, "Dockerfile")))
                .fixed64(9, 42L).fixed32(10, 7).varint(11, 300)                        // unknown fields: skipped
                .toByteArray();

        BuildTrace.Status s = BuildTrace.decode(bytes);

        BuildTrace.Vertex v = s.vertexes().get(0);
        assertEquals("sha256:bb", v.digest());
        assertEquals(List.of("sha256:aa", "sha256:a2"), v.inputs());
        assertEquals("[2/3] RUN make", v.name());
        assertTrue(v.cached());
        assertEquals(T0, v.started());
        assertEquals(T0.plusMillis(1500), v.completed());
        assertEquals("boom", v.error());
        BuildTrace.VertexStatus st = s.statuses().get(0);
        assertEquals(List.of("sha256:layer", "sha256:bb", "extracting", 512L, 1024L, T0.plusSeconds(1)),
                List.of(st.id(), st.vertex(), st.name(), st.current(), st.total(), st.completed()));
        BuildTrace.VertexLog l = s.logs().get(0);
        assertEquals(2, l.stream());
        assertEquals(T0.plusMillis(215), l.timestamp());
        assertArrayEquals("warn\n".getBytes(StandardCharsets.UTF_8), l.msg());
        BuildTrace.VertexWarning w = s.warnings().get(0);
        assertEquals("FromAsCasing: 'as' and 'FROM' keywords' casing do not match", w.message());
        assertEquals(List.of("detail"), w.detail());
        assertTrue(w.url().endsWith("from-as-casing/"));
    }

    @Test
    void aVertexNotStartedHasNoTimesAndAnEmptyMessageIsEmpty() {
        BuildTrace.Status s = BuildTrace.decode(ProtoBytes.message().message(1, vertex("sha256:cc", "[1/2] FROM x"))
                .toByteArray());
        assertNull(s.vertexes().get(0).started());
        assertNull(s.vertexes().get(0).completed());
        assertFalse(s.vertexes().get(0).cached());
        assertEquals("", s.vertexes().get(0).error());
        assertTrue(BuildTrace.decode(new byte[0]).vertexes().isEmpty());
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] good = ProtoBytes.message().message(1, vertex("sha256:bb", "[2/3] RUN make")).toByteArray();
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> BuildTrace.decode(Arrays.copyOf(good, good.length - 3)));
        assertTrue(cut.getMessage().contains("runs past"), cut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuildTrace.decode(new byte[] {(byte) 0x80}));
        assertThrows(IllegalArgumentException.class, () -> BuildTrace.decode(new byte[] {0x0b}));  // a group
        assertThrows(IllegalArgumentException.class, () -> BuildTrace.decode(new byte[] {0x08, 0x01})); // field 1 as varint
        assertThrows(IllegalArgumentException.class, () -> BuildTrace.decode(ProtoBytes.message()
                .message(1, ProtoBytes.message().message(5, ProtoBytes.message().varint(2, 2_000_000_000L)))
                .toByteArray()));
    }

    @Test
    void progressReportsEachStepOnceWithWholeLinesAndKeepsTheFailingStepsLastLines() {
        List<BuildEvent> events = new ArrayList<>();
        BuildProgress p = new BuildProgress(events::add);
        p.accept(status(vertex("sha256:a", "[1/3] FROM busybox")));
        p.accept(status(vertex("sha256:a", "[1/3] FROM busybox").varint(4, 1).timestamp(5, T0)
                .timestamp(6, T0)));
        p.accept(status(vertex("sha256:b", "[2/3] RUN echo hi").timestamp(5, T0)));
        p.accept(status(vertex("sha256:b", "[2/3] RUN echo hi").timestamp(5, T0)));          // repeated: once
        p.accept(BuildTrace.decode(ProtoBytes.message()
                .message(3, log("sha256:b", T0.plusMillis(215), 1, "hi\nhal"))
                .message(3, log("sha256:b", T0.plusMillis(300), 1, "f a line\r\n"))
                .toByteArray()));
        p.accept(status(vertex("sha256:b", "[2/3] RUN echo hi").timestamp(5, T0).timestamp(6, T0.plusMillis(320))));
        p.accept(status(vertex("sha256:c", "[3/3] RUN exit 3").timestamp(5, T0.plusSeconds(1))));
        p.accept(BuildTrace.decode(ProtoBytes.message()
                .message(3, log("sha256:c", T0.plusSeconds(1), 2, "oops\nno newline")).toByteArray()));
        p.accept(status(vertex("sha256:c", "[3/3] RUN exit 3").timestamp(5, T0.plusSeconds(1))
                .timestamp(6, T0.plusSeconds(2)).string(7, "process \"/bin/sh -c exit 3\" did not complete "
                        + "successfully: exit code: 3")));
        p.finish();

        List<String> rendered = new ArrayList<>();
        events.forEach(PlainProgress.to(rendered::add));
        assertEquals(List.of("#1 [1/3] FROM busybox\n", "#1 CACHED\n",
                "#2 [2/3] RUN echo hi\n", "#2 0.215 hi\n", "#2 0.300 half a line\n", "#2 DONE 0.3s\n",
                "#3 [3/3] RUN exit 3\n", "#3 0.000 oops\n", "#3 0.000 no newline\n",
                "#3 ERROR: process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3\n"), rendered);
        assertEquals(new BuildEvent.StepFinished(((BuildEvent.StepStarted) events.get(1)).step(),
                Duration.ofMillis(320)), events.get(4));
        assertEquals(LogLine.Source.STDERR, ((BuildEvent.StepLog) events.get(6)).source());
        assertEquals("[3/3] RUN exit 3", p.failedStep().name());
        assertEquals(List.of("oops", "no newline"), p.lastLines(p.failedStep()));
    }

    @Test
    void aStepCanceledBecauseAnotherFailedIsNotTheFailure() {
        BuildProgress p = new BuildProgress(e -> { });
        p.accept(status(vertex("sha256:x", "[stage-1 2/2] RUN false").timestamp(5, T0).timestamp(6, T0)
                .string(7, "process \"/bin/sh -c false\" did not complete successfully: exit code: 1")));
        p.accept(status(vertex("sha256:y", "[stage-0 2/2] RUN sleep 9").timestamp(5, T0).timestamp(6, T0)
                .string(7, "context canceled")));
        assertEquals("[stage-1 2/2] RUN false", p.failedStep().name());
        BuildProgress running = new BuildProgress(e -> { });
        running.accept(status(vertex("sha256:z", "[2/2] RUN sleep 9").timestamp(5, T0)));
        assertEquals("[2/2] RUN sleep 9", running.failedStep().name(), "the step left running, when none failed");
    }

    private static BuildTrace.Status status(ProtoBytes vertex) {
        return BuildTrace.decode(ProtoBytes.message().message(1, vertex).toByteArray());
    }
}
