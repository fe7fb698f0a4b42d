package dev.berth.transport;

import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A mock daemon on TCP: a MockWebServer plus helpers for the answers a daemon gives. */
final class MockDaemon implements AutoCloseable {
    final MockWebServer server = new MockWebServer();

    MockDaemon() throws IOException {
        server.start(0);
    }

    /** A transport to this server, with the version pinned unless {@code pinned} is null. */
    Transport transport(ApiVersion pinned) {
        DockerHost host = DockerHost.tcp(server.getHostName(), server.getPort());
        return new Transport(new Endpoint(host, null, pinned, "test", java.util.List.of()), Timeouts.DEFAULT);
    }

    static MockResponse ping(String apiVersion) {
        return new MockResponse.Builder().code(200).addHeader("Api-Version", apiVersion).build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .addHeader("Api-Version", "1.41").body(body).build();
    }

    void enqueue(MockResponse r) {
        server.enqueue(r);
    }

    @Override
    public void close() {
        server.close();
    }
}
