package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.BuildFailedException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.model.DistributionInspect;
import dev.berth.model.ImageHistoryItem;
import dev.berth.model.ImageRemoval;
import dev.berth.model.ImageSearchResult;
import dev.berth.model.ImageSummary;
import dev.berth.model.OciPlatform;
import dev.berth.model.ProgressEvent;
import dev.berth.model.PruneResult;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every image and registry endpoint Berth calls, against a mock daemon at API 1.41: the method, path, query,
 * headers and body the spec asks for, and the answer read back. (The shapes of API 1.52 and later are in
 * {@link ImagesApi156Test}.)
 */
class ImagesApiTest {
    private static final String HUB_CONFIG = "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\""
            + Base64.getEncoder().encodeToString("berth:s3cret".getBytes(StandardCharsets.UTF_8)) + "\"}}}";

    @TempDir
    Path temp;

    // ---- reading -------------------------------------------------------------------------------------------------

    @Test
    void listAsksForTheTopLevelImagesAndReadsTheRows() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    [{"Id":"sha256:e216a057b1cb1efc11f8a268f37ef62083e70b1b38323ba252e25ac88904a7e8","ParentId":"",
                      "RepoTags":["busybox:1.36"],
                      "RepoDigests":["busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7"],
                      "Created":1644009612,"Size":4261574,"VirtualSize":4261574,"SharedSize":-1,"Labels":null,
                      "Containers":-1}]""");
            List<ImageSummary> images = engine.docker().images().list();
            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/images/json", r.getUrl().encodedPath());
            assertNull(r.getUrl().encodedQuery(), "no all, no filters, no digests");

            ImageSummary img = images.get(0);
            assertEquals("sha256:e216a057b1cb1efc11f8a268f37ef62083e70b1b38323ba252e25ac88904a7e8", img.id());
            assertEquals(List.of("busybox:1.36"), img.repoTags());
            assertEquals(4261574, img.size());
            assertEquals(Map.of(), img.labels(), "null labels read as empty");
            assertEquals(-1, img.containers());
            assertTrue(img.extras().containsKey("VirtualSize"));
        }
    }

    @Test
    void listWithAllFiltersAndSharedSize() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[]");
            ImageQuery query = ImageQuery.all().withFilters(Filters.of("dangling", "true").andLabel("team=web"))
                    .withSharedSize();
            assertEquals(List.of(), engine.docker().images().list(query));
            RecordedRequest r = engine.request();
            assertEquals("1", r.getUrl().queryParameter("all"));
            assertEquals("1", r.getUrl().queryParameter("shared-size"));
            assertEquals("{\"dangling\":{\"true\":true},\"label\":{\"team=web\":true}}",
                    r.getUrl().queryParameter("filters"));
            assertEquals("ImageQuery[all, sharedSize, filters=Filters[dangling=true, label=team=web]]",
                    query.toString());
        }
    }

    @Test
    void existsIsInspectWithoutTheNotFound() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"Id\":\"sha256:1\"}");
            engine.answer(error(404, "No such image: nope:1"));
            assertTrue(engine.docker().images().exists("busybox"));
            assertFalse(engine.docker().images().exists("nope:1"));
            assertEquals("/v1.41/images/busybox/json", engine.request().getUrl().encodedPath());
            assertEquals("/v1.41/images/nope:1/json", engine.request().getUrl().encodedPath());
        }
    }

    @Test
    void inspectOfAMissingImageIsNotFound() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(404, "No such image: nope:1"));
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> engine.docker().images().inspect("nope:1"));
            assertEquals("No such image: nope:1", e.daemonMessage());
        }
    }

    @Test
    void historyReadsTheStepsNewestFirst() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    [{"Id":"3db9c44f45209632d6050b35958829c3a2aa256d81b9a7be45b362ff85c54710","Created":1398108230,
                      "CreatedBy":"/bin/sh -c #(nop) ADD file:eb15dbd63394e063b805a3c32c in /",
                      "Tags":["ubuntu:lucid","ubuntu:10.04"],"Size":182964289,"Comment":""},
                     {"Id":"<missing>","Created":1371157430,"CreatedBy":"","Tags":null,"Size":0,
                      "Comment":"Imported from -"}]""");
            List<ImageHistoryItem> history = engine.docker().images().history("ubuntu:lucid");
            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/images/ubuntu:lucid/history", r.getUrl().encodedPath());
            assertEquals(2, history.size());
            assertEquals(List.of("ubuntu:lucid", "ubuntu:10.04"), history.get(0).tags());
            assertEquals(182964289, history.get(0).size());
            assertEquals(List.of(), history.get(1).tags());
            assertEquals("Imported from -", history.get(1).comment());
        }
    }

    @Test
    void searchSendsTermLimitAndFiltersAndReadsTheRows() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    [{"description":"A minimal Docker image based on Alpine Linux","is_official":true,
                      "is_automated":false,"name":"alpine","star_count":10093},
                     {"description":"","is_official":false,"is_automated":false,"name":"jdswinbank/sshd",
                      "star_count":0}]""");
            engine.answer("[]");
            SearchOptions options = SearchOptions.defaults().officialOnly().withMinStars(100).withLimit(5);
            List<ImageSearchResult> found = engine.docker().images().search("alpine", options);
            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/images/search", r.getUrl().encodedPath());
            assertEquals("alpine", r.getUrl().queryParameter("term"));
            assertEquals("5", r.getUrl().queryParameter("limit"));
            assertEquals("{\"is-official\":{\"true\":true},\"stars\":{\"100\":true}}",
                    r.getUrl().queryParameter("filters"));
            assertEquals(new ImageSearchResult("alpine", "A minimal Docker image based on Alpine Linux", true, false,
                    10093, Map.of()), found.get(0));
            assertFalse(found.get(1).official());

            engine.docker().images().search("sshd");
            RecordedRequest plain = engine.request();
            assertEquals("term=sshd", plain.getUrl().encodedQuery(), "the daemon's own limit and no filters");
            assertEquals("SearchOptions[limit=5, filters=Filters[is-official=true, stars=100]]", options.toString());
        }
    }

    @Test
    void searchOptionsRefuseWhatTheDaemonRefuses() {
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.defaults().withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.defaults().withLimit(101));
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.defaults().withMinStars(-1));
        assertEquals("SearchOptions[filters=Filters[stars=3]]",
                SearchOptions.defaults().withMinStars(1).withMinStars(3).toString(), "the last count wins");
    }

    @Test
    void distributionSendsTheStoredCredentialsAndReadsDescriptorAndPlatforms() throws IOException {
        try (CredentialEngine engine = new CredentialEngine(config(HUB_CONFIG))) {
            engine.answer("""
                    {"Descriptor":{"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
                                   "digest":"sha256:c0537ff6a5218ef531ece93d4984efc99bbf3f7497c0a7726c88e2bb7584dc96",
                                   "size":3987495},
                     "Platforms":[{"architecture":"amd64","os":"linux"},
                                  {"architecture":"arm","os":"linux","variant":"v7"},
                                  {"architecture":"amd64","os":"windows","os.version":"10.0.19041.1165",
                                   "os.features":["win32k"]}]}""");
            DistributionInspect d = engine.docker.images().distribution("127.0.0.1:5000/team/app:1");
            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/distribution/127.0.0.1:5000%2Fteam%2Fapp:1/json", r.getUrl().encodedPath());
            assertEquals(Map.of("username", "berth", "password", "s3cret", "serveraddress", "127.0.0.1:5000"),
                    registryAuth(r));

            assertEquals("sha256:c0537ff6a5218ef531ece93d4984efc99bbf3f7497c0a7726c88e2bb7584dc96",
                    d.descriptor().digest());
            assertEquals(3987495, d.descriptor().size());
            assertEquals(List.of("linux/amd64", "linux/arm/v7", "windows/amd64"),
                    d.platforms().stream().map(OciPlatform::toString).toList());
            assertEquals("10.0.19041.1165", d.platforms().get(2).osVersion());
            assertEquals(List.of("win32k"), d.platforms().get(2).osFeatures());
            assertEquals("", d.platforms().get(0).variant());
        }
    }

    @Test
    void distributionOfAnImageWithoutStoredCredentialsSendsAnonymous() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(401, "errors: denied: requested access to the resource is denied"));
            assertThrows(UnauthorizedException.class, () -> engine.docker().images().distribution("nope/nope"));
            assertEquals("e30=", engine.request().getHeaders().get("X-Registry-Auth"));
        }
    }

    // ---- names ---------------------------------------------------------------------------------------------------

    @Test
    void tagSplitsTheTargetIntoRepoAndTag() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(201).build());
            engine.answer(new MockResponse.Builder().code(201).build());
            engine.docker().images().tag("sha256:e216a057", "127.0.0.1:5000/team/app:1.0");
            engine.docker().images().tag("busybox", "mine");
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/images/sha256:e216a057/tag", r.getUrl().encodedPath());
            assertEquals("127.0.0.1:5000/team/app", r.getUrl().queryParameter("repo"));
            assertEquals("1.0", r.getUrl().queryParameter("tag"));
            RecordedRequest latest = engine.request();
            assertEquals("mine", latest.getUrl().queryParameter("repo"));
            assertEquals("latest", latest.getUrl().queryParameter("tag"), "as the CLI reads a name without tag");
        }
        try (MockEngine engine = MockEngine.at("1.41")) {
            assertThrows(IllegalArgumentException.class, () -> engine.docker().images()
                    .tag("busybox", "app@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7"));
        }
    }

    @Test
    void removeSendsForceAndNoPruneOnlyWhenAsked() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[{\"Untagged\":\"app:1\"},{\"Deleted\":\"sha256:3e2f21a89f\"},"
                    + "{\"Deleted\":\"sha256:53b4f83ac9\"}]");
            engine.answer("[{\"Untagged\":\"app:2\"}]");
            List<ImageRemoval> removed = engine.docker().images().remove("app:1");
            engine.docker().images().remove("app:2", ImageRemoveOptions.force().withNoPrune());

            RecordedRequest r = engine.request();
            assertEquals("DELETE", r.getMethod());
            assertEquals("/v1.41/images/app:1", r.getUrl().encodedPath());
            assertNull(r.getUrl().encodedQuery());
            assertEquals(List.of(new ImageRemoval("app:1", null), new ImageRemoval(null, "sha256:3e2f21a89f"),
                    new ImageRemoval(null, "sha256:53b4f83ac9")), removed);
            assertEquals("Untagged: app:1", removed.get(0).toString());

            RecordedRequest forced = engine.request();
            assertEquals("1", forced.getUrl().queryParameter("force"));
            assertEquals("1", forced.getUrl().queryParameter("noprune"));
        }
        assertEquals("ImageRemoveOptions[force, noPrune]", ImageRemoveOptions.force().withNoPrune().toString());
        assertEquals("ImageRemoveOptions[]", ImageRemoveOptions.defaults().toString());
    }

    @Test
    void pruneReadsTheDeletedIdsAndAllIsDanglingFalse() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            String answer = "{\"ImagesDeleted\":[{\"Untagged\":\"app:1\"},{\"Deleted\":\"sha256:3e2f\"},"
                    + "{\"Deleted\":\"sha256:53b4\"}],\"SpaceReclaimed\":1024}";
            engine.answer(answer);
            engine.answer(answer);
            engine.answer("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}");
            PruneResult r = engine.docker().images().prune();
            engine.docker().images().prune(ImagePruneOptions.all().withFilters(Filters.of("until", "24h")));
            PruneResult none = engine.docker().images().prune(Filters.label("team=web"));

            RecordedRequest dangling = engine.request();
            assertEquals("POST", dangling.getMethod());
            assertEquals("/v1.41/images/prune", dangling.getUrl().encodedPath());
            assertNull(dangling.getUrl().encodedQuery(), "the daemon's default: dangling only");
            assertEquals(List.of("sha256:3e2f", "sha256:53b4"), r.deleted());
            assertEquals(1024, r.spaceReclaimed());

            assertEquals("{\"until\":{\"24h\":true},\"dangling\":{\"false\":true}}",
                    engine.request().getUrl().queryParameter("filters"));
            assertEquals("{\"label\":{\"team=web\":true}}", engine.request().getUrl().queryParameter("filters"));
            assertEquals(List.of(), none.deleted());
        }
        assertThrows(IllegalArgumentException.class,
                () -> ImagePruneOptions.all().withFilters(Filters.of("dangling", "true")));
        assertEquals("ImagePruneOptions[all, filters=Filters[until=24h]]",
                ImagePruneOptions.all().withFilters(Filters.of("until", "24h")).toString());
    }

    // ---- pull and push -------------------------------------------------------------------------------------------

    @Test
    void pullSendsRepositoryTagAndStoredCredentialsAndHandsOnTheProgress() throws IOException {
        try (CredentialEngine engine = new CredentialEngine(config(HUB_CONFIG))) {
            engine.answer(progress("{\"status\":\"Pulling from team/app\",\"id\":\"1.0\"}",
                    "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":512,\"total\":1024},"
                            + "\"id\":\"a3ed95caeb02\"}",
                    "{\"status\":\"Digest: sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7\"}",
                    "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/team/app:1.0\"}"));
            List<ProgressEvent> events = new ArrayList<>();
            engine.docker.images().pull("127.0.0.1:5000/team/app:1.0", events::add);
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/images/create", r.getUrl().encodedPath());
            assertEquals("127.0.0.1:5000/team/app", r.getUrl().queryParameter("fromImage"));
            assertEquals("1.0", r.getUrl().queryParameter("tag"));
            assertNull(r.getUrl().queryParameter("platform"));
            assertEquals(Map.of("username", "berth", "password", "s3cret", "serveraddress", "127.0.0.1:5000"),
                    registryAuth(r));
            assertEquals(4, events.size());
            assertEquals(512, events.get(1).current());
        }
    }

    @Test
    void pullWithPlatformAllTagsAndExplicitCredentials() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"status\":\"Pulling from library/alpine\",\"id\":\"3\"}"));
            engine.answer(progress("{\"status\":\"Pulling from team/app\"}"));
            engine.answer(progress("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}"));
            AuthConfig auth = AuthConfig.ofPassword("me", "pw", "127.0.0.1:5000");
            engine.docker().images().pull("alpine:3", PullOptions.defaults().withPlatform("linux/arm64"), e -> { });
            engine.docker().images().pull("127.0.0.1:5000/team/app",
                    PullOptions.defaults().withAllTags().withAuth(auth), e -> { });
            engine.docker().images().pull("busybox");

            RecordedRequest platform = engine.request();
            assertEquals("alpine", platform.getUrl().queryParameter("fromImage"));
            assertEquals("3", platform.getUrl().queryParameter("tag"));
            assertEquals("linux/arm64", platform.getUrl().queryParameter("platform"));
            assertEquals("e30=", platform.getHeaders().get("X-Registry-Auth"), "no stored credentials: anonymous");

            RecordedRequest allTags = engine.request();
            assertEquals("127.0.0.1:5000/team/app", allTags.getUrl().queryParameter("fromImage"));
            assertNull(allTags.getUrl().queryParameter("tag"), "no tag: every tag");
            assertEquals(auth.toHeader(), allTags.getHeaders().get("X-Registry-Auth"));

            assertEquals("latest", engine.request().getUrl().queryParameter("tag"));
        }
        try (MockEngine engine = MockEngine.at("1.41")) {
            PullOptions allTags = PullOptions.defaults().withAllTags();
            assertThrows(IllegalArgumentException.class, () -> engine.docker().images().pull("app:1", allTags,
                    e -> { }), "a tag and all tags");
        }
        String options = PullOptions.defaults().withPlatform("linux/arm64")
                .withAuth(AuthConfig.ofPassword("me", "pw", "reg")).toString();
        assertEquals("PullOptions[platform=linux/arm64, auth=AuthConfig[username=me, password=***, "
                + "serverAddress=reg]]", options);
    }

    @Test
    void anErrorInThePullStreamThrows() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"status\":\"Pulling from library/nope\",\"id\":\"1\"}",
                    "{\"errorDetail\":{\"message\":\"manifest for nope:1 not found: manifest unknown\"},"
                            + "\"error\":\"manifest for nope:1 not found: manifest unknown\"}"));
            StreamException e = assertThrows(StreamException.class, () -> engine.docker().images().pull("nope:1"));
            assertTrue(e.daemonMessage().contains("manifest unknown"), e.daemonMessage());
        }
    }

    @Test
    void pushSendsTheRepositoryInThePathAndTheTagAsQuery() throws IOException {
        try (CredentialEngine engine = new CredentialEngine(config(HUB_CONFIG))) {
            engine.answer(progress("{\"status\":\"The push refers to repository [127.0.0.1:5000/team/app]\"}",
                    "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"a3ed95caeb02\"}",
                    "{\"status\":\"1.0: digest: sha256:9ae9 size: 527\"}",
                    "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1.0\",\"Digest\":\"sha256:9ae9\",\"Size\":527}}"));
            engine.answer(progress("{\"status\":\"The push refers to repository [127.0.0.1:5000/team/app]\"}"));
            engine.answer(progress("{\"status\":\"The push refers to repository [127.0.0.1:5000/team/app]\"}"));
            List<ProgressEvent> events = new ArrayList<>();
            engine.docker.images().push("127.0.0.1:5000/team/app:1.0", events::add);
            engine.docker.images().push("127.0.0.1:5000/team/app", PushOptions.defaults().withAllTags()
                    .withAuth(AuthConfig.anonymous()), e -> { });
            engine.docker.images().push("127.0.0.1:5000/team/app");

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/images/127.0.0.1:5000%2Fteam%2Fapp/push", r.getUrl().encodedPath());
            assertEquals("1.0", r.getUrl().queryParameter("tag"));
            assertEquals(Map.of("username", "berth", "password", "s3cret", "serveraddress", "127.0.0.1:5000"),
                    registryAuth(r));
            assertEquals(4, events.size());
            assertEquals(new ProgressEvent.Aux("1.0", "sha256:9ae9", 527, "", Map.of()), events.get(3).aux());

            RecordedRequest allTags = engine.request();
            assertNull(allTags.getUrl().queryParameter("tag"), "no tag: every local tag");
            assertEquals("e30=", allTags.getHeaders().get("X-Registry-Auth"), "explicitly anonymous");

            assertEquals("latest", engine.request().getUrl().queryParameter("tag"));
        }
        assertEquals("PushOptions[allTags]", PushOptions.defaults().withAllTags().toString());
    }

    // ---- making images -------------------------------------------------------------------------------------------

    @Test
    void commitSendsTheOptionsAsQueryAndReadsTheId() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                    .body("{\"Id\":\"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710\"}")
                    .build());
            engine.answer("{\"Id\":\"0b2d3a2f5fa3e6e2e0c0ea9d8f8fa6c3b25e24a7f7c8c8c1d4f8a86e7d60f5d1\"}");
            CommitOptions options = CommitOptions.of("127.0.0.1:5000/team/app:2")
                    .withMessage("add config").withAuthor("Ann <ann@example.org>")
                    .withChanges("CMD [\"sh\"]").withChanges("ENV DB_PASSWORD=hunter2").withoutPause();
            String id = engine.docker().images().commit("web", options);
            String untagged = engine.docker().images().commit("web");

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/commit", r.getUrl().encodedPath());
            assertEquals("web", r.getUrl().queryParameter("container"));
            assertEquals("127.0.0.1:5000/team/app", r.getUrl().queryParameter("repo"));
            assertEquals("2", r.getUrl().queryParameter("tag"));
            assertEquals("add config", r.getUrl().queryParameter("comment"));
            assertEquals("Ann <ann@example.org>", r.getUrl().queryParameter("author"));
            assertEquals("0", r.getUrl().queryParameter("pause"));
            assertEquals(List.of("CMD [\"sh\"]", "ENV DB_PASSWORD=hunter2"),
                    r.getUrl().queryParameterValues("changes"));
            assertEquals("{}", r.getBody().utf8(), "an empty container config: the container's own is kept");
            assertEquals("sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710", id);

            RecordedRequest plain = engine.request();
            assertEquals("container=web&pause=1", plain.getUrl().encodedQuery(), "paused, as the CLI does");
            assertEquals("sha256:0b2d3a2f5fa3e6e2e0c0ea9d8f8fa6c3b25e24a7f7c8c8c1d4f8a86e7d60f5d1", untagged,
                    "Podman's bare hex gets the prefix");

            String text = options.toString();
            assertFalse(text.contains("hunter2"), text);
            assertEquals("CommitOptions[repoTag=127.0.0.1:5000/team/app:2, message=add config, "
                    + "author=Ann <ann@example.org>, changes=[CMD [\"sh\"], ENV DB_PASSWORD=***], noPause]", text);
        }
        assertThrows(IllegalArgumentException.class, () -> CommitOptions.of("app@sha256:9ae9"));
        assertThrows(IllegalArgumentException.class, () -> CommitOptions.of(" "));
        assertEquals("CommitOptions[]", CommitOptions.defaults().toString());
    }

    @Test
    void importTarStreamsTheTarWithNameMessageChangesAndPlatform() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress(
                    "{\"status\":\"sha256:8c2e06607696bd4afb3d03b687e361cc43cf8ec1a4a725bc96e39f05ba97dd55\"}"));
            byte[] tar = tar(Map.of("etc/hostname", "box\n"));
            String id = engine.docker().images().importTar(new ByteArrayInputStream(tar),
                    ImportOptions.of("base:1").withMessage("rootfs").withChanges("CMD [\"sh\"]", "ENV PATH=/bin")
                            .withPlatform("linux/amd64"));
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/images/create", r.getUrl().encodedPath());
            assertEquals("-", r.getUrl().queryParameter("fromSrc"));
            assertEquals("base:1", r.getUrl().queryParameter("repo"), "name and tag in one, as the CLI sends them");
            assertNull(r.getUrl().queryParameter("tag"));
            assertEquals("rootfs", r.getUrl().queryParameter("message"));
            assertEquals("linux/amd64", r.getUrl().queryParameter("platform"));
            assertEquals(List.of("CMD [\"sh\"]", "ENV PATH=/bin"), r.getUrl().queryParameterValues("changes"));
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            assertEquals(ByteString.of(tar), r.getBody());
            assertEquals("sha256:8c2e06607696bd4afb3d03b687e361cc43cf8ec1a4a725bc96e39f05ba97dd55", id);
        }
    }

    @Test
    void importFromAFileAndAUrl() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            String hex = "8c2e06607696bd4afb3d03b687e361cc43cf8ec1a4a725bc96e39f05ba97dd55";
            engine.answer(progress("{\"status\":\"" + hex + "\",\"id\":\"" + hex + "\"}")); // Podman's form
            engine.answer(progress("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":10,\"total\":20}}",
                    "{\"status\":\"sha256:" + hex + "\"}"));
            Path file = Files.write(temp.resolve("rootfs.tar"), tar(Map.of("a", "1")));
            assertEquals("sha256:" + hex, engine.docker().images().importTar(file, ImportOptions.defaults()));
            assertEquals("sha256:" + hex, engine.docker().images().importUrl(
                    URI.create("https://example.org/rootfs.tar.gz").toURL(), ImportOptions.of("remote:1")));

            RecordedRequest fromFile = engine.request();
            assertEquals("fromSrc=-", fromFile.getUrl().encodedQuery(), "untagged: no repo");
            assertEquals(Files.size(file), fromFile.getBodySize());
            RecordedRequest fromUrl = engine.request();
            assertEquals("https://example.org/rootfs.tar.gz", fromUrl.getUrl().queryParameter("fromSrc"));
            assertEquals("remote:1", fromUrl.getUrl().queryParameter("repo"));
            assertEquals(0, fromUrl.getBodySize());
        }
    }

    @Test
    void anImportWithoutAnIdInTheStreamFails() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"status\":\"Importing\"}"));
            assertThrows(StreamException.class, () -> engine.docker().images()
                    .importTar(new ByteArrayInputStream(new byte[1024]), ImportOptions.of("x:1")));
        }
    }

    @Test
    void saveAsksForEveryNameAndStreamsTheTar() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            byte[] tar = tar(Map.of("manifest.json", "[]"));
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new okio.Buffer().write(tar)).build());
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new okio.Buffer().write(tar)).build());
            try (InputStream in = engine.docker().images().save("busybox:1.36")) {
                assertEquals(ByteString.of(tar), ByteString.of(in.readAllBytes()));
            }
            Path target = temp.resolve("saved.tar");
            engine.docker().images().save(target, "busybox:1.36", "sha256:e216a057");

            RecordedRequest one = engine.request();
            assertEquals("GET", one.getMethod());
            assertEquals("/v1.41/images/get", one.getUrl().encodedPath());
            assertEquals(List.of("busybox:1.36"), one.getUrl().queryParameterValues("names"));
            RecordedRequest many = engine.request();
            assertEquals(List.of("busybox:1.36", "sha256:e216a057"), many.getUrl().queryParameterValues("names"));
            assertEquals(ByteString.of(tar), ByteString.of(Files.readAllBytes(target)));
        }
        try (MockEngine engine = MockEngine.at("1.41")) {
            assertThrows(IllegalArgumentException.class, () -> engine.docker().images().save());
        }
    }

    @Test
    void loadStreamsTheTarAndReadsTheLoadedNames() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"stream\":\"Loaded image: busybox:1.36\\n\"}",
                    "{\"stream\":\"Loaded image ID: sha256:e216a057\\n\"}"));
            engine.answer(progress("{\"status\":\"Loaded image: docker.io/library/busybox:1.36\"}")); // Podman
            byte[] tar = tar(Map.of("manifest.json", "[]"));
            List<String> loaded = engine.docker().images().load(new ByteArrayInputStream(tar));
            Path file = Files.write(temp.resolve("images.tar"), tar);
            List<String> fromFile = engine.docker().images().load(file);

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/images/load", r.getUrl().encodedPath());
            assertEquals("0", r.getUrl().queryParameter("quiet"), "the progress lines name what was loaded");
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            assertEquals(ByteString.of(tar), r.getBody());
            assertEquals(List.of("busybox:1.36", "sha256:e216a057"), loaded);
            assertEquals(List.of("docker.io/library/busybox:1.36"), fromFile);
            engine.request();
        }
    }

    @Test
    void loadOfABadTarThrows() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}"));
            StreamException e = assertThrows(StreamException.class,
                    () -> engine.docker().images().load(new ByteArrayInputStream("not a tar".getBytes())));
            assertEquals("unexpected EOF", e.daemonMessage());
        }
    }

    // ---- build ---------------------------------------------------------------------------------------------------

    @Test
    void buildSendsTheOptionsTheRegistryConfigAndTheContextAsATar() throws IOException {
        try (CredentialEngine engine = new CredentialEngine(config(HUB_CONFIG))) {
            engine.answer(progress("{\"stream\":\"Step 1/2 : FROM busybox\\n\"}",
                    "{\"stream\":\"Step 2/2 : COPY hello /\\n\"}",
                    "{\"aux\":{\"ID\":\"sha256:5b3cd5a4e1dc1a2d1d8f77a3c87d55ad2dbc6fa3b1e4b6ab8b73f5a0a4f3a0b1\"}}",
                    "{\"stream\":\"Successfully built 5b3cd5a4e1dc\\n\"}"));
            BuildSpec spec = BuildSpec.fromDockerfile("FROM busybox\nCOPY hello /\n")
                    .file("hello", "hi\n".getBytes(StandardCharsets.UTF_8)).dockerfile("build/Dockerfile")
                    .tag("app:1").tag("app:latest").buildArg("VERSION", "1.0").label("team", "core")
                    .cacheFrom("app:0").target("final").network("host").platform("linux/amd64")
                    .extraHost("db:10.0.0.2").noCache().pull().forceRemoveIntermediate().classic().build();
            List<String> output = new ArrayList<>();
            String id = engine.docker.images().build(spec, output::add);

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/build", r.getUrl().encodedPath());
            assertEquals("build/Dockerfile", r.getUrl().queryParameter("dockerfile"));
            assertEquals(List.of("app:1", "app:latest"), r.getUrl().queryParameterValues("t"));
            assertEquals("{\"VERSION\":\"1.0\"}", r.getUrl().queryParameter("buildargs"));
            assertEquals("{\"team\":\"core\"}", r.getUrl().queryParameter("labels"));
            assertEquals("[\"app:0\"]", r.getUrl().queryParameter("cachefrom"));
            assertEquals("final", r.getUrl().queryParameter("target"));
            assertEquals("1", r.getUrl().queryParameter("nocache"));
            assertEquals("1", r.getUrl().queryParameter("pull"));
            assertEquals("1", r.getUrl().queryParameter("rm"));
            assertEquals("1", r.getUrl().queryParameter("forcerm"));
            assertEquals("host", r.getUrl().queryParameter("networkmode"));
            assertEquals("linux/amd64", r.getUrl().queryParameter("platform"));
            assertEquals("db:10.0.0.2", r.getUrl().queryParameter("extrahosts"));
            assertEquals("1", r.getUrl().queryParameter("version"), "the classic builder");
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            JsonNode registries = Json.mapper().readTree(Base64.getUrlDecoder()
                    .decode(r.getHeaders().get("X-Registry-Config")));
            assertEquals("s3cret", registries.path("127.0.0.1:5000").path("password").asText());
            assertEquals(Map.of("build/Dockerfile", "FROM busybox\nCOPY hello /\n", "hello", "hi\n"),
                    entries(r.getBody()));

            assertEquals("sha256:5b3cd5a4e1dc1a2d1d8f77a3c87d55ad2dbc6fa3b1e4b6ab8b73f5a0a4f3a0b1", id);
            assertEquals(3, output.size(), "each stream line handed on: " + output);
        }
    }

    @Test
    void buildDefaultsRemoveIntermediatesAndKeepIntermediateSaysRmFalse() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"stream\":\"Successfully built 5b3cd5a4e1dc\\n\"}"));
            engine.answer(progress("{\"stream\":\"Successfully built 5b3cd5a4e1dc\\n\"}"));
            Path dir = Files.createDirectories(temp.resolve("ctx"));
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
            Files.writeString(dir.resolve("app.log"), "noise");
            Files.writeString(dir.resolve(".dockerignore"), "*.log\n");
            assertEquals("5b3cd5a4e1dc", engine.docker().images().build(BuildSpec.fromDirectory(dir).classic().build()));
            engine.docker().images().build(BuildSpec.fromTar(new ByteArrayInputStream(tar(Map.of("Dockerfile",
                    "FROM busybox\n")))).forceRemoveIntermediate().keepIntermediate().classic().build());

            RecordedRequest r = engine.request();
            assertEquals("1", r.getUrl().queryParameter("rm"), "the daemon's default, sent as the CLI sends it");
            assertNull(r.getUrl().queryParameter("forcerm"));
            assertNull(r.getUrl().queryParameter("nocache"));
            assertNull(r.getUrl().queryParameter("pull"));
            assertNull(r.getUrl().queryParameter("buildargs"));
            assertNull(r.getUrl().queryParameter("t"));
            assertNull(r.getHeaders().get("X-Registry-Config"), "no stored credentials, no header");
            assertEquals(Map.of(".dockerignore", "*.log\n", "Dockerfile", "FROM busybox\n"), entries(r.getBody()));

            RecordedRequest kept = engine.request();
            assertEquals("0", kept.getUrl().queryParameter("rm"), "the last choice wins: --rm=false");
            assertNull(kept.getUrl().queryParameter("forcerm"));
            assertEquals(Map.of("Dockerfile", "FROM busybox\n"), entries(kept.getBody()));
        }
    }

    @Test
    void aFailingBuildStepThrowsWithTheStep() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(progress("{\"stream\":\"Step 1/3 : FROM busybox\\n\"}",
                    "{\"stream\":\"Step 3/3 : RUN exit 3\\n\"}",
                    "{\"errorDetail\":{\"code\":3,\"message\":\"The command '/bin/sh -c exit 3' returned a non-zero "
                            + "code: 3\"},\"error\":\"The command '/bin/sh -c exit 3' returned a non-zero code: 3\"}"));
            BuildFailedException e = assertThrows(BuildFailedException.class, () -> engine.docker().images()
                    .build(BuildSpec.fromDockerfile("FROM busybox\nRUN true\nRUN exit 3\n").classic().build()));
            assertEquals("Step 3/3 : RUN exit 3", e.step());
            assertTrue(e.daemonMessage().contains("non-zero code: 3"), e.daemonMessage());
        }
    }

    // ---- registries ----------------------------------------------------------------------------------------------

    @Test
    void loginChecksWithTheDaemonThenStoresAsDockerLogin() throws IOException {
        Path config = config("{}");
        try (CredentialEngine engine = new CredentialEngine(config)) {
            engine.answer("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}");
            AuthConfig stored = engine.docker.registries().login(AuthConfig.ofPassword("berth", "s3cret",
                    "127.0.0.1:5000"));
            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/auth", r.getUrl().encodedPath());
            assertEquals(Map.of("username", "berth", "password", "s3cret", "serveraddress", "127.0.0.1:5000"),
                    Json.mapper().readValue(r.getBody().utf8(), Map.class));
            assertEquals(AuthConfig.ofPassword("berth", "s3cret", "127.0.0.1:5000"), stored);
            assertEquals(Map.of("username", "berth", "password", "s3cret", "serveraddress", "127.0.0.1:5000"),
                    Json.mapper().convertValue(engine.docker.registries().credentialsFor("127.0.0.1:5000/app")
                            .orElseThrow().headerJson(), Map.class));
            engine.docker.registries().logout("127.0.0.1:5000");
            assertTrue(engine.docker.registries().credentialsFor("127.0.0.1:5000/app").isEmpty());
        }
    }

    @Test
    void loginKeepsTheIdentityTokenTheRegistryGivesAndDockerHubIsTheDefault() throws IOException {
        try (CredentialEngine engine = new CredentialEngine(config("{}"))) {
            engine.answer("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"9cbaf023786cd7\"}");
            AuthConfig stored = engine.docker.registries().login(AuthConfig.ofPassword("hubuser", "pw"));
            JsonNode body = Json.mapper().readTree(engine.request().getBody().utf8());
            assertEquals(CredentialStore.DOCKER_HUB, body.path("serveraddress").asText(), "Docker Hub's key");
            assertEquals(AuthConfig.ofIdentityToken("9cbaf023786cd7", CredentialStore.DOCKER_HUB), stored);
            assertEquals(stored, engine.docker.registries().credentialsFor("busybox").orElseThrow());
        }
    }

    @Test
    void refusedCredentialsAreUnauthorizedOnEveryEngine() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(401, "Get \"https://127.0.0.1:5000/v2/\": unauthorized: authentication required"));
            // Engines before 23 answer a refused login with 500
            engine.answer(error(500,
                    "login attempt to https://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized"));
            AuthConfig wrong = AuthConfig.ofPassword("berth", "wrong", "127.0.0.1:5000");
            assertThrows(UnauthorizedException.class, () -> engine.docker().registries().authenticate(wrong));
            UnauthorizedException old = assertThrows(UnauthorizedException.class,
                    () -> engine.docker().registries().authenticate(wrong));
            assertFalse(old.getMessage().contains("wrong"), "the password never shows");
        }
    }

    @Test
    void authenticateWithAnIdentityTokenSendsTheTokenOnly() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(204).build());
            AuthConfig token = AuthConfig.ofIdentityToken("tok-1", "127.0.0.1:5000");
            assertEquals(token, engine.docker().registries().authenticate(token), "a 204: the same credentials");
            assertEquals(Map.of("serveraddress", "127.0.0.1:5000", "identitytoken", "tok-1"),
                    Json.mapper().readValue(engine.request().getBody().utf8(), Map.class));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A mock daemon and a client whose credentials come from {@code configDir}'s {@code config.json}. */
    private static final class CredentialEngine implements AutoCloseable {
        private final MockWebServer server = new MockWebServer();
        private final Docker docker;

        CredentialEngine(Path configDir) throws IOException {
            server.start(0);
            docker = Docker.builder().host(DockerHost.tcp(server.getHostName(), server.getPort())).apiVersion("1.41")
                    .credentials(new CredentialStore(configDir, Map.of())).build();
        }

        void answer(String json) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(json).build());
        }

        RecordedRequest request() {
            try {
                return server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            docker.close();
            server.close();
        }
    }

    private Path config(String json) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("docker-config"));
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }

    /** A progress stream: one JSON object a line, as the daemon writes it. */
    private static String progress(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"message\":" + Json.write(message) + "}").build();
    }

    private static Map<?, ?> registryAuth(RecordedRequest r) throws IOException {
        return Json.mapper().readValue(Base64.getUrlDecoder().decode(r.getHeaders().get("X-Registry-Auth")),
                Map.class);
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        TestTar tar = new TestTar();
        for (Map.Entry<String, String> f : files.entrySet()) {
            tar.file(f.getKey(), f.getValue());
        }
        return tar.bytes();
    }

    /** The files of a tar body, by name. */
    private static Map<String, String> entries(ByteString body) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(body.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
