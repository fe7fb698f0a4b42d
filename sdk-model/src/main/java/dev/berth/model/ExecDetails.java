package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An exec instance, as the daemon reports it ({@code GET /exec/{id}/json}): whether its process runs, how it ended,
 * and what it runs.
 *
 * <pre>{@code
 * ExecDetails e = docker.containers().execInspect(execId);
 * e.running();                      // false
 * e.exitCode();                     // 2
 * e.processConfig().entrypoint();   // "sh"
 * }</pre>
 *
 * @param id the exec's id
 * @param running whether its process runs
 * @param exitCode the process's exit code; null until it has ended (the daemon sends none before)
 * @param processConfig what the process runs, as whom, with or without a TTY
 * @param openStdin whether the process was given a stdin ({@code AttachStdin} at creation)
 * @param openStderr whether its stderr is attached
 * @param openStdout whether its stdout is attached
 * @param containerId the id of the container it runs in
 * @param pid the process's id on the host; 0 when it has not started or has ended
 * @param canRemove whether the daemon may already forget the exec
 * @param detachKeys the key sequence that detaches from it; empty for the default
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Running") boolean running,
        @JsonProperty("ExitCode") @Nullable Long exitCode,
        @JsonProperty("ProcessConfig") ProcessConfig processConfig,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("OpenStderr") boolean openStderr,
        @JsonProperty("OpenStdout") boolean openStdout,
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("Pid") long pid,
        @JsonProperty("CanRemove") boolean canRemove,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty. A null {@code processConfig} becomes an empty one: not
     * privileged, no TTY, no user, program or arguments.
     *
     * @param id the exec's id
     * @param running whether its process runs
     * @param exitCode the process's exit code; null until it has ended (the daemon sends none before)
     * @param processConfig what the process runs, as whom, with or without a TTY
     * @param openStdin whether the process was given a stdin ({@code AttachStdin} at creation)
     * @param openStderr whether its stderr is attached
     * @param openStdout whether its stdout is attached
     * @param containerId the id of the container it runs in
     * @param pid the process's id on the host; 0 when it has not started or has ended
     * @param canRemove whether the daemon may already forget the exec
     * @param detachKeys the key sequence that detaches from it; empty for the default
     * @param extras every field this record does not model, as the daemon sent it
     */
    public ExecDetails {
        if (processConfig == null) {
            processConfig = new ProcessConfig(false, "", false, "", List.of());
        }
        extras = Copies.copy(extras);
    }

    /**
     * What an exec runs ({@code ProcessConfig}).
     *
     * @param privileged whether it runs with extended privileges
     * @param user the user it runs as; empty for the container's
     * @param tty whether it has a TTY
     * @param entrypoint the program
     * @param arguments the program's arguments
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProcessConfig(
            @JsonProperty("privileged") boolean privileged,
            @JsonProperty("user") String user,
            @JsonProperty("tty") boolean tty,
            @JsonProperty("entrypoint") String entrypoint,
            @JsonProperty("arguments") List<String> arguments) {

        /**
         * Copies {@code arguments}, unmodifiable; null becomes empty. A null user or entrypoint becomes {@code ""}.
         *
         * @param privileged whether it runs with extended privileges
         * @param user the user it runs as; empty for the container's
         * @param tty whether it has a TTY
         * @param entrypoint the program
         * @param arguments the program's arguments
         */
        public ProcessConfig {
            user = user == null ? "" : user;
            entrypoint = entrypoint == null ? "" : entrypoint;
            arguments = Copies.copy(arguments);
        }
    }
}
