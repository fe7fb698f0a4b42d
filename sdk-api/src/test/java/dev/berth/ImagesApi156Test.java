package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ImageDetails;
import dev.berth.model.ImageSummary;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Image list and inspect against answers in the shapes of API 1.52 and later (values from the v1.56 spec's
 * examples): inspect leaves out empty legacy fields and unset config keys, and adds {@code Identity} (1.53).
 */
class ImagesApi156Test {
    /** What a BuildKit-built image looks like from API 1.53 on: no Parent, Comment, Author, DockerVersion. */
    private static final String INSPECT_156 = """
            {"Id":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710",
             "Descriptor":{"mediaType":"application/vnd.oci.image.index.v1+json",
                           "digest":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710",
                           "size":424},
             "Identity":{"Pull":[{"Repository":"docker.io/library/example"}],
                         "Build":[{"Ref":"q0b1ttn4cg4dm86y8vxj6eblx","CreatedAt":"2022-02-04T21:20:12.497794809Z"}]},
             "RepoTags":["example:1.0","example:latest"],
             "RepoDigests":["example@sha256:afcc7f1ac1b49db317a7196c902e61c6c3c4607d63599ee1a82d702d249a0ccb"],
             "Created":"2022-02-04T21:20:12.497794809Z",
             "Config":{"ExposedPorts":{"80/tcp":{}},"StopSignal":"SIGTERM"},
             "Architecture":"arm","Variant":"v7","Os":"linux","Size":1239828,
             "RootFS":{"Type":"layers","Layers":["sha256:1834950e52ce4d5a88a1bbd131615289f5bbba2e3ebd4afc29ca27b0f8c9ebf8"]},
             "Metadata":{"LastTagTime":"2022-02-28T14:40:02.623929178Z"}}""";

    @Test
    void inspectReadsTheOmittedLegacyFieldsAsEmptyAndKeepsIdentity() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(INSPECT_156);
            ImageDetails img = engine.docker().images().inspect("example:1.0");
            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.56/images/example:1.0/json", r.getUrl().encodedPath());
            assertNull(r.getUrl().encodedQuery(), "no manifests or platform asked for");

            assertEquals("", img.parent());
            assertEquals("", img.comment());
            assertEquals("", img.author());
            assertEquals(1239828, img.size());
            assertEquals("SIGTERM", img.config().stopSignal());
            assertEquals(List.of(), img.config().cmd(), "1.52 leaves unset config keys out: read as empty");
            assertEquals("", img.config().user());
            assertEquals(List.of("80/tcp"), img.config().exposedPorts());
            assertEquals(List.of("sha256:1834950e52ce4d5a88a1bbd131615289f5bbba2e3ebd4afc29ca27b0f8c9ebf8"),
                    img.rootFs().layers());
            Map<?, ?> identity = (Map<?, ?>) img.extras().get("Identity");
            assertEquals(List.of(Map.of("Repository", "docker.io/library/example")), identity.get("Pull"));
            assertTrue(img.extras().containsKey("Descriptor"));
        }
    }

    @Test
    void theOldShapeWithEmptyStringsReadsTheSame() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    {"Id":"sha256:ec3f","Parent":"","Comment":"","Author":"","DockerVersion":"20.10.24",
                     "Config":{"Cmd":null,"Entrypoint":null,"Env":null,"StopSignal":"SIGTERM"},"Size":1239828}""");
            ImageDetails img = engine.docker().images().inspect("sha256:ec3f");
            assertEquals("/v1.41/images/sha256:ec3f/json", engine.request().getUrl().encodedPath());
            assertEquals("", img.parent());
            assertEquals("", img.comment());
            assertEquals("", img.author());
            assertEquals(List.of(), img.config().cmd(), "null reads as empty, as an absent key does");
            assertEquals(List.of(), img.config().env());
        }
    }

    @Test
    void listAsksForNoIdentityAndReadsContainerCounts() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("""
                    [{"Id":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710",
                      "ParentId":"","RepoTags":["example:1.0","example:latest"],
                      "RepoDigests":["example@sha256:afcc7f1ac1b49db317a7196c902e61c6c3c4607d63599ee1a82d702d249a0ccb"],
                      "Created":1644009612,"Size":172064416,"SharedSize":-1,"Labels":{"com.example.some-label":"some-label-value"},
                      "Containers":2,
                      "Descriptor":{"mediaType":"application/vnd.oci.image.index.v1+json",
                                    "digest":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710","size":424}}]""");
            List<ImageSummary> images = engine.docker().images()
                    .list(ImageQuery.defaults().withFilters(Filters.of("dangling", "false")));
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/images/json", r.getUrl().encodedPath());
            // identity (1.54) needs manifests=1 and would make the daemon compute both for every image.
            assertNull(r.getUrl().queryParameter("identity"));
            assertNull(r.getUrl().queryParameter("manifests"));
            assertEquals("{\"dangling\":{\"false\":true}}", r.getUrl().queryParameter("filters"));

            ImageSummary img = images.get(0);
            assertEquals(2, img.containers());
            assertEquals(-1, img.sharedSize());
            assertEquals("some-label-value", img.labels().get("com.example.some-label"));
            assertFalse(img.extras().containsKey("Identity"));
        }
    }
}
