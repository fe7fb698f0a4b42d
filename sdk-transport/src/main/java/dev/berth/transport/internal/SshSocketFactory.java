package dev.berth.transport.internal;

import dev.berth.errors.DaemonUnreachableException;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Transport;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes sockets for an {@code ssh://[user@]host[:port][/socket]} daemon address, as the {@code docker} CLI does: each
 * socket's {@code connect} starts one system {@code ssh} process running {@code docker system dial-stdio} on the
 * remote machine, and HTTP/1.1 (hijacked attach and exec sessions included) runs over its stdin and stdout. OkHttp
 * pools the sockets, so sequential calls share one process.
 *
 * <p>The command, run directly (never through a local shell), with the program found on {@code PATH}:
 * <pre>
 * ssh [options] -o ConnectTimeout=SECONDS -T [-l USER] [-p PORT] -- HOST docker system dial-stdio
 * ssh [options] -o ConnectTimeout=SECONDS -T [-l USER] [-p PORT] -- HOST docker --host=unix://PATH system dial-stdio
 * </pre>
 * The second form is used when the address has a path (the remote daemon's socket). Keys, known hosts, jump hosts
 * and agents come from the user's ssh configuration ({@code ~/.ssh/config}, {@code ssh-agent}). Where none is set
 * up, pass ssh options in the system property {@value #OPTIONS_PROPERTY} (space-separated, read when the factory
 * is made), for example {@code -Dberth.ssh.options="-i /keys/build_ed25519 -o StrictHostKeyChecking=accept-new"},
 * or {@code -F /path/to/ssh_config}. The options go first, so they win over the defaults after them (ssh keeps the
 * first value of each {@code -o} option).
 *
 * <pre>{@code
 * try (Docker docker = Docker.builder().host("ssh://me@build-box:2222").build()) {
 *     docker.system().ping();
 * }
 * new OkHttpClient.Builder().socketFactory(new SshSocketFactory(host, Duration.ofSeconds(10), List.of()));
 * }</pre>
 *
 * <p>When ssh ends before the daemon answered (unknown host, refused connection, rejected key, no {@code docker} on
 * the remote machine) the read fails with a {@link java.net.ConnectException} carrying its exit code and the last
 * lines of its stderr, which {@link Transport} reports as a {@link DaemonUnreachableException}.
 */
public final class SshSocketFactory extends ChannelSocketFactory {
    /** The system property with extra ssh options, space-separated: {@code -i KEY}, {@code -F CONFIG}, {@code -o ...}. */
    public static final String OPTIONS_PROPERTY = "berth.ssh.options";
    /** The ssh connect timeout when none is given: the CLI's. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private final DockerHost host;
    private final List<String> command;

    /**
     * Uses the {@code ssh} program on {@code PATH}.
     *
     * @param host an {@code ssh://} host
     * @param connectTimeout ssh's {@code ConnectTimeout} (rounded up to whole seconds); zero or null for the CLI's 30 s
     * @param sshOptions extra ssh arguments, such as {@code List.of("-i", key, "-o", "BatchMode=yes")}; the system
     *     property {@value #OPTIONS_PROPERTY} adds more after them
     */
    public SshSocketFactory(DockerHost host, Duration connectTimeout, List<String> sshOptions) {
        this("ssh", host, connectTimeout, sshOptions);
    }

    /**
     * @param program the ssh program: a name looked up on {@code PATH} or a path
     * @param host an {@code ssh://} host
     * @param connectTimeout ssh's {@code ConnectTimeout} (rounded up to whole seconds); zero or null for the CLI's 30 s
     * @param sshOptions extra ssh arguments; the system property {@value #OPTIONS_PROPERTY} adds more after them
     * @throws IllegalArgumentException when the host is not an {@code ssh://} one
     */
    public SshSocketFactory(String program, DockerHost host, Duration connectTimeout, List<String> sshOptions) {
        if (host == null || host.scheme() != DockerHost.Scheme.SSH) {
            throw new IllegalArgumentException("not an ssh:// host: " + host);
        }
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("no ssh program given");
        }
        this.host = host;
        List<String> options = new ArrayList<>(sshOptions == null ? List.of() : sshOptions);
        options.addAll(propertyOptions(System.getProperty(OPTIONS_PROPERTY)));
        this.command = command(program, host, connectTimeout, options);
    }

    /** The full command each socket runs. */
    List<String> command() {
        return command;
    }

    /** An unconnected socket; {@code connect} starts its ssh process. */
    @Override
    public Socket createSocket() {
        return new ProcessSocket(host.toString(), command);
    }

    @Override
    public String toString() {
        return "SshSocketFactory[" + host + "]";
    }

    static List<String> propertyOptions(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.asList(value.strip().split("\\s+"));
    }

    static List<String> command(String program, DockerHost host, Duration connectTimeout, List<String> options) {
        List<String> c = new ArrayList<>();
        c.add(program);
        c.addAll(options);
        c.add("-o");
        c.add("ConnectTimeout=" + seconds(connectTimeout));
        c.add("-T");
        if (!host.user().isEmpty()) {
            c.add("-l");
            c.add(host.user());
        }
        if (host.port() > 0) {
            c.add("-p");
            c.add(Integer.toString(host.port()));
        }
        c.add("--");
        c.add(host.host());
        // ssh joins these with spaces and the remote shell splits them again: quote what it would change.
        c.add("docker");
        if (!host.path().isEmpty()) {
            c.add(shellQuote("--host=unix://" + host.path()));
        }
        c.add("system");
        c.add("dial-stdio");
        return List.copyOf(c);
    }

    private static long seconds(Duration timeout) {
        Duration d = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_CONNECT_TIMEOUT : timeout;
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    static String shellQuote(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
