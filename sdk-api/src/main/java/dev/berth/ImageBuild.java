package dev.berth;

import dev.berth.errors.BuildFailedException;
import dev.berth.errors.CredentialsException;
import dev.berth.errors.StreamException;
import dev.berth.model.ProgressEvent;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code docker build}: the request with its options, the context streamed as a tar, the output read. */
final class ImageBuild {
    private static final Logger LOG = LoggerFactory.getLogger(ImageBuild.class);

    private final Transport transport;
    private final CredentialStore credentials;
    private String step = "";
    private String imageId;

    ImageBuild(Transport transport, CredentialStore credentials) {
        this.transport = transport;
        this.credentials = credentials;
    }

    String run(BuildSpec spec, Consumer<String> output) {
        ApiRequest.Builder b = ApiRequest.post("/build").query("dockerfile", spec.dockerfile)
                .queryJson("buildargs", spec.buildArgs.isEmpty() ? null : spec.buildArgs)
                .queryJson("labels", spec.labels.isEmpty() ? null : spec.labels)
                .queryJson("cachefrom", spec.cacheFrom.isEmpty() ? null : spec.cacheFrom)
                .query("target", spec.target).query("nocache", spec.noCache ? true : null)
                .query("pull", spec.pull ? true : null)
                .query("rm", spec.intermediate != BuildSpec.Intermediate.KEEP)
                .query("forcerm", spec.intermediate == BuildSpec.Intermediate.ALWAYS_REMOVE ? true : null)
                .query("networkmode", spec.network)
                .query("platform", spec.platform)
                .query("extrahosts", spec.extraHosts.isEmpty() ? null : String.join(",", spec.extraHosts))
                .query("version", "1")
                .body("application/x-tar", out -> writeContext(spec, out));
        for (String t : spec.tags) {
            b.query("t", t);
        }
        String registryConfig = registryConfig();
        if (registryConfig != null) {
            b.header("X-Registry-Config", registryConfig);
        }
        ApiResponse r = transport.send(b.streaming().build());
        try (JsonStream<ProgressEvent> events = JsonStream.of(r.body(), ProgressEvent.class, r.request())) {
            while (events.hasNext()) {
                handle(events.next(), output);
            }
        } catch (BuildFailedException e) {
            throw e;
        } catch (StreamException e) {
            throw new BuildFailedException(step, e.daemonMessage(), r.request());
        }
        if (imageId == null) {
            throw new BuildFailedException(step, "the daemon did not report an image id", r.request());
        }
        return imageId;
    }

    private void handle(ProgressEvent e, Consumer<String> output) {
        if (e.aux() != null && e.aux().get("ID") instanceof String id) {
            imageId = id;
        }
        String text = e.stream();
        if (text == null) {
            return;
        }
        output.accept(text);
        String line = text.trim();
        if (line.startsWith("Step ") || line.startsWith("STEP ")) { // the classic builder; Podman's buildah
            step = line;
        } else if (line.startsWith("Successfully built ") && imageId == null) {
            imageId = line.substring("Successfully built ".length()).trim();
        }
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
