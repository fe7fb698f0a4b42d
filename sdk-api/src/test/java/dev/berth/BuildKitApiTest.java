package dev.berth;

import static dev.berth.BuildTraceTest.T0;
import static dev.berth.BuildTraceTest.log;
import static dev.berth.BuildTraceTest.vertex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.BuildFailedException;
import dev.berth.model.BuildEvent;
import dev.berth.model.PruneResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BuildKit builds against a mock daemon: which builder is chosen, the request, the decoded progress, failures. */
class BuildKitApiTest {
    private static final String ID = "sha256:5b3cd5a4e1dc1a2d1d8f77a3c87d55ad2dbc6fa3b1e4b6ab8b73f5a0a4f3a0b1";

    private static MockResponse ping(String builderVersion) {
        MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Api-Version", "1.51")
                .addHeader("Content-Type", "text/plain").body("OK");
        if (builderVersion != null) {
            b.addHeader("Builder-Version", builderVersion);
        }
        return b.build();
    }

    private static String trace(ProtoBytes status) {
        return "{\"id\":\"moby.buildkit.trace\",\"aux\":\""
                + Base64.getEncoder().encodeToString(status.toByteArray()) + "\"}";
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static final String IMAGE_ID = "{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"" + ID + "\"}}";

    @Test
    void aDaemonOfferingBuildKitGetsVersion2WithTheSameOptionsAndTheContextAsTheBody() {
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer(ping("2"));
            engine.answer(lines("{\"status\":\"Status: Image is up to date for busybox:latest\"}"));
            engine.answer(lines(
                    trace(ProtoBytes.message().message(1, vertex("sha256:a", "[internal] load build definition from "
                            + "Dockerfile").timestamp(5, T0).timestamp(6, T0.plusMillis(40)))),
                    trace(ProtoBytes.message().message(1, vertex("sha256:b", "[2/2] RUN echo hi").timestamp(5, T0))
                            .message(3, log("sha256:b", T0.plusMillis(215), 1, "hi\n"))),
                    trace(ProtoBytes.message().message(1, vertex("sha256:b", "[2/2] RUN echo hi").timestamp(5, T0)
                            .timestamp(6, T0.plusMillis(300)))),
                    IMAGE_ID));
            BuildSpec spec = BuildSpec.fromDockerfile("FROM busybox\nRUN echo hi\n").tag("app:1")
                    .buildArg("VERSION", "1.0").label("team", "core").cacheFrom("app:0").target("final")
                    .network("host").platform("linux/amd64").extraHost("db:10.0.0.2").noCache().pull().build();
            List<String> output = new ArrayList<>();
            assertEquals(ID, engine.docker().images().build(spec, output::add));

            RecordedRequest p = engine.request();
            assertEquals("GET", p.getMethod());
            assertEquals("/v1.51/_ping", p.getUrl().encodedPath(), "the builder is asked first");
            RecordedRequest pull = engine.request();
            assertEquals("/v1.51/images/create", pull.getUrl().encodedPath(), "--pull: the base image is pulled first");
            assertEquals("fromImage=busybox&tag=latest&platform=linux%2Famd64", pull.getUrl().encodedQuery());
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.51/build", r.getUrl().encodedPath());
            assertEquals("2", r.getUrl().queryParameter("version"), "BuildKit");
            assertEquals(List.of("app:1"), r.getUrl().queryParameterValues("t"));
            assertEquals("{\"VERSION\":\"1.0\"}", r.getUrl().queryParameter("buildargs"));
            assertEquals("{\"team\":\"core\"}", r.getUrl().queryParameter("labels"));
            assertEquals("[\"app:0\"]", r.getUrl().queryParameter("cachefrom"));
            assertEquals("final", r.getUrl().queryParameter("target"));
            assertEquals("host", r.getUrl().queryParameter("networkmode"));
            assertEquals("linux/amd64", r.getUrl().queryParameter("platform"));
            assertEquals("db:10.0.0.2", r.getUrl().queryParameter("extrahosts"));
            assertEquals("1", r.getUrl().queryParameter("nocache"));
            assertNull(r.getUrl().queryParameter("pull"), "pulled already: BuildKit would ask for a session");
            assertEquals("Dockerfile", r.getUrl().queryParameter("dockerfile"));
            assertNull(r.getUrl().queryParameter("session"), "no session: the context is the body");
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            assertTrue(r.getBody().size() > 0);

            assertTrue(output.get(0).matches("#0 pulled busybox \\d+\\.\\ds\n"), output.get(0));
            output.remove(0);
            assertEquals(List.of("#1 [internal] load build definition from Dockerfile\n", "#1 DONE 0.0s\n",
                    "#2 [2/2] RUN echo hi\n", "#2 0.215 hi\n", "#2 DONE 0.3s\n"), output);
        }
    }

    /**
     * BuildKit without a session resolves only images the daemon has ("no active sessions" otherwise): the images
     * the Dockerfile reads that the daemon lacks are pulled first, with the client's credentials.
     */
    @Test
    void missingBaseImagesArePulledFirstWithTheClientsCredentials(@TempDir Path config) {
        CredentialStore store = new CredentialStore(config, Map.of());
        store.store(AuthConfig.ofPassword("berth", "s3cret", "registry.example:5000"));
        try (MockEngine engine = MockEngine.at("1.51", store)) {
            engine.answer(ping("2"));
            engine.answer(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                    .body("{\"message\":\"No such image: registry.example:5000/team/base:1\"}").build());
            engine.answer(lines("{\"status\":\"Pulling from team/base\",\"id\":\"1\"}"));
            engine.answer("{\"Id\":\"sha256:0123\"}");                  // tools:2 is there
            engine.answer(lines(IMAGE_ID));
            List<BuildEvent> events = new ArrayList<>();
            String dockerfile = "ARG REG=registry.example:5000\nFROM $REG/team/base:1 AS base\n"
                    + "COPY --from=tools:2 /t /t\nFROM base\n";
            assertEquals(ID, engine.docker().images().buildWithProgress(BuildSpec.fromDockerfile(dockerfile).build(),
                    events::add));

            engine.request(); // ping
            RecordedRequest inspect = engine.request();
            assertEquals("GET", inspect.getMethod());
            assertEquals("/v1.51/images/registry.example:5000%2Fteam%2Fbase:1/json", inspect.getUrl().encodedPath());
            RecordedRequest pull = engine.request();
            assertEquals("fromImage=registry.example%3A5000%2Fteam%2Fbase&tag=1", pull.getUrl().encodedQuery());
            String auth = new String(Base64.getUrlDecoder().decode(pull.getHeaders().get("X-Registry-Auth")),
                    StandardCharsets.UTF_8);
            assertTrue(auth.contains("\"username\":\"berth\"") && auth.contains("s3cret"), "the stored login");
            assertEquals("/v1.51/images/tools:2/json", engine.request().getUrl().encodedPath());
            RecordedRequest build = engine.request();
            assertEquals("/v1.51/build", build.getUrl().encodedPath());
            assertEquals("2", build.getUrl().queryParameter("version"));
            BuildEvent.BaseImagePulled pulled = assertInstanceOf(BuildEvent.BaseImagePulled.class, events.get(0));
            assertEquals("registry.example:5000/team/base:1", pulled.image());
        }
    }

    @Test
    void aBaseImageThatCannotBePulledFailsTheBuildNamingItBeforeAnyBuildStarts() {
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer(ping("2"));
            engine.answer(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                    .body("{\"message\":\"No such image: private/base:1\"}").build());
            engine.answer(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                    .body("{\"message\":\"Head \\\"https://registry/v2/private/base/manifests/1\\\": no basic auth "
                            + "credentials\"}").build());
            BuildFailedException e = assertThrows(BuildFailedException.class, () -> engine.docker().images()
                    .build(BuildSpec.fromDockerfile("FROM private/base:1\n").build()));
            assertEquals("pulling private/base:1", e.step());
            assertTrue(e.getMessage().contains("no basic auth credentials"), e.getMessage());
            engine.request();
            engine.request();
            assertEquals("/v1.51/images/create", engine.request().getUrl().encodedPath());
            assertEquals(0, engine.pending(), "no build was sent");
        }
    }

    @Test
    void aDaemonWithoutBuildKitAndClassicGetVersion1AndBuildKitForcesVersion2WithoutAsking() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(ping("1"));                                     // Engine 20.10
            engine.answer(lines("{\"stream\":\"Step 1/1 : FROM busybox\\n\"}", "{\"aux\":{\"ID\":\"" + ID + "\"}}"));
            engine.answer(ping(null));                                    // before Engine 23 or Podman: no header
            engine.answer(lines("{\"stream\":\"Successfully built 5b3cd5a4e1dc\\n\"}"));
            engine.answer(lines("{\"aux\":{\"ID\":\"" + ID + "\"}}"));    // classic(): no ping
            engine.answer(lines(IMAGE_ID));                              // buildKit(): no ping
            List<BuildEvent> events = new ArrayList<>();
            BuildSpec spec = BuildSpec.fromDockerfile("FROM busybox\n").build();
            assertEquals(ID, engine.docker().images().buildWithProgress(spec, events::add));
            assertEquals(List.of(new BuildEvent.Output("Step 1/1 : FROM busybox\n")), events);
            assertEquals("5b3cd5a4e1dc", engine.docker().images().build(spec));
            engine.docker().images().build(BuildSpec.fromDockerfile("FROM busybox\n").buildKit().classic().build());
            engine.docker().images().build(BuildSpec.fromDockerfile("FROM scratch\n").classic().buildKit().build());

            assertEquals("/v1.41/_ping", engine.request().getUrl().encodedPath());
            assertEquals("1", engine.request().getUrl().queryParameter("version"));
            assertEquals("/v1.41/_ping", engine.request().getUrl().encodedPath());
            assertEquals("1", engine.request().getUrl().queryParameter("version"));
            assertEquals("1", engine.request().getUrl().queryParameter("version"), "classic(), the last choice");
            assertEquals("2", engine.request().getUrl().queryParameter("version"), "buildKit(), the last choice");
        }
    }

    @Test
    void aFailingStepThrowsNamingItAsBuildKitDoesWithItsLastLines() {
        String error = "process \"/bin/sh -c echo no; exit 3\" did not complete successfully: exit code: 3";
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer(lines(
                    trace(ProtoBytes.message().message(1, vertex("sha256:a", "[1/3] FROM busybox").varint(4, 1)
                            .timestamp(5, T0).timestamp(6, T0))),
                    trace(ProtoBytes.message().message(1, vertex("sha256:c", "[3/3] RUN echo no; exit 3")
                            .timestamp(5, T0)).message(3, log("sha256:c", T0.plusMillis(10), 1, "no\n"))),
                    trace(ProtoBytes.message().message(1, vertex("sha256:c", "[3/3] RUN echo no; exit 3")
                            .timestamp(5, T0).timestamp(6, T0.plusMillis(20)).string(7, error))),
                    "{\"errorDetail\":{\"message\":" + TestEngine.json(error) + "},\"error\":"
                            + TestEngine.json(error) + "}"));
            List<BuildEvent> events = new ArrayList<>();
            BuildFailedException e = assertThrows(BuildFailedException.class, () -> engine.docker().images()
                    .buildWithProgress(BuildSpec.fromDockerfile("FROM scratch\n").buildKit().build(), events::add));
            assertEquals("[3/3] RUN echo no; exit 3", e.step());
            assertEquals("[3/3] RUN echo no; exit 3: " + error, e.daemonMessage());
            assertEquals(List.of("no"), e.log());
            assertInstanceOf(BuildEvent.StepCached.class, events.get(0));
            assertInstanceOf(BuildEvent.StepFailed.class, events.get(events.size() - 1));
        }
    }

    @Test
    void progressBerthCannotDecodeIsSkippedAndTheBuildStillSucceeds() {
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer(lines("{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Base64.getEncoder().encodeToString(
                    new byte[] {0x0a, 0x7f}) + "\"}", IMAGE_ID));
            List<BuildEvent> events = new ArrayList<>();
            assertEquals(ID, engine.docker().images().buildWithProgress(BuildSpec.fromDockerfile("FROM scratch\n")
                    .buildKit().build(), events::add));
            assertTrue(events.isEmpty(), events.toString());
        }
    }

    @Test
    void builderPruneSendsAllFiltersAndTheSpaceToKeepByApiVersion() {
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer("{\"CachesDeleted\":[\"x1\",\"x2\"],\"SpaceReclaimed\":4096}");
            engine.answer("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}");
            PruneResult r = engine.docker().images().pruneBuildCache(BuildCachePruneOptions.all()
                    .withFilters(Filters.of("until", "24h")).withKeepStorage(1L << 30));
            assertEquals(new PruneResult(List.of("x1", "x2"), 4096), r);
            assertEquals(List.of(), engine.docker().images().pruneBuildCache().deleted());
            RecordedRequest p = engine.request();
            assertEquals("POST", p.getMethod());
            assertEquals("/v1.51/build/prune", p.getUrl().encodedPath());
            assertEquals("1", p.getUrl().queryParameter("all"));
            assertEquals("1073741824", p.getUrl().queryParameter("reserved-space"), "API 1.48 and later");
            assertNull(p.getUrl().queryParameter("keep-storage"));
            assertEquals("{\"until\":{\"24h\":true}}", p.getUrl().queryParameter("filters"));
            RecordedRequest plain = engine.request();
            assertNull(plain.getUrl().queryParameter("all"));
            assertNull(plain.getUrl().queryParameter("reserved-space"));
        }
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"CachesDeleted\":[],\"SpaceReclaimed\":0}");
            engine.docker().images().pruneBuildCache(BuildCachePruneOptions.defaults().withKeepStorage(512));
            assertEquals("512", engine.request().getUrl().queryParameter("keep-storage"), "before API 1.48");
        }
        assertThrows(IllegalArgumentException.class, () -> BuildCachePruneOptions.all().withKeepStorage(-1));
        assertEquals("BuildCachePruneOptions[all, keepStorage=5]",
                BuildCachePruneOptions.all().withKeepStorage(5).toString());
    }

    @Test
    void aBuildIdGoesWithTheBuildAndCancelNamesIt() {
        try (MockEngine engine = MockEngine.at("1.51")) {
            engine.answer(lines(IMAGE_ID));
            engine.answer(new MockResponse.Builder().code(200).build());
            engine.docker().images().build(BuildSpec.fromDockerfile("FROM scratch\n").buildKit().buildId("b-1")
                    .build());
            engine.docker().images().cancelBuild("b-1");
            assertEquals("b-1", engine.request().getUrl().queryParameter("buildid"));
            RecordedRequest cancel = engine.request();
            assertEquals("POST", cancel.getMethod());
            assertEquals("/v1.51/build/cancel", cancel.getUrl().encodedPath());
            assertEquals("b-1", cancel.getUrl().queryParameter("id"));
        }
        assertThrows(IllegalArgumentException.class, () -> BuildSpec.fromDockerfile("FROM x\n").buildId(""));
    }
}
