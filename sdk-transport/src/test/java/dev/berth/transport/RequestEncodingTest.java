package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RequestEncodingTest {

    @Test
    void pathArgumentsAreEscapedIntoOneSegment() {
        assertEquals("/containers/a%2Fb%3Fc%23d%20e/json",
                ApiRequest.get("/containers/{id}/json", "a/b?c#d e").build().path());
        assertEquals("/images/reg.io:5000%2Fteam%2Fapp:1.0/json",
                ApiRequest.get("/images/{name}/json", "reg.io:5000/team/app:1.0").build().path());
    }

    @Test
    void dotSegmentsAndEmptyIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ApiRequest.get("/containers/{id}/json", ".."));
        assertThrows(IllegalArgumentException.class, () -> ApiRequest.get("/containers/{id}/json", ""));
        assertThrows(IllegalArgumentException.class, () -> ApiRequest.get("/containers/{id}/json"));
    }

    @Test
    void queryFiltersAndBodyGoOnTheWire() throws Exception {
        try (MockDaemon daemon = new MockDaemon(); Transport t = daemon.transport(ApiVersion.of(1, 41))) {
            daemon.enqueue(MockDaemon.json(200, "[]"));
            Map<String, List<String>> filters = new TreeMap<>();
            filters.put("label", List.of("app=web", "tier"));
            filters.put("status", List.of("running"));
            t.json(ApiRequest.post("/containers/{id}/update", "x y").query("all", true).query("limit", 5)
                    .query("skipped", null).filters(filters).json(Map.of("Memory", 1024)).build(), List.class);
            RecordedRequest r = daemon.server.takeRequest();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/containers/x%20y/update", r.getUrl().encodedPath());
            assertEquals("1", r.getUrl().queryParameter("all"));
            assertEquals("5", r.getUrl().queryParameter("limit"));
            assertEquals(null, r.getUrl().queryParameter("skipped"));
            assertEquals("{\"label\":{\"app=web\":true,\"tier\":true},\"status\":{\"running\":true}}",
                    r.getUrl().queryParameter("filters"));
            assertEquals("{\"Memory\":1024}", r.getBody().utf8());
            assertEquals("application/json", r.getHeaders().get("Content-Type")); // as the docker CLI sends it
        }
    }

    @Test
    void basePathComesBeforeTheVersion() throws Exception {
        try (MockDaemon daemon = new MockDaemon()) {
            DockerHost host = DockerHost.parse("tcp://" + daemon.server.getHostName() + ":" + daemon.server.getPort()
                    + "/docker");
            try (Transport t = new Transport(new Endpoint(host, null, ApiVersion.of(1, 41), "t", List.of()),
                    Timeouts.DEFAULT)) {
                daemon.enqueue(MockDaemon.json(200, "{}"));
                t.json(ApiRequest.get("/info").build(), Map.class);
                assertEquals("/docker/v1.41/info", daemon.server.takeRequest().getUrl().encodedPath());
            }
        }
    }
}
