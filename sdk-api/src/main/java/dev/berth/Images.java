package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.BuildFailedException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.model.ImageDetails;
import dev.berth.model.ImageHistoryItem;
import dev.berth.model.ImageRemoval;
import dev.berth.model.ImageSummary;
import dev.berth.model.ProgressEvent;
import dev.berth.model.PruneResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The image half of the {@code docker} CLI: images, inspect, history, tag, rmi, prune, search, pull, push, commit,
 * import, save, load, build. Pulls and pushes find credentials as the CLI does ({@code config.json}, credential
 * helpers), unless given; their progress arrives as {@link ProgressEvent}s, and an error inside the stream raises
 * {@link StreamException}, never a silent success.
 *
 * <pre>{@code
 * Images images = docker.images();
 * TransferProgress progress = new TransferProgress();
 * images.pull("127.0.0.1:5000/team/app:1.0", progress);
 * images.tag("127.0.0.1:5000/team/app:1.0", "app:latest");
 * images.remove("app:latest", false, false).forEach(System.out::println);
 * }</pre>
 */
public final class Images {
    private static final JavaType SUMMARIES = list(ImageSummary.class);
    private static final JavaType HISTORY = list(ImageHistoryItem.class);
    private static final JavaType REMOVALS = list(ImageRemoval.class);
    private static final Consumer<ProgressEvent> IGNORE = e -> { };

    private final Transport transport;
    private final CredentialStore credentials;

    Images(Transport transport, CredentialStore credentials) {
        this.transport = transport;
        this.credentials = credentials;
    }

    private static JavaType list(Class<?> element) {
        return Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** {@code docker images}: tagged images; {@code all} adds intermediate ones ({@code -a}). */
    public List<ImageSummary> list(boolean all) {
        return list(all, Map.of());
    }

    /** {@code docker images --filter}: such as {@code dangling=true}, {@code label=k=v}, {@code reference=app:*}. */
    public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
        // No digests=1: the daemon fills RepoDigests anyway, the CLI never sends it, and Podman 4.3 answers it
        // with an empty 200 body.
        return transport.json(ApiRequest.get("/images/json").query("all", all ? true : null)
                .filters(filters).build(), SUMMARIES);
    }

    /** {@code docker image inspect}, including the layer list. */
    public ImageDetails inspect(String name) {
        return transport.json(ApiRequest.get("/images/{name}/json", name).build(), ImageDetails.class);
    }

    /** Whether the daemon has the image. */
    public boolean exists(String name) {
        try {
            transport.send(ApiRequest.get("/images/{name}/json", name).build()).discard();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** {@code docker history}: the steps that made the image, newest first. */
    public List<ImageHistoryItem> history(String name) {
        return transport.json(ApiRequest.get("/images/{name}/history", name).build(), HISTORY);
    }

    /** {@code docker search}: Docker Hub's answer for {@code term} (needs the daemon to reach Docker Hub). */
    public List<Map<String, Object>> search(String term, int limit) {
        return transport.json(ApiRequest.get("/images/search").query("term", term)
                .query("limit", limit > 0 ? limit : null).build(),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, Map.class));
    }

    /** The registry's descriptor and platforms for an image, without pulling it ({@code GET /distribution}). */
    public Map<String, Object> distribution(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = transport.json(ApiRequest.get("/distribution/{name}/json", name)
                .registryAuth(authFor(name).toHeader()).build(), Map.class);
        return r;
    }

    // ---- names -----------------------------------------------------------------------------------------------

    /** {@code docker tag SOURCE TARGET}; a target without tag gets {@code latest}. */
    public void tag(String source, String target) {
        ImageReference t = ImageReference.parse(target);
        if (t.tagOrDigest().startsWith("sha256:")) {
            throw new IllegalArgumentException("a tag target cannot be a digest: " + target);
        }
        transport.send(ApiRequest.post("/images/{name}/tag", source).query("repo", t.repository())
                .query("tag", t.tagOrDigest()).build()).discard();
    }

    /**
     * {@code docker rmi}: returns what was untagged and deleted.
     *
     * @param force remove even when containers use it, and every tag of it
     * @param noPrune keep untagged parents
     */
    public List<ImageRemoval> remove(String name, boolean force, boolean noPrune) {
        return transport.json(ApiRequest.delete("/images/{name}", name).query("force", force ? true : null)
                .query("noprune", noPrune ? true : null).build(), REMOVALS);
    }

    /** {@code docker image prune}: dangling images, or all unused with filter {@code dangling=false}. */
    public PruneResult prune(Map<String, List<String>> filters) {
        Map<?, ?> r = transport.json(ApiRequest.post("/images/prune").filters(filters).build(), Map.class);
        List<String> deleted = new ArrayList<>();
        if (r.get("ImagesDeleted") instanceof List<?> items) {
            for (Object o : items) {
                if (o instanceof Map<?, ?> m && m.get("Deleted") != null) {
                    deleted.add(String.valueOf(m.get("Deleted")));
                }
            }
        }
        Object space = r.get("SpaceReclaimed");
        return new PruneResult(deleted, space instanceof Number n ? n.longValue() : 0);
    }

    // ---- registries ------------------------------------------------------------------------------------------

    /** {@code docker pull}, with credentials found as the CLI finds them. */
    public void pull(String reference) {
        pull(reference, IGNORE);
    }

    /** {@code docker pull}, reporting progress to {@code progress}. */
    public void pull(String reference, Consumer<ProgressEvent> progress) {
        pull(reference, null, authFor(reference), progress);
    }

    /**
     * {@code docker pull --platform}, with explicit credentials.
     *
     * @param reference {@code name[:tag|@digest]}; no tag means {@code latest}
     * @param platform such as {@code linux/arm64}, or null
     * @param auth credentials, or {@link AuthConfig#anonymous()}
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String reference, String platform, AuthConfig auth, Consumer<ProgressEvent> progress) {
        ImageReference ref = ImageReference.parse(reference);
        progress(ApiRequest.post("/images/create").query("fromImage", ref.repository())
                .query("tag", ref.tagOrDigest()).query("platform", platform)
                .registryAuth(auth.toHeader()), progress);
    }

    /** {@code docker pull --all-tags}: every tag of {@code repository}. */
    public void pullAllTags(String repository, Consumer<ProgressEvent> progress) {
        progress(ApiRequest.post("/images/create").query("fromImage", repository)
                .registryAuth(authFor(repository).toHeader()), progress);
    }

    /** {@code docker push}, with credentials found as the CLI finds them. */
    public void push(String reference, Consumer<ProgressEvent> progress) {
        push(reference, authFor(reference), progress);
    }

    /**
     * {@code docker push} with explicit credentials; no tag means {@code latest}.
     *
     * @throws StreamException when the registry refuses (for example without credentials)
     */
    public void push(String reference, AuthConfig auth, Consumer<ProgressEvent> progress) {
        ImageReference ref = ImageReference.parse(reference);
        progress(ApiRequest.post("/images/{name}/push", ref.repository()).query("tag", ref.tagOrDigest())
                .registryAuth(auth.toHeader()), progress);
    }

    AuthConfig authFor(String reference) {
        return credentials.lookup(reference).orElse(AuthConfig.anonymous());
    }

    /** Sends a request whose answer is a progress stream and hands each event on; errors in it raise. */
    private void progress(ApiRequest.Builder request, Consumer<ProgressEvent> listener) {
        ApiResponse r = transport.send(request.streaming().build());
        try (JsonStream<ProgressEvent> events = JsonStream.of(r.body(), ProgressEvent.class, r.request())) {
            events.forEachRemaining(listener);
        }
    }

    // ---- making images ---------------------------------------------------------------------------------------

    /**
     * {@code docker commit}: a new image from a container's changes; returns its id.
     *
     * @param container the container
     * @param repoTag {@code repo[:tag]}, or null for an untagged image
     * @param message the commit message ({@code -m}), or null
     * @param author the author ({@code -a}), or null
     * @param changes Dockerfile instructions to apply ({@code -c}), such as {@code CMD ["sh"]}
     * @param pause whether to pause the container while committing (the CLI's default)
     */
    public String commit(String container, String repoTag, String message, String author, List<String> changes,
                         boolean pause) {
        ApiRequest.Builder b = ApiRequest.post("/commit").query("container", container).query("comment", message)
                .query("author", author).query("pause", pause);
        if (repoTag != null) {
            ImageReference ref = ImageReference.parse(repoTag);
            b.query("repo", ref.repository()).query("tag", ref.tagOrDigest());
        }
        for (String change : changes) {
            b.query("changes", change);
        }
        Map<?, ?> r = transport.json(b.json(Map.of()).build(), Map.class);
        return withDigestPrefix((String) r.get("Id"));
    }

    /**
     * {@code docker import}: a filesystem tar (read as it is sent) becomes an image; returns its id.
     *
     * @param tar the root filesystem as a tar (plain or compressed)
     * @param repoTag {@code repo[:tag]}, or null
     * @param changes Dockerfile instructions ({@code -c})
     * @param message the commit message ({@code -m}), or null
     */
    public String importTar(InputStream tar, String repoTag, List<String> changes, String message) {
        ApiRequest.Builder b = ApiRequest.post("/images/create").query("fromSrc", "-").query("message", message)
                .body("application/x-tar", out -> tar.transferTo(out));
        return importRequest(b, repoTag, changes);
    }

    /** {@code docker import FILE}. */
    public String importTar(Path tar, String repoTag, List<String> changes, String message) {
        try (InputStream in = Files.newInputStream(tar)) {
            return importTar(in, repoTag, changes, message);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + tar, e);
        }
    }

    /** {@code docker import URL}: the daemon downloads the tar itself. */
    public String importUrl(URL url, String repoTag, List<String> changes, String message) {
        return importRequest(ApiRequest.post("/images/create").query("fromSrc", url.toString())
                .query("message", message), repoTag, changes);
    }

    private String importRequest(ApiRequest.Builder b, String repoTag, List<String> changes) {
        b.query("repo", repoTag); // "name:tag" in one parameter, as the CLI sends it (Podman reads only this form)
        for (String change : changes) {
            b.query("changes", change);
        }
        String[] imported = new String[1];
        progress(b, e -> {
            String s = e.status();
            if (s != null && (s.startsWith("sha256:") || s.matches("[0-9a-f]{64}"))) {
                imported[0] = withDigestPrefix(s);
            }
        });
        if (imported[0] == null) {
            throw new StreamException("the daemon did not say which image it imported", "POST /images/create");
        }
        return imported[0];
    }

    /** Docker answers {@code sha256:<hex>}; Podman sometimes the bare hex: one form for callers. */
    static String withDigestPrefix(String id) {
        return id != null && id.matches("[0-9a-f]{64}") ? "sha256:" + id : id;
    }

    /** {@code docker save}: one or more images as a tar stream, read as the daemon writes it; close it when done. */
    public InputStream save(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("save needs at least one image");
        }
        ApiRequest.Builder b = ApiRequest.get("/images/get");
        for (String n : names) {
            b.query("names", n);
        }
        return transport.send(b.streaming().build()).body();
    }

    /** {@code docker save -o FILE}. */
    public void save(Path target, String... names) {
        try (InputStream tar = save(names)) {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("saving images to " + target, e);
        }
    }

    /**
     * {@code docker load}: images from a tar (read as it is sent); returns the names (or ids) loaded.
     *
     * @throws StreamException when the daemon rejects the tar
     */
    public List<String> load(InputStream tar) {
        ApiRequest.Builder b = ApiRequest.post("/images/load").query("quiet", false)
                .body("application/x-tar", out -> tar.transferTo(out));
        List<String> loaded = new ArrayList<>();
        progress(b, e -> {
            String line = e.stream() != null ? e.stream().trim() : e.status();
            if (line != null && line.startsWith("Loaded image")) {
                loaded.add(line.substring(line.indexOf(':') + 1).trim());
            }
        });
        return loaded;
    }

    /** {@code docker load -i FILE}. */
    public List<String> load(Path tar) {
        try (InputStream in = Files.newInputStream(tar)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + tar, e);
        }
    }

    /** {@code docker build}; returns the image id. */
    public String build(BuildSpec spec) {
        return build(spec, line -> { });
    }

    /**
     * {@code docker build} with the classic builder, handing each line of step output to {@code output} as it comes.
     *
     * @return the image id
     * @throws BuildFailedException when a step fails, naming the step and carrying the daemon's message
     */
    public String build(BuildSpec spec, Consumer<String> output) {
        return new ImageBuild(transport, credentials).run(spec, output);
    }
}
