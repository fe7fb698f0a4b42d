package dev.berth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real engine the integration tests run against, as {@code scripts/engine.sh} describes it in the environment.
 * Without {@code DOCKER_HOST} the tests fail rather than skip: a skipped real-engine test proves nothing.
 */
final class TestEngine {
    /** Every object a test makes carries this label, so cleanup finds exactly those. */
    static final String LABEL = "dev.berth.test";

    private TestEngine() {
    }

    /** True when the engine under test is Podman's Docker-compatible service ({@code scripts/podman.sh}). */
    static boolean isPodman() {
        return "podman".equals(System.getenv("BERTH_TEST_ENGINE"));
    }

    /**
     * Which engine the test bed runs: {@code 20.10}, {@code 28}, {@code 28-containerd} ({@code scripts/engine.sh}),
     * {@code podman} ({@code scripts/podman.sh}), or empty for an engine the test bed did not start.
     */
    static String engine() {
        String e = System.getenv("BERTH_TEST_ENGINE");
        return e == null ? "" : e;
    }

    static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isEmpty()) {
            throw new IllegalStateException("DOCKER_HOST is not set: run the tests through scripts/test.sh, "
                    + "or eval \"$(scripts/engine.sh start)\" first");
        }
        return host;
    }

    static String image() {
        String image = System.getenv("BERTH_TEST_IMAGE");
        return image == null || image.isEmpty() ? "berth-test/busybox:1" : image;
    }

    /** The TLS endpoint of the test bed's own dockerd; skips (visibly) when the engine is an external one. */
    static String tlsHost() {
        String tls = System.getenv("BERTH_TEST_TLS_HOST");
        assumeTrue(tls != null && !tls.isEmpty(), "no TLS endpoint: the engine is an external one");
        return tls;
    }

    static Path certs(String name) {
        return Path.of(System.getenv("BERTH_TEST_CERTS"), name);
    }

    static Docker docker() {
        return Docker.builder().host(dockerHost()).build();
    }

    /** Creates a labelled container from the test image with {@code cmd}, started unless told otherwise. */
    static String run(Transport t, boolean tty, String... cmd) {
        Map<String, Object> spec = Map.of("Image", image(), "Cmd", List.of(cmd), "Tty", tty,
                "Labels", Map.of(LABEL, "1"));
        Map<?, ?> created = t.json(ApiRequest.post("/containers/create").json(spec).build(), Map.class);
        String id = (String) created.get("Id");
        t.send(ApiRequest.post("/containers/{id}/start", id).build()).discard();
        return id;
    }

    /** Waits for the container to exit and returns its exit code. */
    static int await(Transport t, String id) {
        Map<?, ?> r = t.json(ApiRequest.post("/containers/{id}/wait", id).streaming().build(), Map.class);
        return ((Number) r.get("StatusCode")).intValue();
    }

    /** Removes every container carrying the test label. */
    static void removeTestContainers(Transport t) {
        List<?> list = t.json(ApiRequest.get("/containers/json").query("all", true)
                .filters(Map.of("label", List.of(LABEL))).build(), List.class);
        for (Object o : list) {
            String id = (String) ((Map<?, ?>) o).get("Id");
            t.send(ApiRequest.delete("/containers/{id}", id).query("force", true).build()).discard();
        }
    }

    static String json(Object o) {
        return Json.write(o);
    }
}
