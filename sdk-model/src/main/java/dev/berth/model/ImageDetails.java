package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code docker image inspect}: names, config, and the layers the image is made of ({@code GET /images/{name}/json}).
 *
 * <pre>{@code
 * ImageDetails img = docker.images().inspect("busybox");
 * img.rootFs().layers();     // [sha256:..., ...], bottom layer first
 * img.config().cmd();         // [sh]
 * }</pre>
 *
 * @param id the image id
 * @param repoTags its names
 * @param repoDigests its registry digests
 * @param parent the parent image id, or empty (always empty for BuildKit and pulled images)
 * @param comment the commit message, or empty
 * @param created creation time (RFC 3339)
 * @param author the author ({@code MAINTAINER}), or empty
 * @param architecture CPU architecture
 * @param os operating system
 * @param size bytes of the image and its parents; on the containerd image store, engines after 29.7 (the v1.56
 *        spec) count the selected platform's content plus its unpacked snapshot, shared data included, so it is
 *        not what removing the image frees
 * @param config the container configuration the image carries ({@code Cmd}, {@code Env}, {@code Labels}, ...)
 * @param rootFs the layers
 * @param extras fields this record does not model, such as {@code Identity} (API 1.53: verified signatures, and
 *        where the image was pulled from or built)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageDetails(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("Author") String author,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Os") String os,
        @JsonProperty("Size") long size,
        @JsonProperty("Config") Config config,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code repoTags}, {@code repoDigests} and {@code extras}, unmodifiable; null becomes empty. A null parent,
     * comment or author (API 1.52 leaves them out when empty) becomes {@code ""}, and a null config one with every
     * field empty.
     *
     * @param id the image id
     * @param repoTags its names
     * @param repoDigests its registry digests
     * @param parent the parent image id, or empty (always empty for BuildKit and pulled images)
     * @param comment the commit message, or empty
     * @param created creation time (RFC 3339)
     * @param author the author ({@code MAINTAINER}), or empty
     * @param architecture CPU architecture
     * @param os operating system
     * @param size bytes of the image and its parents; on the containerd image store, engines after 29.7 (the v1.56
     *        spec) count the selected platform's content plus its unpacked snapshot, shared data included, so it is not
     *        what removing the image frees
     * @param config the container configuration the image carries ({@code Cmd}, {@code Env}, {@code Labels}, ...)
     * @param rootFs the layers
     * @param extras fields this record does not model, such as {@code Identity} (API 1.53: verified signatures, and
     *        where the image was pulled from or built)
     */
    public ImageDetails {
        // API 1.52 leaves these out when empty; older daemons send "". Read both the same.
        parent = parent == null ? "" : parent;
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
        repoTags = Copies.copy(repoTags);
        repoDigests = Copies.copy(repoDigests);
        config = config == null ? new Config(null, null, null, null, null, null, null, null, null, null) : config;
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking {@code Env} and {@code Labels} values masked as in {@link ContainerSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /**
     * The configuration an image gives the containers made from it (the spec's {@code ImageConfig}): what
     * {@code CMD}, {@code ENV}, {@code LABEL} and the other Dockerfile instructions set. API 1.52 leaves out what the
     * image does not set, where older daemons send null; both read as empty here.
     *
     * @param user the user ({@code USER}), or empty
     * @param env the environment, {@code KEY=value} ({@code ENV})
     * @param cmd the default command ({@code CMD}); empty when there is none
     * @param entrypoint the entrypoint ({@code ENTRYPOINT}); empty when there is none
     * @param workingDir the working directory ({@code WORKDIR}), or empty
     * @param labels the labels ({@code LABEL})
     * @param stopSignal the stop signal ({@code STOPSIGNAL}), or empty
     * @param shell the shell of shell-form instructions ({@code SHELL}); empty for the default
     * @param onBuild the instructions to run when another image builds {@code FROM} this one ({@code ONBUILD})
     * @param extras fields this record does not model, such as {@code Healthcheck}; {@code ExposedPorts} and
     *        {@code Volumes} are read by {@link #exposedPorts()} and {@link #volumes()}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(
            @JsonProperty("User") String user,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Shell") List<String> shell,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty. A null user, working directory or stop signal
         * becomes {@code ""}.
         *
         * @param user the user ({@code USER}), or empty
         * @param env the environment, {@code KEY=value} ({@code ENV})
         * @param cmd the default command ({@code CMD}); empty when there is none
         * @param entrypoint the entrypoint ({@code ENTRYPOINT}); empty when there is none
         * @param workingDir the working directory ({@code WORKDIR}), or empty
         * @param labels the labels ({@code LABEL})
         * @param stopSignal the stop signal ({@code STOPSIGNAL}), or empty
         * @param shell the shell of shell-form instructions ({@code SHELL}); empty for the default
         * @param onBuild the instructions to run when another image builds {@code FROM} this one ({@code ONBUILD})
         * @param extras fields this record does not model, such as {@code Healthcheck}; {@code ExposedPorts} and
         *        {@code Volumes} are read by {@link #exposedPorts()} and {@link #volumes()}
         */
        public Config {
            user = user == null ? "" : user;
            env = Copies.copy(env);
            cmd = Copies.copy(cmd);
            entrypoint = Copies.copy(entrypoint);
            workingDir = workingDir == null ? "" : workingDir;
            labels = Copies.copy(labels);
            stopSignal = stopSignal == null ? "" : stopSignal;
            shell = Copies.copy(shell);
            onBuild = Copies.copy(onBuild);
            extras = Copies.copy(extras);
        }

        /**
         * {@return the ports the image exposes ({@code EXPOSE}), as {@code 80/tcp}; the daemon sends them as object
         * keys}
         */
        public List<String> exposedPorts() {
            return keys("ExposedPorts");
        }

        /** {@return the paths the image declares as volumes ({@code VOLUME}); the daemon sends them as object keys} */
        public List<String> volumes() {
            return keys("Volumes");
        }

        private List<String> keys(String field) {
            if (!(extras.get(field) instanceof Map<?, ?> map)) {
                return List.of();
            }
            List<String> keys = new ArrayList<>(map.size());
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            return Collections.unmodifiableList(keys);
        }

        /** All components; secret-looking {@code Env} and {@code Labels} values masked as in {@link ContainerSpec}. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * The image's filesystem: its layers, bottom first.
     *
     * @param type {@code layers}
     * @param layers layer digests ({@code sha256:...})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
        /**
         * Copies {@code layers}, unmodifiable; null becomes empty.
         *
         * @param type {@code layers}
         * @param layers layer digests ({@code sha256:...})
         */
        public RootFs {
            layers = Copies.copy(layers);
        }
    }
}
