package dev.berth;

import dev.berth.transport.DockerHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A mock daemon and a {@link Docker} client pinned to one API version, so a test sees the exact request Berth sends
 * at that version (no ping first) and feeds it an answer in that version's shape.
 *
 * <pre>{@code
 * try (MockEngine engine = MockEngine.at("1.56")) {
 *     engine.answer("{\"ID\":\"x\"}");
 *     engine.docker().system().info();
 *     engine.request().getUrl().encodedPath();   // "/v1.56/info"
 * }
 * }</pre>
 */
final class MockEngine implements AutoCloseable {
    private final MockWebServer server;
    private final Docker docker;
    private int taken;

    private MockEngine(MockWebServer server, Docker docker) {
        this.server = server;
        this.docker = docker;
    }

    /** A started mock daemon and a client that speaks {@code apiVersion} to it without negotiating. */
    static MockEngine at(String apiVersion) {
        // No credentials: the developer's own config must not leak in.
        return at(apiVersion, new CredentialStore(Path.of("/nonexistent"), Map.of()));
    }

    /** A started mock daemon and a client with {@code credentials}. */
    static MockEngine at(String apiVersion, CredentialStore credentials) {
        MockWebServer server = new MockWebServer();
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Docker docker = Docker.builder().host(DockerHost.tcp(server.getHostName(), server.getPort()))
                .apiVersion(apiVersion).credentials(credentials).build();
        return new MockEngine(server, docker);
    }

    Docker docker() {
        return docker;
    }

    /** Queues a 200 answer with a JSON body. */
    void answer(String json) {
        answer("application/json", json);
    }

    /** Queues a 200 answer with the given content type and body. */
    void answer(String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", contentType).body(body)
                .build());
    }

    /** Queues any answer. */
    void answer(MockResponse response) {
        server.enqueue(response);
    }

    /** The next request the daemon got, in the order they came. */
    RecordedRequest request() {
        try {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request reached the mock daemon");
            }
            taken++;
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How many requests reached the daemon and were not taken with {@link #request()} yet. */
    int pending() {
        return server.getRequestCount() - taken;
    }

    @Override
    public void close() {
        docker.close();
        server.close();
    }
}
