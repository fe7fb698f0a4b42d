package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.BadRequestException;
import dev.berth.errors.ConflictException;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.errors.DockerException;
import dev.berth.errors.ForbiddenException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServerErrorException;
import dev.berth.errors.ServiceUnavailableException;
import dev.berth.errors.StreamException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.transport.internal.ErrorMapper;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    private MockDaemon daemon;
    private Transport transport;

    @BeforeEach
    void start() throws IOException {
        daemon = new MockDaemon();
        transport = daemon.transport(ApiVersion.of(1, 41));
    }

    @AfterEach
    void stop() {
        transport.close();
        daemon.close();
    }

    @ParameterizedTest
    @CsvSource({
        "400, BadRequestException",
        "401, UnauthorizedException",
        "403, ForbiddenException",
        "404, NotFoundException",
        "409, ConflictException",
        "500, ServerErrorException",
        "503, ServiceUnavailableException",
        "501, DockerException",
        "418, DockerException"
    })
    void statusMapsToTypedExceptionWithDaemonMessage(int status, String type) {
        daemon.enqueue(MockDaemon.json(status, "{\"message\":\"No such container: web\"}"));
        DockerException e = assertThrows(DockerException.class,
                () -> transport.json(ApiRequest.get("/containers/{id}/json", "web").build(), Map.class));
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(status, e.status());
        assertEquals("No such container: web", e.daemonMessage());
        assertEquals("GET /v1.41/containers/web/json", e.request());
        assertTrue(e.getMessage().contains("No such container: web"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /v1.41/containers/web/json"), e.getMessage());
    }

    @Test
    void plainTextBodyIsTheMessage() {
        daemon.enqueue(new MockResponse.Builder().code(500).body("page not found\n").build());
        DockerException e = assertThrows(ServerErrorException.class,
                () -> transport.send(ApiRequest.post("/x").build()));
        assertEquals("page not found", e.daemonMessage());
    }

    @Test
    void emptyBodyFallsBackToTheReason() {
        daemon.enqueue(new MockResponse.Builder().code(404).build());
        DockerException e = assertThrows(NotFoundException.class, () -> transport.send(ApiRequest.get("/x").build()));
        assertTrue(e.getMessage().startsWith("404 "), e.getMessage());
        assertTrue(!e.daemonMessage().isEmpty(), "some words, not an empty message");
    }

    @Test
    void hugeErrorBodyIsCapped() {
        String big = "x".repeat(3 << 20);
        daemon.enqueue(new MockResponse.Builder().code(500).body(big).build());
        DockerException e = assertThrows(ServerErrorException.class, () -> transport.send(ApiRequest.get("/x").build()));
        assertEquals(ErrorMapper.MAX_ERROR_BODY, e.daemonMessage().length());
    }

    @Test
    void malformedJsonErrorBodyKeepsTheText() {
        daemon.enqueue(MockDaemon.json(409, "{\"message\": oops"));
        DockerException e = assertThrows(ConflictException.class, () -> transport.send(ApiRequest.get("/x").build()));
        assertEquals("{\"message\": oops", e.daemonMessage());
    }

    @Test
    void notModifiedIsNotAnError() {
        daemon.enqueue(new MockResponse.Builder().code(304).build());
        try (ApiResponse r = transport.send(ApiRequest.post("/containers/{id}/start", "web").build())) {
            assertEquals(304, r.status());
        }
    }

    @Test
    void plainHttpToTlsPortSaysSo() {
        daemon.enqueue(new MockResponse.Builder().code(400).body("Client sent an HTTP request to an HTTPS server.\n")
                .build());
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                () -> transport.send(ApiRequest.get("/info").build()));
        assertTrue(e.getMessage().contains("expects TLS"), e.getMessage());
        assertTrue(e.getMessage().contains("tcp://"), e.getMessage());
    }

    @Test
    void malformedSuccessBodyIsTyped() {
        daemon.enqueue(MockDaemon.json(200, "{\"Id\": [unterminated"));
        StreamException e = assertThrows(StreamException.class,
                () -> transport.json(ApiRequest.get("/info").build(), Map.class));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void refusedConnectionNamesTheEndpoint() throws IOException {
        int port = daemon.server.getPort();
        daemon.close();
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                () -> transport.send(ApiRequest.get("/info").build()));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) || e.getMessage().contains("localhost:" + port),
                e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void registryAuthNeverShowsInMessages() throws Exception {
        daemon.enqueue(MockDaemon.json(401, "{\"message\":\"denied\"}"));
        ApiRequest r = ApiRequest.post("/images/create").query("fromImage", "a").registryAuth("c2VjcmV0").build();
        DockerException e = assertThrows(UnauthorizedException.class, () -> transport.send(r));
        assertTrue(!e.getMessage().contains("c2VjcmV0") && !r.toString().contains("c2VjcmV0"));
        assertEquals("c2VjcmV0", daemon.server.takeRequest().getHeaders().get("X-Registry-Auth"));
    }
}
