package dev.berth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.BuildFailedException;
import dev.berth.errors.CredentialsException;
import dev.berth.errors.DockerException;
import dev.berth.errors.StreamException;
import dev.berth.internal.BuildProgress;
import dev.berth.internal.BuildTrace;
import dev.berth.internal.DockerfileImages;
import dev.berth.model.BuildEvent;
import dev.berth.model.BuildStep;
import dev.berth.model.internal.Masking;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code docker build}: the request with its options, the context streamed as a tar, the output read. With
 * BuildKit ({@code version=2}) the output is {@code moby.buildkit.trace} messages (decoded by {@link BuildTrace},
 * folded into events by {@link BuildProgress}) and the result {@code moby.image.id}; with the classic builder, text.
 */
final class ImageBuild {
    private static final Logger LOG = LoggerFactory.getLogger(ImageBuild.class);

    private final Transport transport;
    private final CredentialStore credentials;
    private final Images images;
    private static final String TRACE = "moby.buildkit.trace";
    /** The most of a Dockerfile read to find its base images. */
    private static final int MAX_DOCKERFILE_BYTES = 1 << 20;

    private String step = "";
    private boolean traceWarned;
    private String imageId;

    ImageBuild(Transport transport, CredentialStore credentials, Images images) {
        this.transport = transport;
        this.credentials = credentials;
        this.images = images;
    }

    /**
     * Runs the build, handing progress to {@code events}.
     *
     * @return the image id
     */
    String run(BuildSpec spec, Consumer<BuildEvent> events) {
        boolean buildKit = usesBuildKit(spec);
        if (buildKit) {
            pullBaseImages(spec, events);
        }
        ApiRequest.Builder b = ApiRequest.post("/build").query("dockerfile", spec.dockerfile)
                .queryJson("buildargs", spec.buildArgs.isEmpty() ? null : spec.buildArgs)
                .queryJson("labels", spec.labels.isEmpty() ? null : spec.labels)
                .queryJson("cachefrom", spec.cacheFrom.isEmpty() ? null : spec.cacheFrom)
                .query("target", spec.target).query("nocache", spec.noCache ? true : null)
                .query("pull", spec.pull && !buildKit ? true : null) // BuildKit: pulled above
                .query("rm", spec.intermediate != BuildSpec.Intermediate.KEEP)
                .query("forcerm", spec.intermediate == BuildSpec.Intermediate.ALWAYS_REMOVE ? true : null)
                .query("networkmode", spec.network)
                .query("platform", spec.platform)
                .query("extrahosts", spec.extraHosts.isEmpty() ? null : String.join(",", spec.extraHosts))
                .query("version", buildKit ? "2" : "1")
                .query("buildid", spec.buildId)
                .body("application/x-tar", out -> writeContext(spec, out));
        for (String t : spec.tags) {
            b.query("t", t);
        }
        String registryConfig = registryConfig();
        if (registryConfig != null) {
            b.header("X-Registry-Config", registryConfig);
        }
        BuildProgress progress = new BuildProgress(events);
        ApiResponse r = transport.send(b.streaming().build());
        try (JsonStream<JsonNode> messages = JsonStream.of(r.body(), JsonNode.class, r.request())) {
            while (messages.hasNext()) {
                handle(messages.next(), progress, events);
            }
        } catch (StreamException e) {
            progress.finish();
            if (!buildKit) {
                throw new BuildFailedException(masked(spec, step), masked(spec, e.daemonMessage()), r.request());
            }
            BuildStep failed = progress.failedStep();
            throw new BuildFailedException(failed == null ? "" : masked(spec, failed.name()),
                    masked(spec, e.daemonMessage()),
                    progress.lastLines(failed).stream().map(l -> masked(spec, l)).toList(), r.request());
        }
        progress.finish();
        if (imageId == null) {
            throw new BuildFailedException(step, "the daemon did not report an image id", r.request());
        }
        return imageId;
    }

    /**
     * BuildKit names a step with its build args expanded ({@code [2/2] RUN test -z "hunter2"}): an exception must not
     * carry the value of a build arg whose name says it is secret, so it is masked in the step, message and lines.
     */
    static String masked(BuildSpec spec, String text) {
        String out = text;
        for (Map.Entry<String, String> arg : spec.buildArgs.entrySet()) {
            if (Masking.isSecretName(arg.getKey()) && !arg.getValue().isEmpty()) {
                out = out.replace(arg.getValue(), Masking.MASK);
            }
        }
        return out;
    }

    /**
     * BuildKit without a session cannot ask Berth for registry credentials, and resolves only images the daemon has
     * ({@code no active sessions} otherwise, even for a public image): the images the Dockerfile reads are pulled
     * first, with Berth's credential lookup, when missing, or always with {@code --pull}. A tar context is sent as
     * it is (reading its Dockerfile would mean buffering it): its images must be present.
     */
    private void pullBaseImages(BuildSpec spec, Consumer<BuildEvent> events) {
        String dockerfile = dockerfileText(spec);
        if (dockerfile == null) {
            return;
        }
        for (DockerfileImages.Image image : DockerfileImages.of(dockerfile, spec.buildArgs)) {
            if (!spec.pull && images.exists(image.reference())) {
                continue;
            }
            String platform = !image.platform().isEmpty() ? image.platform() : spec.platform;
            PullOptions options = platform == null || platform.isEmpty() ? PullOptions.defaults()
                    : PullOptions.defaults().withPlatform(platform);
            Instant start = Instant.now();
            try {
                images.pull(image.reference(), options, e -> { });
            } catch (DockerException e) {
                throw new BuildFailedException("pulling " + image.reference(), e.daemonMessage(), e.request());
            }
            events.accept(new BuildEvent.BaseImagePulled(image.reference(), Duration.between(start, Instant.now())));
        }
    }

    private static String dockerfileText(BuildSpec spec) {
        switch (spec.source) {
            case DOCKERFILE_TEXT:
                return spec.dockerfileText;
            case DIRECTORY:
                // bounded: a context's "Dockerfile" may be anything; a larger one is left to the daemon
                try (InputStream in = Files.newInputStream(spec.directory.resolve(spec.dockerfile))) {
                    byte[] text = in.readNBytes(MAX_DOCKERFILE_BYTES + 1);
                    return text.length > MAX_DOCKERFILE_BYTES ? null : new String(text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return null; // the daemon says what is wrong with the context
                }
            default:
                return null;
        }
    }

    /** BuildKit when asked for, or when the daemon offers it ({@code Builder-Version: 2}) and classic is not asked. */
    private boolean usesBuildKit(BuildSpec spec) {
        switch (spec.builder) {
            case CLASSIC:
                return false;
            case BUILDKIT:
                return true;
            default:
                return "2".equals(new DockerSystem(transport).ping().builderVersion());
        }
    }

    private void handle(JsonNode m, BuildProgress progress, Consumer<BuildEvent> events) {
        JsonNode aux = m.get("aux");
        if (TRACE.equals(m.path("id").asText()) && aux != null && aux.isTextual()) {
            trace(aux.asText(), progress);
            return;
        }
        if (aux != null && aux.path("ID").isTextual()) { // {"id":"moby.image.id","aux":{"ID":..}}, or classic's
            imageId = aux.path("ID").asText();
        }
        JsonNode stream = m.get("stream");
        if (stream == null || !stream.isTextual()) {
            return;
        }
        String text = stream.asText();
        events.accept(new BuildEvent.Output(text));
        String line = text.trim();
        if (line.startsWith("Step ") || line.startsWith("STEP ")) { // the classic builder; Podman's buildah
            step = line;
        } else if (line.startsWith("Successfully built ") && imageId == null) {
            imageId = line.substring("Successfully built ".length()).trim();
        }
    }

    private void trace(String base64, BuildProgress progress) {
        BuildTrace.Status status;
        try {
            status = BuildTrace.decode(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            // progress is for showing; a message Berth cannot read must not fail a build that works
            if (!traceWarned) {
                traceWarned = true;
                LOG.warn("skipping BuildKit progress Berth cannot decode: {}", e.getMessage());
            }
            return;
        }
        progress.accept(status);
    }

    private String registryConfig() {
        try {
            Map<String, AuthConfig> all = credentials.all();
            return all.isEmpty() ? null : AuthConfig.encodeRegistryConfig(all);
        } catch (CredentialsException e) {
            LOG.warn("building without registry credentials: {}", e.getMessage());
            return null;
        }
    }

    private static void writeContext(BuildSpec spec, OutputStream out) throws IOException {
        switch (spec.source) {
            case DIRECTORY:
                DockerIgnore ignore = DockerIgnore.read(spec.directory)
                        .withAlwaysIncluded(spec.dockerfile, ".dockerignore");
                TarArchives.writeDirectory(spec.directory, out, ignore);
                break;
            case TAR:
                spec.tar.transferTo(out);
                break;
            default:
                Map<String, byte[]> files = new TreeMap<>(spec.files);
                files.put(spec.dockerfile, spec.dockerfileText.getBytes(StandardCharsets.UTF_8));
                writeFiles(files, out);
        }
    }

    /** A context of in-memory files: uid/gid 0, mode 0644, sorted, so the build cache hits. */
    private static void writeFiles(Map<String, byte[]> files, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out); // finished, not closed: out is the request body
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
            entry.setSize(f.getValue().length);
            entry.setMode(0100644);
            tar.putArchiveEntry(entry);
            tar.write(f.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
    }
}
