package dev.berth.transport;

import dev.berth.errors.InvalidDockerHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a daemon listens, parsed from a {@code DOCKER_HOST}-style address.
 *
 * <pre>{@code
 * DockerHost.parse("unix:///var/run/docker.sock");     // UNIX, path /var/run/docker.sock
 * DockerHost.parse("tcp://10.0.0.5:2376/base");        // TCP, host 10.0.0.5, port 2376, base path /base
 * DockerHost.parse("npipe:////./pipe/docker_engine");  // NPIPE, path \\.\pipe\docker_engine
 * DockerHost.parse("ssh://me@build-box:2222");          // SSH, user me, port 2222
 * }</pre>
 *
 * @param scheme how to connect
 * @param host the TCP or SSH host name; empty for sockets and pipes
 * @param port the TCP or SSH port; -1 when not given (the connection picks the default)
 * @param path the socket or pipe path, the SSH remote socket path, or empty
 * @param basePath the HTTP path prefix for TCP hosts ({@code /base}), or empty
 * @param user the SSH user, or empty; for SSH, 1 to 32 letters, digits, {@code .}, {@code _} and {@code -}, not
 *             starting with {@code -}, optionally ending with {@code $}
 */
public record DockerHost(Scheme scheme, String host, int port, String path, String basePath, String user) {

    /** The transport a host address names. */
    public enum Scheme {
        /** A Unix domain socket: {@code unix:///path}. */
        UNIX,
        /** Plain or TLS TCP: {@code tcp://}, {@code http://}, {@code https://}. */
        TCP,
        /** A Windows named pipe: {@code npipe:////./pipe/NAME}. */
        NPIPE,
        /** A remote daemon reached through {@code ssh ... docker system dial-stdio}. */
        SSH
    }

    /** The default Unix socket path. */
    public static final String DEFAULT_UNIX_SOCKET = "/var/run/docker.sock";
    /** The default Windows named pipe. */
    public static final String DEFAULT_NAMED_PIPE = "\\\\.\\pipe\\docker_engine";

    /** The longest ssh user name accepted: useradd's limit. */
    private static final int MAX_USER_LENGTH = 32;

    /**
     * Checks the scheme and the ssh user name; null strings become empty.
     *
     * @param scheme how to connect; required
     * @param host the TCP or SSH host name; empty for sockets and pipes
     * @param port the TCP or SSH port; -1 for the default
     * @param path the socket or pipe path, the SSH remote socket path, or empty
     * @param basePath the HTTP path prefix for TCP hosts, such as {@code /base}, or empty
     * @param user the SSH user, or empty
     * @throws InvalidDockerHostException when an ssh user name is not a plain POSIX-style one (see {@link #user()})
     * @throws IllegalArgumentException when the scheme is null
     */
    public DockerHost {
        if (scheme == null) {
            throw new IllegalArgumentException("scheme is required");
        }
        host = host == null ? "" : host;
        path = path == null ? "" : path;
        basePath = basePath == null ? "" : basePath;
        user = user == null ? "" : user;
        String problem = scheme == Scheme.SSH ? userProblem(user) : null;
        if (problem != null) {
            throw new InvalidDockerHostException("invalid ssh user for " + printable(host) + ": " + problem);
        }
    }

    /**
     * Why {@code user} is no ssh user name to pass on, or null when it is one (or empty: none). Accepted: 1 to 32
     * letters, digits, {@code .}, {@code _} and {@code -}, not starting with {@code -}, optionally ending with
     * {@code $} (POSIX portable names, as useradd takes them). ssh gets the name as the argument of {@code -l}, so
     * a leading dash is no option injection, but a name like {@code -oProxyCommand=...} or one holding a newline or
     * shell characters is never a real user, and ssh passes the name on to configuration ({@code %r}) and logs.
     */
    private static String userProblem(String user) {
        if (user.isEmpty()) {
            return null;
        }
        String shown = "the ssh user name '" + printable(user.length() > MAX_USER_LENGTH
                ? user.substring(0, MAX_USER_LENGTH) + "..." : user) + "' ";
        String rule = "; a user name is 1 to " + MAX_USER_LENGTH + " letters, digits, '.', '_' and '-', not starting"
                + " with '-', and may end with '$'";
        if (user.length() > MAX_USER_LENGTH) {
            return shown + "is longer than " + MAX_USER_LENGTH + " characters" + rule;
        }
        if (user.startsWith("-")) {
            return shown + "starts with '-', which ssh tools take for an option" + rule;
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
                    || c == '$' && i == user.length() - 1;
            if (!ok) {
                return shown + "holds " + (Character.isISOControl(c) ? "the control character"
                        : "'" + printable(String.valueOf(c)) + "'") + String.format(" (U+%04X)", (int) c) + rule;
            }
        }
        return null;
    }

    /** The text with control characters written as Java escapes: messages must not carry them (log injection). */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /**
     * A Unix socket host.
     *
     * @param socket the socket's path, such as {@code /var/run/docker.sock}
     * @return a {@code unix://} host
     */
    public static DockerHost unix(Path socket) {
        return new DockerHost(Scheme.UNIX, "", -1, socket.toString(), "", "");
    }

    /**
     * A TCP host.
     *
     * @param host the host name or IP address
     * @param port the port; -1 for the default (2375, or 2376 with TLS)
     * @return a {@code tcp://} host with no base path
     */
    public static DockerHost tcp(String host, int port) {
        return new DockerHost(Scheme.TCP, host, port, "", "", "");
    }

    /**
     * The platform default: the Docker named pipe on Windows, {@code /var/run/docker.sock} elsewhere.
     *
     * @return {@code npipe:////./pipe/docker_engine} on Windows, {@code unix:///var/run/docker.sock} elsewhere
     */
    public static DockerHost platformDefault() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows
                ? new DockerHost(Scheme.NPIPE, "", -1, DEFAULT_NAMED_PIPE, "", "")
                : new DockerHost(Scheme.UNIX, "", -1, DEFAULT_UNIX_SOCKET, "", "");
    }

    /**
     * Parses a {@code DOCKER_HOST} value: {@code unix://}, {@code tcp://host[:port][/base]}, {@code http://},
     * {@code https://}, {@code npipe://}, {@code ssh://[user@]host[:port][/socket]}. A bare {@code host:port} is TCP,
     * as the CLI reads it.
     *
     * @param address such as {@code unix:///var/run/docker.sock}, {@code tcp://10.0.0.5:2376} or {@code
     *                ssh://me@build-box}
     * @return the host it names
     * @throws InvalidDockerHostException with the reason, when the address cannot be used
     */
    public static DockerHost parse(String address) {
        if (address == null || address.isBlank()) {
            throw new InvalidDockerHostException("empty Docker host address");
        }
        String a = address.trim();
        int sep = a.indexOf("://");
        if (sep < 0) {
            a = "tcp://" + a;
            sep = 3;
        }
        String scheme = a.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = a.substring(sep + 3);
        switch (scheme) {
            case "unix":
                if (rest.isEmpty()) {
                    throw invalid(address, "no socket path");
                }
                return new DockerHost(Scheme.UNIX, "", -1, rest, "", "");
            case "npipe":
                if (rest.isEmpty()) {
                    throw invalid(address, "no pipe name");
                }
                return new DockerHost(Scheme.NPIPE, "", -1, rest.replace('/', '\\'), "", "");
            case "tcp":
            case "http":
            case "https":
                return network(address, Scheme.TCP, a);
            case "ssh":
                return network(address, Scheme.SSH, a);
            default:
                throw invalid(address, "unsupported scheme '" + scheme
                        + "' (use unix://, tcp://, http(s)://, npipe:// or ssh://)");
        }
    }

    private static DockerHost network(String original, Scheme scheme, String uriText) {
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw invalid(original, e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid(original, "no host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(original, "a query or fragment is not allowed");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw invalid(original, "port " + uri.getPort() + " is not in 1-65535");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String user = uri.getUserInfo() == null ? "" : uri.getUserInfo();
        if (scheme == Scheme.TCP) {
            if (!user.isEmpty()) {
                throw invalid(original, "user info is not allowed in a tcp address");
            }
            return new DockerHost(Scheme.TCP, host, uri.getPort(), "", path, "");
        }
        if (user.contains(":")) {
            throw invalid(original, "a password in an ssh address is not supported; use ssh keys or an agent");
        }
        String problem = userProblem(user);
        if (problem != null) {
            throw invalid(original, problem);
        }
        return new DockerHost(Scheme.SSH, host, uri.getPort(), path, "", user);
    }

    private static InvalidDockerHostException invalid(String address, String why) {
        String shown = address.replaceAll("://([^:/@]*):[^@/]*@", "://$1:***@");
        return new InvalidDockerHostException("invalid Docker host '" + printable(shown) + "': " + printable(why));
    }

    /** {@return the port to dial without TLS: the given one, else 2375 (TCP) or 22 (SSH)} */
    public int effectivePort() {
        if (port > 0) {
            return port;
        }
        return scheme == Scheme.SSH ? 22 : 2375;
    }

    /** {@return the port to dial with TLS: the given one, else 2376, the daemon's TLS port} */
    public int effectiveTlsPort() {
        return port > 0 ? port : 2376;
    }

    /** The address in {@code DOCKER_HOST} form, as messages show it. */
    @Override
    public String toString() {
        switch (scheme) {
            case UNIX:
                return "unix://" + path;
            case NPIPE:
                return "npipe://" + path.replace('\\', '/');
            case SSH:
                return "ssh://" + (user.isEmpty() ? "" : encode(user, "")) + (user.isEmpty() ? "" : "@") + bracket(host)
                        + (port > 0 ? ":" + port : "") + encode(path, ":@/");
            default:
                return "tcp://" + bracket(host) + (port > 0 ? ":" + port : "") + encode(basePath, ":@/");
        }
    }

    /**
     * Percent-encodes (UTF-8) what a URI part cannot hold as it is: {@link #parse} decodes {@code %XX}, so a path or
     * user holding {@code %}, a space or a control character must print encoded to parse back to the same host.
     */
    private static String encode(String part, String alsoAllowed) {
        StringBuilder out = new StringBuilder(part.length());
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=".indexOf(c) >= 0
                    || alsoAllowed.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code host:port} for a TCP host, an IPv6 literal in brackets: what a Host header and a URL carry. */
    String authority(int port) {
        return bracket(host) + ":" + port;
    }

    private static String bracket(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
