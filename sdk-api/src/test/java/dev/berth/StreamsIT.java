package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.FrameReader;
import dev.berth.transport.HijackedConnection;
import dev.berth.transport.JsonStream;
import dev.berth.transport.StreamType;
import dev.berth.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stream framing, hijacked connections and JSON streams against the real engine, through the raw pipeline. */
class StreamsIT {
    private static Docker docker;
    private static Transport t;

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
        t = docker.transport();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.removeTestContainers(t);
        docker.close();
    }

    /** Reads every frame, sorting payloads by stream. */
    private static Map<StreamType, String> readAll(FrameReader frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (StreamType s; (s = frames.next()) != null; ) {
            (s == StreamType.STDERR ? err : out).writeBytes(frames.readPayload());
        }
        return Map.of(StreamType.STDOUT, out.toString(StandardCharsets.UTF_8),
                StreamType.STDERR, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void logsArriveAsStdoutAndStderrFrames() throws IOException {
        String id = TestEngine.run(t, false, "sh", "-c", "echo out1; echo err1 >&2; echo out2");
        assertEquals(0, TestEngine.await(t, id));
        ApiResponse r = logs(id);
        try (FrameReader frames = FrameReader.multiplexed(r.body(), r.request())) {
            Map<StreamType, String> got = readAll(frames);
            assertEquals("out1\nout2\n", got.get(StreamType.STDOUT));
            assertEquals("err1\n", got.get(StreamType.STDERR));
        }
    }

    @Test
    void ttyLogsAreRaw() throws IOException {
        String id = TestEngine.run(t, true, "sh", "-c", "echo tty-out; echo tty-err >&2");
        assertEquals(0, TestEngine.await(t, id));
        ApiResponse r = logs(id);
        try (FrameReader frames = FrameReader.raw(r.body(), r.request())) {
            String all = readAll(frames).get(StreamType.STDOUT);
            assertEquals("tty-out\r\ntty-err\r\n", all);
        }
    }

    @Test
    void execStdinCloseIsEofForTheProcess() {
        String id = TestEngine.run(t, false, "sleep", "60");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String exec = createExec(id, "sh");
            try (HijackedConnection c = t.upgrade(ApiRequest.post("/exec/{id}/start", exec)
                    .json(Map.of("Detach", false, "Tty", false)).build())) {
                assertTrue(c.isUpgraded());
                c.stdin().write("echo hi\n".getBytes(StandardCharsets.UTF_8));
                c.stdin().close();
                Map<StreamType, String> got = readAll(FrameReader.multiplexed(c.output(), c.request()));
                assertEquals("hi\n", got.get(StreamType.STDOUT));
            }
            assertEquals(0, exitCode(exec));
        });
    }

    @Test
    void catEndsWhenStdinCloses() {
        String id = TestEngine.run(t, false, "sleep", "60");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String exec = createExec(id, "cat");
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) ('a' + i % 26);
            }
            try (HijackedConnection c = t.upgrade(ApiRequest.post("/exec/{id}/start", exec)
                    .json(Map.of("Detach", false, "Tty", false)).build())) {
                Thread writer = new Thread(() -> {
                    try {
                        c.stdin().write(big);
                        c.stdin().close();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                writer.start();
                Map<StreamType, String> got = readAll(FrameReader.multiplexed(c.output(), c.request()));
                writer.join();
                assertEquals(new String(big, StandardCharsets.US_ASCII), got.get(StreamType.STDOUT),
                        "every byte came back, and cat ended");
            }
            assertEquals(0, exitCode(exec));
        });
    }

    @Test
    void eventsDecodeAsAJsonStream() {
        long since = Instant.now().getEpochSecond() - 1;
        String id = TestEngine.run(t, false, "true");
        TestEngine.await(t, id);
        long until = Instant.now().getEpochSecond() + 1;
        ApiResponse r = t.send(ApiRequest.get("/events").query("since", since).query("until", until)
                .filters(Map.of("container", List.of(id), "type", List.of("container"))).streaming().build());
        List<String> actions = new ArrayList<>();
        try (@SuppressWarnings("rawtypes") JsonStream<Map> events = JsonStream.of(r.body(), Map.class, r.request())) {
            events.forEachRemaining(e -> actions.add((String) e.get("Action")));
        }
        assertTrue(actions.containsAll(List.of("create", "start", "die")), actions.toString());
    }

    private static ApiResponse logs(String container) {
        return t.send(ApiRequest.get("/containers/{id}/logs", container).query("stdout", true)
                .query("stderr", true).build());
    }

    private static String createExec(String container, String... cmd) {
        Map<?, ?> exec = t.json(ApiRequest.post("/containers/{id}/exec", container).json(Map.of(
                "AttachStdin", true, "AttachStdout", true, "AttachStderr", true, "Cmd", List.of(cmd))).build(),
                Map.class);
        return (String) exec.get("Id");
    }

    private static int exitCode(String exec) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Map<?, ?> inspect = t.json(ApiRequest.get("/exec/{id}/json", exec).build(), Map.class);
            if (!Boolean.TRUE.equals(inspect.get("Running"))) {
                return ((Number) inspect.get("ExitCode")).intValue();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("exec still running");
    }
}
