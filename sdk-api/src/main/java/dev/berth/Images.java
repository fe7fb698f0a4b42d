package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.BuildFailedException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.internal.ImageReference;
import dev.berth.model.BuildEvent;
import dev.berth.model.DistributionInspect;
import dev.berth.model.ImageDetails;
import dev.berth.model.ImageHistoryItem;
import dev.berth.model.ImageRemoval;
import dev.berth.model.ImageSearchResult;
import dev.berth.model.ImageSummary;
import dev.berth.model.ProgressEvent;
import dev.berth.model.PruneResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.ApiVersion;
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
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The image half of the {@code docker} CLI: images, inspect, history, tag, rmi, prune, search, pull, push, commit,
 * import, save, load, build. Pulls and pushes find credentials as the CLI does ({@code config.json}, credential
 * helpers), unless given; their progress arrives as {@link ProgressEvent}s, and an error inside the stream raises
 * {@link StreamException}, never a silent success. Every call throws the {@link dev.berth.errors.DockerException}s
 * of its status: {@link NotFoundException} for a missing image or container, and so on.
 *
 * <pre>{@code
 * Images images = docker.images();
 * TransferProgress progress = new TransferProgress();
 * images.pull("127.0.0.1:5000/team/app:1.0", progress);
 * images.tag("127.0.0.1:5000/team/app:1.0", "app:latest");
 * images.remove("app:latest").forEach(System.out::println);   // Untagged: app:latest
 * }</pre>
 */
public final class Images {
    private static final JavaType SUMMARIES = list(ImageSummary.class);
    private static final JavaType HISTORY = list(ImageHistoryItem.class);
    private static final JavaType REMOVALS = list(ImageRemoval.class);
    private static final JavaType SEARCH_RESULTS = list(ImageSearchResult.class);
    private static final Consumer<ProgressEvent> IGNORE = e -> { };

    private final Transport transport;
    private final CredentialStore credentials;

    Images(Transport transport, CredentialStore credentials) {
        this.transport = transport;
        this.credentials = credentials;
    }

    private static JavaType list(Class<?> element) {
        return Json.typeFactory().constructCollectionType(List.class, element);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /**
     * {@code docker images}: the top-level images, tagged and dangling.
     *
     * @return the images, as {@code docker images} lists them
     */
    public List<ImageSummary> list() {
        return list(ImageQuery.defaults());
    }

    /**
     * {@code docker images -a --filter ...}: the images {@code query} selects.
     *
     * @param query {@code -a}, the filters and whether shared sizes are computed
     * @return the matching images
     */
    public List<ImageSummary> list(ImageQuery query) {
        // No digests=1: the daemon fills RepoDigests anyway, the CLI never sends it, and Podman 4.3 answers it
        // with an empty 200 body.
        return transport.json(ApiRequest.get("/images/json").query("all", query.all ? true : null)
                .query("shared-size", query.sharedSize ? true : null).filters(query.filters.asMap()).build(),
                SUMMARIES);
    }

    /**
     * {@code docker image inspect}, including the layer list.
     *
     * @param name the image's name, {@code name:tag}, id or digest
     * @return the image, with its config, layers and sizes
     * @throws NotFoundException when there is no such image
     */
    public ImageDetails inspect(String name) {
        return transport.json(ApiRequest.get("/images/{name}/json", name).build(), ImageDetails.class);
    }

    /**
     * Whether the daemon has the image ({@code docker image inspect} without the error).
     *
     * @param name the image's name, {@code name:tag}, id or digest
     * @return true when the image is there; false on a 404
     */
    public boolean exists(String name) {
        try {
            transport.send(ApiRequest.get("/images/{name}/json", name).build()).discard();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * {@code docker history}: the steps that made the image, newest first.
     *
     * @param name the image's name, {@code name:tag}, id or digest
     * @return the history entries, newest first
     * @throws NotFoundException when there is no such image
     */
    public List<ImageHistoryItem> history(String name) {
        return transport.json(ApiRequest.get("/images/{name}/history", name).build(), HISTORY);
    }

    /**
     * {@code docker search TERM}: Docker Hub's first 25 repositories for {@code term}.
     *
     * @param term what to search for, such as {@code nginx}
     * @return the matching repositories, as Docker Hub ranks them
     */
    public List<ImageSearchResult> search(String term) {
        return search(term, SearchOptions.defaults());
    }

    /**
     * {@code docker search --limit --filter TERM}: Docker Hub's repositories for {@code term}. The daemon asks Docker
     * Hub, so it needs to reach it.
     *
     * @param term what to search for, such as {@code nginx}
     * @param options the limit and the filters
     * @return the matching repositories, as Docker Hub ranks them
     * @throws dev.berth.errors.DockerException when the daemon cannot reach Docker Hub (a 500 or 503)
     */
    public List<ImageSearchResult> search(String term, SearchOptions options) {
        return transport.json(ApiRequest.get("/images/search")
                .query("term", ImageReference.requireText(term, "search term"))
                .query("limit", options.limit > 0 ? options.limit : null).filters(options.filters.asMap()).build(),
                SEARCH_RESULTS);
    }

    /**
     * What the registry holds for {@code name}, without pulling it ({@code docker buildx imagetools inspect}): the
     * digest of the manifest or index, and its platforms. Credentials are found as for a pull.
     *
     * @param name {@code name[:tag|@digest]}; no tag means {@code latest}
     * @return the descriptor of the manifest or index, and its platforms
     * @throws dev.berth.errors.UnauthorizedException when the registry refuses, which is also how it answers for
     *         a name it does not have
     * @throws NotFoundException when the name is unknown
     */
    public DistributionInspect distribution(String name) {
        return transport.json(ApiRequest.get("/distribution/{name}/json", name)
                .registryAuth(storedAuth(name).toHeader()).build(), DistributionInspect.class);
    }

    // ---- names -----------------------------------------------------------------------------------------------

    /**
     * {@code docker tag SOURCE TARGET}; a target without tag gets {@code latest}.
     *
     * @param source the image's name, {@code name:tag}, id or digest
     * @param target the new name, {@code name[:tag]}
     * @throws IllegalArgumentException when {@code target} is a digest
     * @throws NotFoundException when there is no image {@code source}
     */
    public void tag(String source, String target) {
        ImageReference t = ImageReference.parseTag(target);
        transport.send(ApiRequest.post("/images/{name}/tag", source).query("repo", t.repository())
                .query("tag", t.tagOrLatest()).build()).discard();
    }

    /**
     * {@code docker rmi NAME}: removes the name, and the image with its untagged parents when no other name is
     * left.
     *
     * @param name the image's name, {@code name:tag}, id or digest
     * @return what was untagged and deleted, as the CLI prints it
     * @throws NotFoundException when there is no such image
     * @throws dev.berth.errors.ConflictException when a container uses the image, or (given an id) it has several
     *         tags
     */
    public List<ImageRemoval> remove(String name) {
        return remove(name, ImageRemoveOptions.defaults());
    }

    /**
     * {@code docker rmi -f --no-prune NAME}.
     *
     * @param name the image's name, {@code name:tag}, id or digest
     * @param options {@code -f} and {@code --no-prune}
     * @return what was untagged and deleted, as the CLI prints it
     * @throws NotFoundException when there is no such image
     * @throws dev.berth.errors.ConflictException when a running container uses the image, or without force a
     *         stopped one
     */
    public List<ImageRemoval> remove(String name, ImageRemoveOptions options) {
        return transport.json(ApiRequest.delete("/images/{name}", name).query("force", options.force ? true : null)
                .query("noprune", options.noPrune ? true : null).build(), REMOVALS);
    }

    /**
     * {@code docker image prune}: removes the dangling images (untagged, used by no container).
     *
     * @return the ids of the deleted images and layers, and the space freed
     */
    public PruneResult prune() {
        return prune(Filters.none());
    }

    /**
     * {@code docker image prune --filter}: removes the dangling images that match {@code until=TIME} or
     * {@code label=...}; with {@code dangling=false}, every unused image that matches, as {@code -a} (which
     * {@link #prune(ImagePruneOptions)} says by name).
     *
     * @param filters the filters; {@link Filters#none()} for every dangling image
     * @return the ids of the deleted images and layers, and the space freed
     */
    public PruneResult prune(Filters filters) {
        PruneAnswer r = transport.json(ApiRequest.post("/images/prune").filters(filters.asMap()).build(),
                PruneAnswer.class);
        List<String> deleted = new ArrayList<>();
        for (ImageRemoval removal : r.imagesDeleted() == null ? List.<ImageRemoval>of() : r.imagesDeleted()) {
            if (removal.deleted() != null) {
                deleted.add(removal.deleted());
            }
        }
        return new PruneResult(deleted, r.spaceReclaimed());
    }

    /**
     * {@code docker image prune [-a] --filter}: removes the dangling images, or with {@link ImagePruneOptions#all()}
     * every image no container uses.
     *
     * @param options {@code -a} and the filters
     * @return the ids of the deleted images and layers, and the space freed
     */
    public PruneResult prune(ImagePruneOptions options) {
        return prune(options.daemonFilters());
    }

    /** {@code POST /images/prune}'s answer, whose list holds removals rather than the ids other prunes return. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PruneAnswer(@JsonProperty("ImagesDeleted") List<ImageRemoval> imagesDeleted,
                       @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    // ---- registries ------------------------------------------------------------------------------------------

    /**
     * {@code docker pull NAME}, with credentials found as the CLI finds them.
     *
     * @param reference {@code name[:tag|@digest]}; no tag means {@code latest}
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String reference) {
        pull(reference, PullOptions.defaults(), IGNORE);
    }

    /**
     * {@code docker pull NAME}, reporting progress to {@code progress}.
     *
     * @param reference {@code name[:tag|@digest]}; no tag means {@code latest}
     * @param progress receives each progress event of the pull
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String reference, Consumer<ProgressEvent> progress) {
        pull(reference, PullOptions.defaults(), progress);
    }

    /**
     * {@code docker pull --platform --all-tags NAME}, reporting progress to {@code progress}.
     *
     * @param reference {@code name[:tag|@digest]}; no tag means {@code latest}, unless all tags are asked for
     * @param options the platform, {@code --all-tags} and the credentials
     * @param progress receives each progress event of the pull
     * @throws IllegalArgumentException when all tags are asked for and {@code reference} names a tag or digest
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String reference, PullOptions options, Consumer<ProgressEvent> progress) {
        ImageReference ref = ImageReference.parse(reference);
        String tag = allTags(options.allTags, ref, reference);
        progress(ApiRequest.post("/images/create").query("fromImage", ref.repository()).query("tag", tag)
                .query("platform", options.platform.isEmpty() ? null : options.platform)
                .registryAuth(options.authOr(() -> storedAuth(reference)).toHeader()), progress);
    }

    /**
     * {@code docker push NAME}, with credentials found as the CLI finds them; no tag means {@code latest}.
     *
     * @param reference {@code name[:tag]} of a local image
     * @throws StreamException when the registry refuses (for example without credentials)
     */
    public void push(String reference) {
        push(reference, PushOptions.defaults(), IGNORE);
    }

    /**
     * {@code docker push NAME}, reporting progress to {@code progress}.
     *
     * @param reference {@code name[:tag]} of a local image
     * @param progress receives each progress event of the push
     * @throws StreamException when the registry refuses (for example without credentials)
     */
    public void push(String reference, Consumer<ProgressEvent> progress) {
        push(reference, PushOptions.defaults(), progress);
    }

    /**
     * {@code docker push --all-tags NAME}, reporting progress to {@code progress}.
     *
     * @param reference {@code name[:tag]} of a local image; only {@code name} with {@code --all-tags}
     * @param options {@code --all-tags} and the credentials
     * @param progress receives each progress event of the push
     * @throws IllegalArgumentException when all tags are asked for and {@code reference} names a tag or digest
     * @throws NotFoundException when there is no such local image
     * @throws StreamException when the registry refuses (for example without credentials)
     */
    public void push(String reference, PushOptions options, Consumer<ProgressEvent> progress) {
        ImageReference ref = ImageReference.parse(reference);
        String tag = allTags(options.allTags, ref, reference);
        progress(ApiRequest.post("/images/{name}/push", ref.repository()).query("tag", tag)
                .registryAuth(options.authOr(() -> storedAuth(reference)).toHeader()), progress);
    }

    /** The tag to send: none for every tag (then the name must not give one), else the one named or latest. */
    private static String allTags(boolean allTags, ImageReference ref, String reference) {
        if (!allTags) {
            return ref.tagOrLatest();
        }
        if (!ref.tagOrDigest().isEmpty()) {
            throw new IllegalArgumentException("allTags: the name must have no tag or digest: " + reference);
        }
        return null;
    }

    private AuthConfig storedAuth(String reference) {
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
     * {@code docker commit CONTAINER}: an untagged image of the container's changes, the container paused meanwhile.
     *
     * @param container the container's id or name
     * @return the new image's id
     * @throws NotFoundException when there is no such container
     */
    public String commit(String container) {
        return commit(container, CommitOptions.defaults());
    }

    /**
     * {@code docker commit -m -a -c CONTAINER REPO:TAG}: a new image of the container's changes.
     *
     * @param container the container's id or name
     * @param options the new image's name, message, author and changes, and whether the container is paused
     * @return the new image's id
     * @throws NotFoundException when there is no such container
     * @throws dev.berth.errors.BadRequestException when a change is not an instruction commit can apply
     */
    public String commit(String container, CommitOptions options) {
        ApiRequest.Builder b = ApiRequest.post("/commit").query("container", container)
                .query("comment", options.message.isEmpty() ? null : options.message)
                .query("author", options.author.isEmpty() ? null : options.author).query("pause", options.pause);
        if (!options.repoTag.isEmpty()) {
            ImageReference ref = ImageReference.parse(options.repoTag);
            b.query("repo", ref.repository()).query("tag", ref.tagOrLatest());
        }
        options.changes.forEach(change -> b.query("changes", change));
        return withDigestPrefix(transport.json(b.json(Map.of()).build(), IdAnswer.class).id());
    }

    /** {@code POST /commit}'s answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdAnswer(@JsonProperty("Id") String id) {
    }

    /**
     * {@code docker import - REPO:TAG}: a filesystem tar (plain or compressed, read as it is sent) becomes an image.
     *
     * @param tar the filesystem tar, sent as it is read; not closed
     * @param options the new image's name, message, changes and platform
     * @return the new image's id
     * @throws StreamException when the daemon rejects the tar
     */
    public String importTar(InputStream tar, ImportOptions options) {
        Objects.requireNonNull(tar, "tar");
        return importRequest(ApiRequest.post("/images/create").query("fromSrc", "-")
                .body("application/x-tar", out -> tar.transferTo(out)), options);
    }

    /**
     * {@code docker import FILE REPO:TAG}.
     *
     * @param tar the file of the filesystem tar
     * @param options the new image's name, message, changes and platform
     * @return the new image's id
     * @throws UncheckedIOException when the file cannot be read
     * @throws StreamException when the daemon rejects the tar
     */
    public String importTar(Path tar, ImportOptions options) {
        try (InputStream in = Files.newInputStream(tar)) {
            return importTar(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + tar, e);
        }
    }

    /**
     * {@code docker import URL REPO:TAG}: the daemon downloads the tar itself.
     *
     * @param url where the daemon downloads the tar from
     * @param options the new image's name, message, changes and platform
     * @return the new image's id
     * @throws StreamException when the daemon cannot download or read it
     */
    public String importUrl(URL url, ImportOptions options) {
        return importRequest(ApiRequest.post("/images/create").query("fromSrc", url.toString()), options);
    }

    private String importRequest(ApiRequest.Builder b, ImportOptions options) {
        // "name:tag" in one parameter, as the CLI sends it (Podman reads only this form)
        b.query("repo", options.repoTag.isEmpty() ? null : options.repoTag)
                .query("message", options.message.isEmpty() ? null : options.message)
                .query("platform", options.platform.isEmpty() ? null : options.platform);
        options.changes.forEach(change -> b.query("changes", change));
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

    /**
     * {@code docker save IMAGE...}: one or more images as a tar stream, read as the daemon writes it; close it when
     * done.
     *
     * @param names the images' names, {@code name:tag}, ids or digests
     * @return the tar stream; close it when done
     * @throws IllegalArgumentException when no image is named
     * @throws NotFoundException when an image is missing
     */
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

    /**
     * {@code docker save -o FILE IMAGE...}.
     *
     * @param target the file to write; replaced when it exists
     * @param names the images' names, {@code name:tag}, ids or digests
     * @throws IllegalArgumentException when no image is named
     * @throws NotFoundException when an image is missing
     * @throws UncheckedIOException when the file cannot be written
     */
    public void save(Path target, String... names) {
        try (InputStream tar = save(names)) {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("saving images to " + target, e);
        }
    }

    /**
     * {@code docker load}: images from a tar (read as it is sent).
     *
     * @param tar the tar, as {@code docker save} writes it; not closed
     * @return the names (or, for images saved by id, the ids) loaded
     * @throws StreamException when the daemon rejects the tar
     */
    public List<String> load(InputStream tar) {
        Objects.requireNonNull(tar, "tar");
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

    /**
     * {@code docker load -i FILE}.
     *
     * @param tar the file, as {@code docker save -o} writes it
     * @return the names (or, for images saved by id, the ids) loaded
     * @throws UncheckedIOException when the file cannot be read
     * @throws StreamException when the daemon rejects the tar
     */
    public List<String> load(Path tar) {
        try (InputStream in = Files.newInputStream(tar)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + tar, e);
        }
    }

    /**
     * {@code docker build}: with BuildKit when the daemon offers it, else with the classic builder (see
     * {@link BuildSpec}).
     *
     * @param spec the context and the build options
     * @return the image id
     * @throws BuildFailedException when the build fails, naming the step and carrying the daemon's message
     */
    public String build(BuildSpec spec) {
        return buildWithProgress(spec, event -> { });
    }

    /**
     * {@code docker build --progress=plain}, handing each line of output to {@code output} as it comes: BuildKit's
     * progress rendered as the CLI's plain progress ({@link PlainProgress}), or the classic builder's output.
     *
     * @param spec the context and the build options
     * @param output receives each line of output, as it comes
     * @return the image id
     * @throws BuildFailedException when the build fails, naming the step and carrying the daemon's message
     */
    public String build(BuildSpec spec, Consumer<String> output) {
        // BuildKit names steps with their build args expanded: a secret build arg's value is masked in these lines
        return buildWithProgress(spec, PlainProgress.to(line -> output.accept(ImageBuild.masked(spec, line))));
    }

    /**
     * {@code docker build}, handing its progress to {@code progress} as typed events: with BuildKit each step's
     * start, cache hit, end (with its duration) or failure, its output line by line, warnings; with the classic
     * builder its output as {@link BuildEvent.Output} text. Step names and lines are the builder's own: BuildKit
     * names a step with its build args expanded, as {@code docker build --progress=plain} shows it (the plain-text
     * {@link #build(BuildSpec, Consumer)} and {@link BuildFailedException} mask secret build args).
     *
     * <pre>{@code
     * String id = docker.images().buildWithProgress(spec, event -> {
     *     if (event instanceof BuildEvent.StepCached c) System.out.println("cached: " + c.step().name());
     * });
     * }</pre>
     *
     * @param spec the context and the build options
     * @param progress receives each build event, as it comes
     * @return the image id
     * @throws BuildFailedException when the build fails, naming the step as the builder names it
     *         ({@code [2/3] RUN make}) and carrying the daemon's message and the step's last lines
     */
    public String buildWithProgress(BuildSpec spec, Consumer<BuildEvent> progress) {
        return new ImageBuild(transport, credentials, this).run(spec, progress);
    }

    /**
     * {@code docker builder prune}: the dangling build cache; see {@link #pruneBuildCache(BuildCachePruneOptions)}.
     *
     * @return the cache records removed and the bytes freed
     */
    public PruneResult pruneBuildCache() {
        return pruneBuildCache(BuildCachePruneOptions.defaults());
    }

    /**
     * {@code docker builder prune [-a] [--filter ...] [--reserved-space N]} ({@code POST /build/prune}): removes
     * build cache records (BuildKit's, on every engine since 20.10), keeping {@code keepStorage} bytes. The space to
     * keep goes as {@code reserved-space} from API 1.48 on, as {@code keep-storage} before.
     *
     * @param options {@code -a}, the filters and the space to keep
     * @return the cache records removed and the bytes freed
     */
    public PruneResult pruneBuildCache(BuildCachePruneOptions options) {
        boolean reserved = transport.apiVersion().isAtLeast(RESERVED_SPACE);
        Long keep = options.keepStorage == 0 ? null : options.keepStorage;
        CachePruned r = transport.json(ApiRequest.post("/build/prune").query("all", options.all ? true : null)
                .query(reserved ? "reserved-space" : "keep-storage", keep).filters(options.filters.asMap())
                .build(), CachePruned.class);
        return new PruneResult(r.cachesDeleted(), r.spaceReclaimed());
    }

    /**
     * Cancels a running BuildKit build ({@code POST /build/cancel}) started with
     * {@link BuildSpec.Builder#buildId(String)}: the build then fails with {@link BuildFailedException}. The daemon
     * answers the same whether or not such a build runs; the classic builder's builds cannot be canceled this way
     * (close the client or interrupt the call instead).
     *
     * @param buildId the id given to {@link BuildSpec.Builder#buildId(String)}
     */
    public void cancelBuild(String buildId) {
        transport.send(ApiRequest.post("/build/cancel").query("id", Objects.requireNonNull(buildId, "buildId"))
                .build()).discard();
    }

    private static final ApiVersion RESERVED_SPACE = ApiVersion.of(1, 48);

    /** {@code POST /build/prune}'s answer ({@code BuildPruneResponse}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CachePruned(@JsonProperty("CachesDeleted") List<String> cachesDeleted,
                               @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }
}
