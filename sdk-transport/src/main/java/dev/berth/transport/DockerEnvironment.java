package dev.berth.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.transport.internal.SocketProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the daemon the way the {@code docker} CLI does, from environment variables, the config folder and the
 * context store.
 *
 * <p>Precedence, as in the CLI's code: {@code DOCKER_HOST} &gt; {@code DOCKER_CONTEXT} &gt; {@code currentContext}
 * in {@code config.json} &gt; the known sockets: the default one, then those of Docker Desktop, rootless Docker,
 * Colima, OrbStack, Rancher Desktop and Podman. The first known socket whose daemon answers a ping (within a
 * second) is taken; when none does, every place looked at, and why it was passed over, is listed in the error the
 * first call raises.
 *
 * <pre>{@code
 * Endpoint endpoint = DockerEnvironment.system().resolve();
 * Endpoint forTest = new DockerEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376",
 *         "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), Path.of("/home/me")).resolve();
 * }</pre>
 *
 * <p>TLS: a non-empty {@code DOCKER_TLS_VERIFY} or {@code DOCKER_TLS} turns TLS on with the files in
 * {@code DOCKER_CERT_PATH} (default: the config folder); missing files are skipped. Unlike the CLI, Berth verifies
 * the daemon's certificate even with {@code DOCKER_TLS} alone (against {@code ca.pem} when present, else the JDK's
 * trust store): it has no trust-all mode. Without either variable a {@code tcp://} host is plain HTTP, as in the CLI,
 * even when {@code DOCKER_CERT_PATH} (or the config folder) holds {@code ca.pem}, {@code cert.pem} or
 * {@code key.pem}; Berth then logs a warning, once per address and folder.
 */
public final class DockerEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEnvironment.class);
    private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");
    /** The address and folder pairs warned about in this process: a client made per request must not flood logs. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    /** How long a known socket may take to answer the discovery ping. */
    private static final long PROBE_MILLIS = 1000;

    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env the environment variables to read
     * @param home the user's home folder
     */
    public DockerEnvironment(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /**
     * This process's environment and home folder.
     *
     * @return an environment reading {@link System#getenv()} and the {@code user.home} folder
     */
    public static DockerEnvironment system() {
        return new DockerEnvironment(System.getenv(), Path.of(System.getProperty("user.home", "/")));
    }

    /**
     * The environment variables this reads.
     *
     * @return the variables, unmodifiable
     */
    public Map<String, String> variables() {
        return env;
    }

    /**
     * The config folder: {@code DOCKER_CONFIG}, else {@code ~/.docker}.
     *
     * @return the folder of {@code config.json} and the context store; it may not exist
     */
    public Path configDir() {
        String dir = get("DOCKER_CONFIG");
        return dir != null ? Path.of(dir) : home.resolve(".docker");
    }

    /**
     * {@return the pinned API version from {@code DOCKER_API_VERSION}, or null}
     *
     * @throws IllegalArgumentException when the variable is set but is not a version
     */
    public @Nullable ApiVersion pinnedVersion() {
        String v = get("DOCKER_API_VERSION");
        return v == null ? null : ApiVersion.parse(v);
    }

    /**
     * Resolves the endpoint.
     *
     * @return the daemon's address, TLS material, pinned version and where they came from
     * @throws IllegalArgumentException when a variable or the context store names something unusable (a bad
     *         address, a context that does not exist), with the reason
     */
    public Endpoint resolve() {
        ApiVersion pinned = pinnedVersion();
        String dockerHost = get("DOCKER_HOST");
        if (dockerHost != null) {
            DockerHost host = DockerHost.parse(dockerHost);
            return new Endpoint(host, envTls(host, dockerHost), pinned, "DOCKER_HOST", List.of());
        }
        String context = get("DOCKER_CONTEXT");
        if (context != null) {
            return fromContext(context, "DOCKER_CONTEXT", pinned);
        }
        String current = currentContext();
        if (current != null) {
            return fromContext(current, "currentContext in " + configDir().resolve("config.json"), pinned);
        }
        return defaultSocket(pinned);
    }

    private TlsConfig envTls(DockerHost host, String raw) {
        if (host.scheme() != DockerHost.Scheme.TCP) {
            return null;
        }
        if (get("DOCKER_TLS_VERIFY") != null || get("DOCKER_TLS") != null || hasScheme(raw, "https")) {
            return TlsConfig.fromDirectory(certDir());
        }
        if (!hasScheme(raw, "http")) {
            warnIfCertificatesUnused(host);
        }
        return null;
    }

    /** {@code DOCKER_CERT_PATH}, else the config folder: where the CLI looks for {@code ca.pem} and the others. */
    private Path certDir() {
        String certPath = get("DOCKER_CERT_PATH");
        return certPath != null ? Path.of(certPath) : configDir();
    }

    /**
     * Warns that a {@code tcp://} daemon is reached in plain HTTP although TLS files lie where TLS would take them
     * from. The CLI does the same without a word: unless {@code DOCKER_TLS_VERIFY} or {@code DOCKER_TLS} is set it
     * drops its TLS options, {@code DOCKER_CERT_PATH} included ({@code ClientOptions.SetDefaultOptions} in
     * docker/cli). But Go programs built on the Engine SDK's {@code client.FromEnv} do use {@code DOCKER_CERT_PATH}
     * alone (with TLS but without verification), so someone who set it may well believe the connection is
     * encrypted. Berth follows the CLI, and says so. An explicit {@code http://} address asks for plain HTTP: no
     * warning then.
     */
    private void warnIfCertificatesUnused(DockerHost host) {
        Path dir = certDir();
        List<String> found = TLS_FILES.stream().filter(f -> Files.isRegularFile(dir.resolve(f))).toList();
        if (!found.isEmpty() && WARNED.add(host + " " + dir)) {
            LOG.warn("DOCKER_HOST is {} and {} holds {}, but DOCKER_TLS_VERIFY is not set: connecting in plain HTTP,"
                    + " without TLS, as the docker CLI does. Set DOCKER_TLS_VERIFY=1 to use TLS.", host, dir,
                    String.join(", ", found));
        }
    }

    private static boolean hasScheme(String address, String scheme) {
        return address.strip().toLowerCase(Locale.ROOT).startsWith(scheme + "://");
    }

    private String currentContext() {
        Path file = configDir().resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode name = readJson(file).path("currentContext");
        return name.isTextual() && !name.asText().isEmpty() ? name.asText() : null;
    }

    private Endpoint fromContext(String name, String how, ApiVersion pinned) {
        if (name.equals("default")) {
            return defaultSocket(pinned);
        }
        String id = sha256(name);
        Path contexts = configDir().resolve("contexts");
        Path meta = contexts.resolve("meta").resolve(id).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("Docker context '" + name + "' (from " + how + ") does not exist: no "
                    + meta);
        }
        JsonNode docker = readJson(meta).path("Endpoints").path("docker");
        String address = docker.path("Host").asText("");
        if (address.isEmpty()) {
            throw new IllegalArgumentException("Docker context '" + name + "' has no docker endpoint host in " + meta);
        }
        DockerHost host = DockerHost.parse(address);
        Path tlsDir = contexts.resolve("tls").resolve(id).resolve("docker");
        TlsConfig tls = null;
        if (host.scheme() == DockerHost.Scheme.TCP && (Files.isDirectory(tlsDir) || hasScheme(address, "https"))) {
            tls = TlsConfig.fromDirectory(tlsDir);
        }
        return new Endpoint(host, tls, pinned, "context '" + name + "' (" + how + ")", List.of());
    }

    private Endpoint defaultSocket(ApiVersion pinned) {
        DockerHost fallback = DockerHost.platformDefault();
        if (fallback.scheme() != DockerHost.Scheme.UNIX) {
            return new Endpoint(fallback, null, pinned, "default named pipe", List.of());
        }
        List<String> tried = new ArrayList<>();
        for (Path p : knownSockets()) {
            if (!Files.exists(p)) {
                tried.add("unix://" + p + " (no such file)");
                continue;
            }
            String problem = SocketProbe.ping(p, PROBE_MILLIS);
            if (problem == null) {
                return new Endpoint(DockerHost.unix(p), null, pinned, "the first known socket that answered", tried);
            }
            tried.add("unix://" + p + " (" + problem + ")");
        }
        return new Endpoint(fallback, null, pinned, "default socket (none answered)", tried);
    }

    /**
     * Where daemons listen when nothing says otherwise, in the order they are tried: the default socket, Docker
     * Desktop, rootless Docker, Colima, OrbStack, Rancher Desktop, Podman.
     */
    List<Path> knownSockets() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(DockerHost.DEFAULT_UNIX_SOCKET));
        candidates.add(home.resolve(".docker/run/docker.sock"));
        candidates.add(home.resolve(".docker/desktop/docker.sock"));
        String runtime = get("XDG_RUNTIME_DIR");
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        String uid = uid();
        if (uid != null) {
            Path userRun = Path.of("/run/user", uid, "docker.sock");
            if (!candidates.contains(userRun)) {
                candidates.add(userRun);
            }
        }
        candidates.add(home.resolve(".colima/default/docker.sock"));
        candidates.add(home.resolve(".colima/docker.sock"));
        candidates.add(home.resolve(".orbstack/run/docker.sock"));
        candidates.add(home.resolve(".rd/docker.sock"));
        if (runtime != null) {
            candidates.add(Path.of(runtime, "podman/podman.sock"));
        }
        candidates.add(Path.of("/run/podman/podman.sock"));
        return candidates;
    }

    /** This process's user id, from {@code /proc/self/status} (Linux), or null. */
    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: skip /run/user
        }
        return null;
    }

    private String get(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static JsonNode readJson(Path file) {
        try {
            return ConfigJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The mapper for config files, made on first use: with {@code DOCKER_HOST} set no file is read, and a program's
     * start need not pay for it.
     */
    private static final class ConfigJson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
