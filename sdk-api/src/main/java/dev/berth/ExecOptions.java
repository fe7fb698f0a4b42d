package dev.berth;

import dev.berth.model.internal.Masking;
import java.util.List;

/**
 * What {@code docker exec} runs and how.
 *
 * <pre>{@code
 * ExecOptions.of("sh").withStdin().withTty();          // docker exec -it ... sh
 * ExecOptions.of("env").withEnv("A=1").withUser("nobody");
 * }</pre>
 *
 * @param cmd the command and its arguments
 * @param stdin whether the process gets a stdin ({@code -i})
 * @param tty whether it gets a TTY ({@code -t}): raw output, stdout and stderr merged
 * @param env extra environment, {@code KEY=value}
 * @param user the user ({@code -u}), or null for the container's
 * @param workingDir the working directory ({@code -w}), or null
 * @param privileged extended privileges ({@code --privileged})
 */
public record ExecOptions(List<String> cmd, boolean stdin, boolean tty, List<String> env, String user,
                          String workingDir, boolean privileged) {

    public ExecOptions {
        if (cmd == null || cmd.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        cmd = List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** Runs {@code cmd}, no stdin, no TTY. */
    public static ExecOptions of(String... cmd) {
        return new ExecOptions(List.of(cmd), false, false, List.of(), null, null, false);
    }

    /** With a stdin ({@code -i}). */
    public ExecOptions withStdin() {
        return new ExecOptions(cmd, true, tty, env, user, workingDir, privileged);
    }

    /** With a TTY ({@code -t}). */
    public ExecOptions withTty() {
        return new ExecOptions(cmd, stdin, true, env, user, workingDir, privileged);
    }

    /** With more environment ({@code -e KEY=value}). */
    public ExecOptions withEnv(String... keyValues) {
        List<String> all = new java.util.ArrayList<>(env);
        all.addAll(List.of(keyValues));
        return new ExecOptions(cmd, stdin, tty, all, user, workingDir, privileged);
    }

    /** As another user ({@code -u}). */
    public ExecOptions withUser(String user) {
        return new ExecOptions(cmd, stdin, tty, env, user, workingDir, privileged);
    }

    /** In another directory ({@code -w}). */
    public ExecOptions withWorkingDir(String dir) {
        return new ExecOptions(cmd, stdin, tty, env, user, dir, privileged);
    }

    /** With extended privileges. */
    public ExecOptions withPrivileged() {
        return new ExecOptions(cmd, stdin, tty, env, user, workingDir, true);
    }

    /**
     * All components, with the values of secret-looking environment variables masked as
     * {@link dev.berth.model.ContainerSpec#toString()} masks them.
     *
     * <pre>{@code
     * ExecOptions.of("psql").withEnv("PGPASSWORD=hunter2").toString();
     * // "ExecOptions[cmd=[psql], stdin=false, tty=false, env=[PGPASSWORD=***], user=null, workingDir=null, ...]"
     * }</pre>
     */
    @Override
    public String toString() {
        return Masking.record(this);
    }
}
