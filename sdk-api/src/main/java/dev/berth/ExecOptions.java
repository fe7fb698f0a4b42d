package dev.berth;

import dev.berth.model.internal.Masking;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker exec} runs and how: the command, and {@code -i}, {@code -t}, {@code -e}, {@code -u}, {@code -w},
 * {@code --privileged}. What is not set is the container's (its user, its working directory, its environment).
 * Immutable: each method returns a new value.
 *
 * <pre>{@code
 * ExecOptions.of("sh").withStdin().withTty();          // docker exec -it ... sh
 * ExecOptions.of("env").withEnv("A=1").withUser("nobody");
 * }</pre>
 */
public final class ExecOptions {
    private final List<String> cmd;
    private final boolean stdin;
    private final boolean tty;
    private final List<String> env;
    private final String user;
    private final String workingDir;
    private final boolean privileged;
    private final String detachKeys;

    private ExecOptions(List<String> cmd, boolean stdin, boolean tty, List<String> env, String user,
                        String workingDir, boolean privileged, String detachKeys) {
        this.cmd = cmd;
        this.stdin = stdin;
        this.tty = tty;
        this.env = env;
        this.user = user;
        this.workingDir = workingDir;
        this.privileged = privileged;
        this.detachKeys = detachKeys;
    }

    /**
     * Runs {@code cmd}: no stdin, no TTY, as the container's user in its working directory.
     *
     * @param cmd the command and its arguments, run without a shell
     * @return the options
     * @throws IllegalArgumentException when there is no command
     */
    public static ExecOptions of(String... cmd) {
        if (cmd.length == 0) {
            throw new IllegalArgumentException("exec needs a command");
        }
        for (String arg : cmd) {
            Objects.requireNonNull(arg, "command argument");
        }
        return new ExecOptions(List.of(cmd), false, false, List.of(), null, null, false, null);
    }

    /**
     * These options with a stdin ({@code -i}).
     *
     * @return a copy with {@code AttachStdin} set
     */
    public ExecOptions withStdin() {
        return new ExecOptions(cmd, true, tty, env, user, workingDir, privileged, detachKeys);
    }

    /**
     * These options with a TTY ({@code -t}): raw output, stdout and stderr merged.
     *
     * @return a copy with {@code Tty} set
     */
    public ExecOptions withTty() {
        return new ExecOptions(cmd, stdin, true, env, user, workingDir, privileged, detachKeys);
    }

    /**
     * These options with more environment ({@code -e KEY=value}), after what is there.
     *
     * @param keyValues each {@code KEY=value}
     * @return a copy with these variables too
     */
    public ExecOptions withEnv(String... keyValues) {
        List<String> all = new ArrayList<>(env);
        for (String kv : keyValues) {
            all.add(Objects.requireNonNull(kv, "environment entry"));
        }
        return new ExecOptions(cmd, stdin, tty, List.copyOf(all), user, workingDir, privileged, detachKeys);
    }

    /**
     * These options, running as {@code user} ({@code -u}): {@code user}, {@code user:group}, {@code uid} or
     * {@code uid:gid}.
     *
     * @param user the user, as {@code docker exec -u} takes it
     * @return a copy with this user
     * @throws IllegalArgumentException when it is empty
     */
    public ExecOptions withUser(String user) {
        return new ExecOptions(cmd, stdin, tty, env, nonEmpty("user", user), workingDir, privileged, detachKeys);
    }

    /**
     * These options, running in {@code dir} ({@code -w}).
     *
     * @param dir an absolute path in the container
     * @return a copy with this working directory
     * @throws IllegalArgumentException when it is empty
     */
    public ExecOptions withWorkingDir(String dir) {
        return new ExecOptions(cmd, stdin, tty, env, user, nonEmpty("workingDir", dir), privileged, detachKeys);
    }

    /**
     * These options with extended privileges ({@code --privileged}).
     *
     * @return a copy with {@code Privileged} set
     */
    public ExecOptions withPrivileged() {
        return new ExecOptions(cmd, stdin, tty, env, user, workingDir, true, detachKeys);
    }

    /**
     * These options with the key sequence that detaches from an interactive session ({@code --detach-keys}), such
     * as {@code ctrl-p,ctrl-q} (the daemon's default) or {@code ctrl-x}.
     *
     * @param keys a comma-separated key sequence
     * @return a copy with this sequence
     * @throws IllegalArgumentException when it is empty
     */
    public ExecOptions withDetachKeys(String keys) {
        return new ExecOptions(cmd, stdin, tty, env, user, workingDir, privileged, nonEmpty("detachKeys", keys));
    }

    /** {@return the detach key sequence ({@code --detach-keys}); empty for the daemon's default} */
    public Optional<String> detachKeys() {
        return Optional.ofNullable(detachKeys);
    }

    /**
     * The command and its arguments.
     *
     * @return the command and its arguments, unmodifiable
     */
    public List<String> cmd() {
        return cmd;
    }

    /**
     * Whether the process gets a stdin ({@code -i}).
     *
     * @return true for {@code -i}
     */
    public boolean stdin() {
        return stdin;
    }

    /**
     * Whether the process gets a TTY ({@code -t}).
     *
     * @return true for {@code -t}
     */
    public boolean tty() {
        return tty;
    }

    /**
     * The environment added to the container's, {@code KEY=value}.
     *
     * @return the variables added, {@code KEY=value}, unmodifiable
     */
    public List<String> env() {
        return env;
    }

    /** {@return the user ({@code -u}); empty for the container's} */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** {@return the working directory ({@code -w}); empty for the container's} */
    public Optional<String> workingDir() {
        return Optional.ofNullable(workingDir);
    }

    /**
     * Whether the process has extended privileges ({@code --privileged}).
     *
     * @return true for {@code --privileged}
     */
    public boolean privileged() {
        return privileged;
    }

    private static String nonEmpty(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + name);
        }
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ExecOptions e && e.cmd.equals(cmd) && e.stdin == stdin && e.tty == tty
                && e.env.equals(env) && Objects.equals(e.user, user) && Objects.equals(e.workingDir, workingDir)
                && e.privileged == privileged;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cmd, stdin, tty, env, user, workingDir, privileged);
    }

    /**
     * The command and what is set, with the values of secret-looking environment variables masked as
     * {@link dev.berth.model.ContainerSpec#toString()} masks them:
     * {@code ExecOptions[cmd=[psql], env=[PGPASSWORD=***], user=app, stdin]}.
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ExecOptions[", "]");
        j.add("cmd=" + cmd);
        if (!env.isEmpty()) {
            j.add("env=" + Masking.entries(env));
        }
        if (user != null) {
            j.add("user=" + user);
        }
        if (workingDir != null) {
            j.add("workingDir=" + workingDir);
        }
        if (detachKeys != null) {
            j.add("detachKeys=" + detachKeys);
        }
        if (stdin) {
            j.add("stdin");
        }
        if (tty) {
            j.add("tty");
        }
        if (privileged) {
            j.add("privileged");
        }
        return j.toString();
    }
}
