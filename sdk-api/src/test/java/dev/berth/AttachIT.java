package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContainerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker attach} against the real engine: the output so far replayed with {@code logs}, only what comes after
 * without it, a choice of streams, and the exit code at the end.
 */
class AttachIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Docker docker;

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.removeTestContainers(docker.transport());
        docker.close();
    }

    /** Starts a container running {@code script}, and waits until it has written {@code first} to its log. */
    private static String started(String script, String first) throws Exception {
        String id = docker.containers().run(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                .cmd("sh", "-c", script).build()).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!logs(id).contains(first)) {
            assertTrue(System.nanoTime() < deadline, "the container did not write " + first);
            Thread.sleep(50);
        }
        return id;
    }

    private static String logs(String id) throws IOException {
        try (InputStream in = docker.containers().logs(id).stream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withLogsTheOutputSoFarIsReplayedThenStreamedUntilTheExit() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String id = started("echo before; echo before-err >&2; sleep 2; echo after; echo after-err >&2; exit 7",
                    "before");
            try (Session s = docker.containers().attach(id, AttachOptions.noStdin().withLogs())) {
                assertEquals("before\nafter\n", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals("before-err\nafter-err\n", new String(s.stderr().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(7, s.exitCode());
            }
        });
    }

    @Test
    void withoutLogsOnlyWhatComesAfterAttachingArrivesAndStreamsCanBeChosen() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String all = started("echo early; sleep 2; echo late; echo late-err >&2", "early");
            try (Session s = docker.containers().attach(all, AttachOptions.noStdin())) {
                assertEquals("late\n", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals("late-err\n", new String(s.stderr().readAllBytes(), StandardCharsets.UTF_8));
            }
            String errOnly = started("echo early; sleep 2; echo late; echo late-err >&2", "early");
            try (Session s = docker.containers().attach(errOnly, AttachOptions.noStdin()
                    .withStreams(AttachStream.STDERR))) {
                assertEquals("", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals("late-err\n", new String(s.stderr().readAllBytes(), StandardCharsets.UTF_8));
            }
        });
    }
}
