package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.PruneResult;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Endpoint;
import dev.berth.transport.Timeouts;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Volume pruning means "every unused volume that matches" on every engine: API 1.42 changed the daemon's default to
 * anonymous volumes only, so from there Berth sends {@code all=true}, as {@code docker volume prune --all} does.
 */
class VolumesPruneTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String prunedWith(ApiVersion pinned, Filters filters) throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"VolumesDeleted\":[\"a\"],\"SpaceReclaimed\":7}").build());
        try (Transport t = new Transport(new Endpoint(DockerHost.tcp(server.getHostName(), server.getPort()), null,
                pinned, "test", List.of()), Timeouts.DEFAULT)) {
            PruneResult r = new Volumes(t).prune(filters);
            assertEquals(List.of("a"), r.deleted());
        }
        RecordedRequest r = server.takeRequest();
        assertEquals("POST", r.getMethod());
        String query = r.getUrl().encodedQuery();
        return query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8);
    }

    @Test
    void api141SendsTheFiltersAsGivenSinceItPrunesNamedVolumesAnyway() throws Exception {
        assertEquals("filters={\"label\":{\"team=web\":true}}",
                prunedWith(ApiVersion.of(1, 41), Filters.label("team=web")));
        assertEquals("", prunedWith(ApiVersion.of(1, 41), Filters.none()));
    }

    @Test
    void api142AndLaterAskForAllSoNamedVolumesArePrunedToo() throws Exception {
        assertEquals("filters={\"label\":{\"team=web\":true},\"all\":{\"true\":true}}",
                prunedWith(ApiVersion.of(1, 51), Filters.label("team=web")));
        assertEquals("filters={\"all\":{\"true\":true}}", prunedWith(ApiVersion.of(1, 42), Filters.none()));
    }

    @Test
    void anExplicitAllFilterIsLeftAsTheCallerGaveIt() throws Exception {
        assertEquals("filters={\"all\":{\"false\":true}}",
                prunedWith(ApiVersion.of(1, 51), Filters.of("all", "false")));
    }
}
