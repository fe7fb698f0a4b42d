package dev.berth;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker build} builds: a context (a folder, a Dockerfile text with files, or a tar you give) and the
 * options of the CLI.
 *
 * <pre>{@code
 * // docker build -t app:1 --build-arg VERSION=1.0 --label team=core --no-cache --pull app
 * BuildSpec spec = BuildSpec.fromDirectory(Path.of("app"))
 *         .tag("app:1").buildArg("VERSION", "1.0").label("team", "core").noCache().pull().build();
 * String imageId = docker.images().build(spec, line -> System.out.print(line));
 *
 * BuildSpec inline = BuildSpec.fromDockerfile("FROM busybox\nCOPY hello /\n")
 *         .file("hello", "hi\n".getBytes()).tag("hello:1").build();
 * }</pre>
 *
 * <p>The build runs with BuildKit when the daemon offers it ({@code Builder-Version: 2} on {@code /_ping}, Engine 23
 * and later), else with the classic builder; {@link Builder#classic()} and {@link Builder#buildKit()} choose. The
 * context goes to the daemon as a tar in both cases (BuildKit without a client session).
 *
 * <p>A folder context honours its {@code .dockerignore} as the CLI does and is tarred while it streams to the
 * daemon (no temporary file), with uid/gid 0 and stable modes so the build cache hits.
 */
public final class BuildSpec {
    /** Where the build context comes from. */
    enum Source { DIRECTORY, DOCKERFILE_TEXT, TAR }

    /** What becomes of the steps' containers: {@code --rm} (the default), {@code --rm=false}, {@code --force-rm}. */
    enum Intermediate { REMOVE_ON_SUCCESS, KEEP, ALWAYS_REMOVE }

    /** Which builder runs it: the daemon's default (BuildKit when it offers it), or the one asked for. */
    enum BuilderChoice { DAEMON_DEFAULT, CLASSIC, BUILDKIT }

    final Source source;
    final Path directory;
    final String dockerfileText;
    final Map<String, byte[]> files;
    final InputStream tar;
    final String dockerfile;
    final List<String> tags;
    final Map<String, String> buildArgs;
    final Map<String, String> labels;
    final String target;
    final boolean noCache;
    final boolean pull;
    final Intermediate intermediate;
    final String network;
    final String platform;
    final List<String> extraHosts;
    final List<String> cacheFrom;
    final BuilderChoice builder;
    final String buildId;

    private BuildSpec(Builder b) {
        source = b.source;
        directory = b.directory;
        dockerfileText = b.dockerfileText;
        files = Map.copyOf(b.files);
        tar = b.tar;
        dockerfile = b.dockerfile;
        tags = List.copyOf(b.tags);
        buildArgs = Map.copyOf(b.buildArgs);
        labels = Map.copyOf(b.labels);
        target = b.target;
        noCache = b.noCache;
        pull = b.pull;
        intermediate = b.intermediate;
        network = b.network;
        platform = b.platform;
        extraHosts = List.copyOf(b.extraHosts);
        cacheFrom = List.copyOf(b.cacheFrom);
        builder = b.builder;
        buildId = b.buildId;
    }

    /**
     * Builds the folder {@code dir} (its {@code Dockerfile} unless {@link Builder#dockerfile} says otherwise).
     *
     * @param dir the build context's root folder
     * @return a builder for the spec
     */
    public static Builder fromDirectory(Path dir) {
        Builder b = new Builder(Source.DIRECTORY);
        b.directory = Objects.requireNonNull(dir);
        return b;
    }

    /**
     * Builds from a Dockerfile's text plus the files added with {@link Builder#file}.
     *
     * @param dockerfile the Dockerfile's text
     * @return a builder for the spec
     */
    public static Builder fromDockerfile(String dockerfile) {
        Builder b = new Builder(Source.DOCKERFILE_TEXT);
        b.dockerfileText = Objects.requireNonNull(dockerfile);
        return b;
    }

    /**
     * Builds from a tar of the context (plain or compressed), read as it is sent.
     *
     * @param tar the context as a tar; read once, while the build request is sent
     * @return a builder for the spec
     */
    public static Builder fromTar(InputStream tar) {
        Builder b = new Builder(Source.TAR);
        b.tar = Objects.requireNonNull(tar);
        return b;
    }

    /**
     * The tags, as {@code -t} gives them.
     *
     * @return the tags, in the order given; empty for an untagged image
     */
    public List<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "BuildSpec[" + (source == Source.DIRECTORY ? directory : source.name().toLowerCase()) + ", tags=" + tags
                + (buildArgs.isEmpty() ? "" : ", buildArgs=" + buildArgs.keySet())
                + (builder == BuilderChoice.DAEMON_DEFAULT ? "" : ", builder=" + builder.name().toLowerCase()) + "]";
    }

    /** Sets the options; each mirrors a {@code docker build} flag. */
    public static final class Builder {
        private final Source source;
        private Path directory;
        private String dockerfileText;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private InputStream tar;
        private String dockerfile = "Dockerfile";
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String target;
        private boolean noCache;
        private boolean pull;
        private Intermediate intermediate = Intermediate.REMOVE_ON_SUCCESS;
        private String network;
        private String platform;
        private final List<String> extraHosts = new ArrayList<>();
        private final List<String> cacheFrom = new ArrayList<>();
        private BuilderChoice builder = BuilderChoice.DAEMON_DEFAULT;
        private String buildId;

        private Builder(Source source) {
            this.source = source;
        }

        /**
         * Adds a file to a {@link #fromDockerfile} context, at {@code path} relative to its root.
         *
         * @param path the file's path, relative and inside the context
         * @param content the file's bytes, copied
         * @return this builder
         * @throws IllegalStateException when the context is not a Dockerfile's text
         * @throws IllegalArgumentException when the path is absolute or holds {@code ..}
         */
        public Builder file(String path, byte[] content) {
            if (source != Source.DOCKERFILE_TEXT) {
                throw new IllegalStateException("files are added only to a Dockerfile-text context");
            }
            if (path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("context file paths are relative and stay inside: " + path);
            }
            files.put(path, content.clone());
            return this;
        }

        /**
         * {@code -f}: the Dockerfile's path inside the context.
         *
         * @param path such as {@code docker/Dockerfile.prod}, relative to the context's root
         * @return this builder
         */
        public Builder dockerfile(String path) {
            dockerfile = Objects.requireNonNull(path);
            return this;
        }

        /**
         * {@code -t}: a name for the result; may be given several times.
         *
         * @param tag such as {@code app:1} or {@code registry.example.com/team/app:1}
         * @return this builder
         */
        public Builder tag(String tag) {
            tags.add(Objects.requireNonNull(tag));
            return this;
        }

        /**
         * {@code --build-arg}.
         *
         * @param name the {@code ARG}'s name
         * @param value its value
         * @return this builder
         */
        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        /**
         * {@code --label}.
         *
         * @param key the label's key
         * @param value its value
         * @return this builder
         */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /**
         * {@code --target}: the stage to build.
         *
         * @param stage the stage's name, as {@code FROM ... AS NAME} gives it
         * @return this builder
         */
        public Builder target(String stage) {
            target = stage;
            return this;
        }

        /**
         * {@code --no-cache}: runs every step, none taken from the build cache; with BuildKit, {@code RUN
         * --mount=type=cache} mounts start empty too.
         *
         * @return this builder
         */
        public Builder noCache() {
            noCache = true;
            return this;
        }

        /**
         * {@code --pull}: pulls the base images even when they are present, for their newest versions.
         *
         * @return this builder
         */
        public Builder pull() {
            pull = true;
            return this;
        }

        /**
         * {@code --rm=false}: keeps the containers of the steps (by default they are removed after a successful
         * build); replaces {@link #forceRemoveIntermediate()}.
         *
         * @return this builder
         */
        public Builder keepIntermediate() {
            intermediate = Intermediate.KEEP;
            return this;
        }

        /**
         * {@code --force-rm}: removes the containers of the steps even when the build fails; replaces
         * {@link #keepIntermediate()}.
         *
         * @return this builder
         */
        public Builder forceRemoveIntermediate() {
            intermediate = Intermediate.ALWAYS_REMOVE;
            return this;
        }

        /**
         * {@code --network} for RUN steps: {@code default}, {@code host}, {@code none}; the classic builder also takes
         * {@code bridge} or a network's name, which BuildKit refuses.
         *
         * @param mode the network mode
         * @return this builder
         */
        public Builder network(String mode) {
            network = mode;
            return this;
        }

        /**
         * {@code --platform}, such as {@code linux/amd64}.
         *
         * @param value {@code os/arch[/variant]}
         * @return this builder
         */
        public Builder platform(String value) {
            platform = value;
            return this;
        }

        /**
         * {@code --add-host host:ip}.
         *
         * @param hostIp {@code host:ip}, such as {@code db:10.0.0.7}
         * @return this builder
         */
        public Builder extraHost(String hostIp) {
            extraHosts.add(hostIp);
            return this;
        }

        /**
         * {@code --cache-from}.
         *
         * @param image an image whose layers the build may reuse
         * @return this builder
         */
        public Builder cacheFrom(String image) {
            cacheFrom.add(image);
            return this;
        }

        /**
         * {@code DOCKER_BUILDKIT=0}: builds with the classic builder even when the daemon offers BuildKit; replaces
         * {@link #buildKit()}. The same options apply; BuildKit-only Dockerfile syntax ({@code RUN --mount},
         * heredocs, {@code COPY --chmod}) then fails.
         *
         * @return this builder
         */
        public Builder classic() {
            builder = BuilderChoice.CLASSIC;
            return this;
        }

        /**
         * Builds with BuildKit ({@code version=2}) without asking the daemon which builder it prefers, for a daemon
         * that runs BuildKit but announces the classic builder; replaces {@link #classic()}. By default Berth asks
         * ({@code Builder-Version} on {@code /_ping}) and uses BuildKit when the daemon offers it.
         *
         * @return this builder
         */
        public Builder buildKit() {
            builder = BuilderChoice.BUILDKIT;
            return this;
        }

        /**
         * An id for the build, so that {@link Images#cancelBuild(String)} can cancel it from another thread while it
         * runs (BuildKit only). Unique among the daemon's running builds; a UUID will do.
         *
         * @param id the build's id, such as a UUID
         * @return this builder
         * @throws IllegalArgumentException when empty
         */
        public Builder buildId(String id) {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("buildId: must not be empty");
            }
            buildId = id;
            return this;
        }

        /**
         * The spec.
         *
         * @return the spec
         */
        public BuildSpec build() {
            return new BuildSpec(this);
        }
    }
}
