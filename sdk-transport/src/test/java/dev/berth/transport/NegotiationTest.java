package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.ApiVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    @Test
    void usesTheDaemonVersionWhenOlderThanBerths() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
            d.enqueue(MockDaemon.ping("1.43"));
            d.enqueue(MockDaemon.json(200, "{}"));
            t.json(ApiRequest.get("/info").build(), Map.class);
            RecordedRequest ping = d.server.takeRequest();
            assertEquals("HEAD", ping.getMethod());
            assertEquals("/_ping", ping.getUrl().encodedPath());
            assertEquals("/v1.43/info", d.server.takeRequest().getUrl().encodedPath());
        }
    }

    @Test
    void capsAtTheNewestVersionBerthKnows() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
            d.enqueue(MockDaemon.ping("1.57"));
            assertEquals(ApiVersion.LATEST, t.apiVersion());
            assertEquals(ApiVersion.of(1, 56), t.apiVersion());
        }
    }

    @Test
    void speaksEachEngine29VersionAsTheEngineDoes() throws Exception {
        // 29.0-29.1 speak 1.52, 29.2 1.53, 29.3-29.5 1.54, 29.6-29.7 1.55, moby's master 1.56.
        for (String version : List.of("1.52", "1.53", "1.54", "1.55", "1.56")) {
            try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
                d.enqueue(MockDaemon.ping(version));
                d.enqueue(MockDaemon.json(200, "{}"));
                t.json(ApiRequest.get("/info").build(), Map.class);
                d.server.takeRequest();
                assertEquals("/v" + version + "/info", d.server.takeRequest().getUrl().encodedPath());
            }
        }
    }

    @Test
    void pinnedVersionSkipsThePing() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(ApiVersion.of(1, 44))) {
            d.enqueue(MockDaemon.json(200, "{}"));
            t.json(ApiRequest.get("/version").build(), Map.class);
            assertEquals("/v1.44/version", d.server.takeRequest().getUrl().encodedPath());
            assertEquals(1, d.server.getRequestCount());
        }
    }

    @Test
    void fallsBackToGetWhenHeadFails() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
            d.enqueue(new MockResponse.Builder().code(405).build());
            d.enqueue(MockDaemon.ping("1.41"));
            assertEquals(ApiVersion.of(1, 41), t.apiVersion());
            assertEquals("HEAD", d.server.takeRequest().getMethod());
            assertEquals("GET", d.server.takeRequest().getMethod());
        }
    }

    @Test
    void daemonBelowTheFloorFailsNamingBothVersions() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
            d.enqueue(MockDaemon.ping("1.38"));
            ApiVersionException e = assertThrows(ApiVersionException.class, t::apiVersion);
            assertTrue(e.getMessage().contains("1.38") && e.getMessage().contains(ApiVersion.FLOOR.toString()),
                    e.getMessage());
        }
    }

    @Test
    void negotiatesOnceAcrossThreads() throws Exception {
        try (MockDaemon d = new MockDaemon(); Transport t = d.transport(null)) {
            d.enqueue(MockDaemon.ping("1.41"));
            int callers = 8;
            for (int i = 0; i < callers; i++) {
                d.enqueue(MockDaemon.json(200, "{}"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return t.json(ApiRequest.get("/info").build(), Map.class);
                }));
            }
            go.countDown();
            for (Future<?> f : results) {
                f.get();
            }
            pool.shutdown();
            int pings = 0;
            for (int i = 0; i < callers + 1; i++) {
                if (d.server.takeRequest().getUrl().encodedPath().equals("/_ping")) {
                    pings++;
                }
            }
            assertEquals(1, pings);
        }
    }

    @Test
    void parsesVersions() {
        assertEquals(ApiVersion.of(1, 41), ApiVersion.parse("v1.41"));
        assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.10")) < 0);
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("x.y"));
    }
}
