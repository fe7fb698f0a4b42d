package dev.berth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.errors.CredentialHelperNotFoundException;
import dev.berth.errors.CredentialsException;
import dev.berth.transport.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry credentials kept the way the {@code docker} CLI keeps them, in a config directory ({@code ~/.docker} or
 * {@code $DOCKER_CONFIG}): plain entries under {@code auths} in {@code config.json}, or credential helper programs
 * ({@code docker-credential-<name>}) named by {@code credsStore} (for every registry) and {@code credHelpers} (per
 * registry, winning over {@code credsStore}). {@code docker login} and {@code docker logout} write what
 * {@link #lookup(String)} reads, and the other way round.
 *
 * <p>Unlike the CLI, a {@code config.json} without any {@code auths}, {@code credsStore} or {@code credHelpers} is
 * taken at its word: no credentials. Platform default helpers (osxkeychain, wincred, pass, secretservice) are never
 * probed, so nothing is run that the file does not name. {@code DOCKER_AUTH_CONFIG} and the legacy
 * {@code .dockercfg} are not read.
 *
 * <p>Helpers are found in the absolute directories of the {@code PATH} of the environment given to the constructor
 * (relative entries such as {@code .} are never searched; see {@link CredentialHelperNotFoundException}), started
 * directly (no shell), run with exactly that environment, and stopped after 30 seconds. Failures are {@link CredentialsException}s whose
 * messages never contain a password, identity token or {@code auth} value.
 *
 * <pre>{@code
 * CredentialStore store = CredentialStore.fromEnvironment();
 * AuthConfig auth = store.lookup("127.0.0.1:5000/team/app:1").orElse(AuthConfig.anonymous());
 * store.store(AuthConfig.ofPassword("berth", password, "127.0.0.1:5000"));   // docker login
 * store.erase("127.0.0.1:5000");                                             // docker logout
 * }</pre>
 */
public final class CredentialStore {
    /** The {@code config.json} key of Docker Hub, also the server URL its helpers see. */
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";

    /** The helper user name that marks the secret as an identity token. */
    static final String TOKEN_USERNAME = "<token>";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> HUB_HOSTS = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");
    private static final String HELPER_PREFIX = "docker-credential-";
    private static final List<String> SECRET_FIELDS =
            List.of("auth", "username", "password", "identitytoken", "registrytoken");

    /** The config file's layout, as the CLI writes it; made on the first store or erase, not with the client. */
    private static final class Pretty {
        static final ObjectWriter WRITER = Json.writer().with(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("\t", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
                        .withArrayEmptySeparator("")));

        private Pretty() {
        }
    }

    private final Path configDir;
    private final Map<String, String> env;
    private final Duration timeout;
    /**
     * One {@code store} or {@code erase} at a time (each reads, changes and replaces {@code config.json}, and may run
     * a helper): a {@link ReentrantLock}, not {@code synchronized}, so a virtual thread waiting on the helper or the
     * file does not pin its carrier.
     */
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * The credentials of {@code configDir}; helpers are looked up on {@code env}'s {@code PATH} and run with
     * {@code env} as their whole environment.
     *
     * <pre>{@code
     * CredentialStore store = new CredentialStore(Path.of("/home/ci/.docker"), System.getenv());
     * }</pre>
     *
     * @param configDir the folder of {@code config.json}, such as {@code ~/.docker}; it need not exist
     * @param env the environment helpers see, {@code PATH} included
     * @throws NullPointerException when {@code configDir} is null
     */
    public CredentialStore(Path configDir, Map<String, String> env) {
        this(configDir, env, HELPER_TIMEOUT);
    }

    CredentialStore(Path configDir, Map<String, String> env, Duration timeout) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /**
     * The CLI's store: {@code $DOCKER_CONFIG} when set, else {@code ~/.docker}, with this process's environment.
     *
     * <pre>{@code
     * Optional<AuthConfig> hub = CredentialStore.fromEnvironment().lookup("busybox");
     * }</pre>
     *
     * @return the store of this process's {@code docker} CLI
     */
    public static CredentialStore fromEnvironment() {
        Map<String, String> env = System.getenv();
        String dir = env.get("DOCKER_CONFIG");
        Path configDir = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"),
                ".docker");
        return new CredentialStore(configDir, env);
    }

    /**
     * The {@code config.json} file this store reads and writes (it need not exist).
     *
     * <pre>{@code
     * CredentialStore.fromEnvironment().configFile();   // /home/me/.docker/config.json
     * }</pre>
     *
     * @return {@code config.json} in the store's folder
     */
    public Path configFile() {
        return configDir.resolve("config.json");
    }

    /**
     * The {@code config.json} key for a registry or an image reference. Names without a registry part
     * ({@code busybox}, {@code library/busybox}, {@code team/app:1}) and {@code docker.io}, {@code index.docker.io}
     * or {@code registry-1.docker.io} give {@link #DOCKER_HUB}; anything else gives {@code host[:port]}. As in
     * docker's reference parsing, the first path component is a registry when it contains {@code .} or {@code :},
     * is {@code localhost}, or has upper-case letters. A name without any {@code /} is a registry only when its host
     * part has a {@code .} or is {@code localhost}: {@code myregistry:5000} is the image {@code myregistry} with tag
     * {@code 5000}, so write {@code myregistry:5000/} for the registry. URLs are reduced to their host and port.
     *
     * <pre>{@code
     * CredentialStore.registryKey("busybox");                      // "https://index.docker.io/v1/"
     * CredentialStore.registryKey("127.0.0.1:5000/team/app:1");    // "127.0.0.1:5000"
     * CredentialStore.registryKey("https://reg.example.com/v2/");  // "reg.example.com"
     * }</pre>
     *
     * @param registryOrImage a registry host or URL, or an image reference
     * @return the key, such as {@code https://index.docker.io/v1/} or {@code 127.0.0.1:5000}
     */
    public static String registryKey(String registryOrImage) {
        String s = requireText(registryOrImage, "registry or image reference");
        if (s.contains("://")) {
            return hostKey(s);
        }
        int slash = s.indexOf('/');
        boolean registry;
        String first;
        if (slash < 0) {
            first = s;
            String host = s.split("[:@]", 2)[0];
            registry = host.contains(".") || host.equals("localhost") || s.startsWith("[");
        } else {
            first = s.substring(0, slash);
            registry = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase(Locale.ROOT));
        }
        return registry ? hostKey(first) : DOCKER_HUB;
    }

    /**
     * The credentials for a registry or an image's registry (see {@link #registryKey(String)}), as {@code docker pull}
     * finds them: from the {@code credHelpers} helper for that registry, else from the {@code credsStore} helper,
     * else from {@code auths} (the exact key first, then keys that reduce to the same host, such as
     * {@code https://127.0.0.1:5000/v1/} for {@code 127.0.0.1:5000}). A helper user name of {@code <token>} makes the
     * secret an identity token.
     *
     * <pre>{@code
     * AuthConfig auth = store.lookup("127.0.0.1:5000/team/app:1").orElse(AuthConfig.anonymous());
     * }</pre>
     *
     * @param registryOrImage a registry host or URL, or an image reference
     * @return empty when there are none, including when the helper answers "credentials not found"
     * @throws CredentialsException when a helper is missing ({@link CredentialHelperNotFoundException}) or fails, or
     *         {@code config.json} is malformed
     */
    public Optional<AuthConfig> lookup(String registryOrImage) {
        String key = registryKey(registryOrImage);
        ObjectNode config = readConfig();
        String helper = helperFor(config, key);
        if (helper != null) {
            return helperGet(helper, key);
        }
        JsonNode auths = config.get("auths");
        if (auths == null || !auths.isObject()) {
            return Optional.empty();
        }
        JsonNode exact = auths.get(key);
        if (exact != null) {
            return decode(exact, key, key);
        }
        for (Map.Entry<String, JsonNode> e : auths.properties()) {
            if (hostKey(e.getKey()).equals(key)) {
                return decode(e.getValue(), e.getKey(), key);
            }
        }
        return Optional.empty();
    }

    /**
     * Saves credentials as {@code docker login} does, under the key of {@code auth.serverAddress()} (a registry, not
     * an image; Docker Hub when absent). With a helper for that registry ({@code credHelpers} or {@code credsStore})
     * the helper's {@code store} gets them (an identity token as user name {@code <token>}) and any plain-text secret
     * for that registry is removed from {@code config.json}; otherwise {@code auths[key]} gets
     * {@code {"auth": base64(user:password)}} or {@code {"identitytoken": ...}}. Every other part of
     * {@code config.json} is kept; the file is replaced atomically and created with mode 0600 (its directory 0700)
     * where the file system is POSIX.
     *
     * <pre>{@code
     * store.store(AuthConfig.ofPassword("berth", password, "127.0.0.1:5000"));
     * }</pre>
     *
     * @param auth the credentials, with the registry as {@link AuthConfig#serverAddress()}
     * @throws IllegalArgumentException when {@code auth} is anonymous
     * @throws CredentialsException when the helper fails or the file cannot be read or written
     */
    public void store(AuthConfig auth) {
        writeLock.lock();
        try {
            storeLocked(auth);
        } finally {
            writeLock.unlock();
        }
    }

    private void storeLocked(AuthConfig auth) {
        Objects.requireNonNull(auth, "auth");
        if (auth.isAnonymous()) {
            throw new IllegalArgumentException("no credentials to store: " + auth);
        }
        String key = hostKey(AuthConfig.present(auth.serverAddress()) ? auth.serverAddress() : DOCKER_HUB);
        ObjectNode config = readConfig();
        String helper = helperFor(config, key);
        boolean token = AuthConfig.present(auth.identityToken());
        if (helper != null) {
            String secret = token ? auth.identityToken() : orEmpty(auth.password());
            ObjectNode body = Json.objectNode();
            body.put("ServerURL", key);
            body.put("Username", token ? TOKEN_USERNAME : orEmpty(auth.username()));
            body.put("Secret", secret);
            HelperResult r = runHelper(helper, "store", Json.write(body), key);
            if (r.exit != 0) {
                throw failure(helper, "store", key, r, List.of(secret));
            }
            if (stripFileSecrets(config, key)) {
                writeConfig(config);
            }
            return;
        }
        ObjectNode auths = objectField(config, "auths");
        ObjectNode entry = auths.get(key) instanceof ObjectNode old ? old.deepCopy() : auths.objectNode();
        entry.remove(SECRET_FIELDS);
        entry.remove("serveraddress");
        if (AuthConfig.present(auth.username()) || (!token && AuthConfig.present(auth.password()))) {
            String pair = orEmpty(auth.username()) + ":" + (token ? "" : orEmpty(auth.password()));
            entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (token) {
            entry.put("identitytoken", auth.identityToken());
        }
        auths.set(key, entry);
        writeConfig(config);
    }

    /**
     * Removes the credentials of a registry (a host or URL, not an image) as {@code docker logout} does: the
     * helper's {@code erase} when a helper serves it, then every {@code auths} entry for it (the exact key and keys
     * that reduce to the same host). Nothing to remove is not an error.
     *
     * <pre>{@code
     * store.erase("127.0.0.1:5000");
     * store.erase(CredentialStore.DOCKER_HUB);
     * }</pre>
     *
     * @param registry the registry's host or URL, such as {@code 127.0.0.1:5000} or {@link #DOCKER_HUB}
     * @throws CredentialsException when the helper fails or the file cannot be read or written
     */
    public void erase(String registry) {
        writeLock.lock();
        try {
            eraseLocked(registry);
        } finally {
            writeLock.unlock();
        }
    }

    private void eraseLocked(String registry) {
        String key = hostKey(requireText(registry, "registry"));
        ObjectNode config = readConfig();
        String helper = helperFor(config, key);
        if (helper != null) {
            HelperResult r = runHelper(helper, "erase", key, key);
            if (r.exit != 0 && !r.notFound()) {
                throw failure(helper, "erase", key, r, List.of());
            }
        }
        JsonNode auths = config.get("auths");
        if (auths instanceof ObjectNode a) {
            List<String> gone = new ArrayList<>();
            a.fieldNames().forEachRemaining(k -> {
                if (k.equals(key) || hostKey(k).equals(key)) {
                    gone.add(k);
                }
            });
            if (!gone.isEmpty()) {
                a.remove(gone);
                writeConfig(config);
            }
        }
    }

    /**
     * Every credential known, by registry key, for {@code X-Registry-Config} on builds
     * ({@link AuthConfig#encodeRegistryConfig(Map)}), as the CLI collects them: with {@code credsStore}, each URL
     * its helper's {@code list} names, fetched with {@code get}; without, the {@code auths} entries that hold
     * credentials; then each {@code credHelpers} registry from its own helper, replacing what came before for it. A
     * failing {@code credHelpers} helper is skipped with a warning, as the CLI does.
     *
     * <pre>{@code
     * String header = AuthConfig.encodeRegistryConfig(store.all());
     * }</pre>
     *
     * @return the credentials by registry key, in the order collected; empty when there are none
     * @throws CredentialsException when the {@code credsStore} helper fails or {@code config.json} is malformed
     */
    public Map<String, AuthConfig> all() {
        ObjectNode config = readConfig();
        Map<String, AuthConfig> all = new LinkedHashMap<>();
        String credsStore = text(config, "credsStore");
        if (AuthConfig.present(credsStore)) {
            HelperResult r = runHelper(credsStore, "list", "", null);
            if (r.exit != 0 && !r.notFound()) {
                throw failure(credsStore, "list", null, r, List.of());
            }
            JsonNode list = r.exit == 0 ? parse(r.stdout) : null;
            if (r.exit == 0 && (list == null || !list.isObject())) {
                throw new CredentialsException(HELPER_PREFIX + credsStore + " list returned malformed output");
            }
            if (list != null) {
                for (Iterator<String> it = list.fieldNames(); it.hasNext(); ) {
                    String url = it.next();
                    helperGet(credsStore, url).ifPresent(a -> all.put(url, a));
                }
            }
        } else if (config.get("auths") instanceof ObjectNode auths) {
            for (Map.Entry<String, JsonNode> e : auths.properties()) {
                decode(e.getValue(), e.getKey(), e.getKey()).ifPresent(a -> all.put(e.getKey(), a));
            }
        }
        if (config.get("credHelpers") instanceof ObjectNode helpers) {
            for (Map.Entry<String, JsonNode> e : helpers.properties()) {
                String registry = e.getKey();
                String helper = e.getValue().asText("");
                if (helper.isEmpty()) {
                    continue;
                }
                try {
                    Optional<AuthConfig> auth = helperGet(helper, registry);
                    all.keySet().removeIf(k -> hostKey(k).equals(hostKey(registry)));
                    auth.ifPresent(a -> all.put(registry, a));
                } catch (CredentialsException ex) {
                    LOG.warn("skipping the credentials of {}: {}", registry, ex.getMessage());
                }
            }
        }
        return all;
    }

    /**
     * The config directory, for diagnostics.
     *
     * <pre>{@code
     * System.out.println(store);   // CredentialStore[/home/me/.docker]
     * }</pre>
     */
    @Override
    public String toString() {
        return "CredentialStore[" + configDir + "]";
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    /** A registry host or URL as a config key: reduced to host[:port] (ConvertToHostname), Docker Hub normalised. */
    static String hostKey(String registry) {
        String host = toHostname(registry);
        return HUB_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? DOCKER_HUB : host;
    }

    /** Strips a scheme, user info and path, as the CLI's ConvertToHostname does. */
    static String toHostname(String maybeUrl) {
        String s = maybeUrl.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (scheme >= 0) {
            host = host.substring(host.lastIndexOf('@') + 1);
        }
        return host;
    }

    private String helperFor(ObjectNode config, String key) {
        if (config.get("credHelpers") instanceof ObjectNode helpers) {
            String exact = helpers.path(key).asText("");
            if (!exact.isEmpty()) {
                return exact;
            }
            for (Map.Entry<String, JsonNode> e : helpers.properties()) {
                String name = e.getValue().asText("");
                if (!name.isEmpty() && hostKey(e.getKey()).equals(key)) {
                    return name;
                }
            }
        }
        String store = text(config, "credsStore");
        return AuthConfig.present(store) ? store : null;
    }

    // ---- config.json ----------------------------------------------------------------------------------------

    private ObjectNode readConfig() {
        Path file = configFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Json.objectNode();
        } catch (IOException e) {
            throw new CredentialsException("cannot read " + file, e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Json.objectNode();
        }
        JsonNode node;
        try {
            node = Json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        } catch (JsonProcessingException e) {
            // no cause: the parser's message may quote the file, secrets included
            throw new CredentialsException(file + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new CredentialsException("cannot read " + file, e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new CredentialsException(file + " does not hold a JSON object");
        }
        return (ObjectNode) node;
    }

    private Optional<AuthConfig> decode(JsonNode entry, String fileKey, String serverAddress) {
        if (!entry.isObject()) {
            return Optional.empty();
        }
        String user = text(entry, "username");
        String password = text(entry, "password");
        String auth = text(entry, "auth");
        if (AuthConfig.present(auth)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialsException("the auth of " + fileKey + " in " + configFile()
                        + " is not valid base64");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new CredentialsException("the auth of " + fileKey + " in " + configFile()
                        + " is not base64 of user:password");
            }
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1).replaceAll("^\u0000+|\u0000+$", "");
        }
        String token = text(entry, "identitytoken");
        if (!AuthConfig.present(user) && !AuthConfig.present(password) && !AuthConfig.present(token)) {
            return Optional.empty();
        }
        return Optional.of(new AuthConfig(nullIfEmpty(user), nullIfEmpty(password), serverAddress,
                nullIfEmpty(token)));
    }

    /** Removes plain-text secrets of {@code key}'s auths entries (a helper now keeps them); true if any were. */
    private static boolean stripFileSecrets(ObjectNode config, String key) {
        boolean changed = false;
        if (config.get("auths") instanceof ObjectNode auths) {
            for (Map.Entry<String, JsonNode> e : auths.properties()) {
                if ((e.getKey().equals(key) || hostKey(e.getKey()).equals(key))
                        && e.getValue() instanceof ObjectNode entry) {
                    for (String field : SECRET_FIELDS) {
                        changed |= entry.remove(field) != null;
                    }
                }
            }
        }
        return changed;
    }

    private void writeConfig(ObjectNode config) {
        Path file = configFile();
        try {
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
            Path dir = target.toAbsolutePath().getParent();
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path tmp = posix
                    ? Files.createTempFile(dir, "config.json", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "config.json", ".tmp");
            try {
                byte[] text = (Pretty.WRITER.writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8);
                Files.write(tmp, text);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CredentialsException("cannot write " + file, e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Optional<AuthConfig> helperGet(String helper, String serverUrl) {
        HelperResult r = runHelper(helper, "get", serverUrl, serverUrl);
        if (r.exit != 0) {
            if (r.notFound()) {
                return Optional.empty();
            }
            throw failure(helper, "get", serverUrl, r, List.of());
        }
        JsonNode creds = parse(r.stdout);
        if (creds == null || !creds.isObject()) {
            throw new CredentialsException(HELPER_PREFIX + helper + " get for " + serverUrl
                    + " returned malformed output");
        }
        String user = text(creds, "Username");
        String secret = text(creds, "Secret");
        if (!AuthConfig.present(secret)) {
            return Optional.empty();
        }
        if (TOKEN_USERNAME.equals(user)) {
            return Optional.of(AuthConfig.ofIdentityToken(secret, serverUrl));
        }
        return Optional.of(new AuthConfig(nullIfEmpty(user), secret, serverUrl, null));
    }

    /** The outcome of one helper run. */
    private static final class HelperResult {
        final int exit;
        final String stdout;
        final String stderr;

        HelperResult(int exit, String stdout, String stderr) {
            this.exit = exit;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        boolean notFound() {
            return (stdout + "\n" + stderr).toLowerCase(Locale.ROOT).contains("credentials not found");
        }
    }

    private HelperResult runHelper(String helper, String action, String input, String registry) {
        String program = HELPER_PREFIX + helper;
        String what = program + " " + action + (registry == null ? "" : " for " + registry);
        if (!helper.matches("[A-Za-z0-9._-]+")) {
            throw new CredentialsException("invalid credential helper name in " + configFile() + ": " + program);
        }
        Path exe = findOnPath(program, registry == null ? "" : registry);
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), action);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CredentialsException("cannot run " + what, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<byte[]> out = drain(p.getInputStream(), program + " stdout");
        CompletableFuture<byte[]> err = drain(p.getErrorStream(), program + " stderr");
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the helper stopped reading or exited early; its exit status tells what happened
        }
        try {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timedOut(p, what);
            }
            byte[] stdout = out.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            byte[] stderr = err.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new HelperResult(p.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw timedOut(p, what);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while running " + what);
        } catch (ExecutionException e) {
            p.destroyForcibly();
            throw new CredentialsException("cannot read the output of " + what, e.getCause());
        }
    }

    private CredentialsException timedOut(Process p, String what) {
        p.destroyForcibly();
        return new CredentialsException(what + " timed out after " + timeout.toMillis() + " ms");
    }

    private static CompletableFuture<byte[]> drain(InputStream stream, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }

    /**
     * The helper's executable in the first absolute {@code PATH} directory holding one. Relative entries ({@code .},
     * {@code bin}, and an empty entry, which means {@code .}) are skipped: what they find depends on the working
     * directory, so a repository checked out there could plant a {@code docker-credential-*} that sees every
     * password. Go's {@code exec.LookPath}, which the CLI uses, refuses such matches too (since Go 1.19).
     *
     * @throws CredentialHelperNotFoundException when no absolute entry has it, listing matches refused
     */
    private Path findOnPath(String program, String registry) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String path = "";
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (windows ? e.getKey().equalsIgnoreCase("PATH") : e.getKey().equals("PATH")) {
                path = e.getValue();
            }
        }
        List<String> suffixes = windows ? List.of(".exe", ".cmd", ".bat", "") : List.of("");
        List<String> refused = new ArrayList<>();
        // -1 keeps a trailing empty entry, so that it is reported when it is where the helper is
        for (String dir : path.isEmpty() ? new String[0] : path.split(File.pathSeparator, -1)) {
            Path base;
            try {
                base = Path.of(dir.isEmpty() ? "." : dir);
            } catch (InvalidPathException e) {
                continue;
            }
            for (String suffix : suffixes) {
                Path candidate;
                try {
                    candidate = base.resolve(program + suffix);
                } catch (InvalidPathException e) {
                    break;
                }
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    if (base.isAbsolute()) {
                        return candidate;
                    }
                    refused.add(candidate.toString());
                    break;
                }
            }
        }
        throw new CredentialHelperNotFoundException(program, registry, refused);
    }

    /** A failed helper run; its own message is kept only when it cannot carry a credential. */
    private static CredentialsException failure(String helper, String action, String registry, HelperResult r,
            List<String> secrets) {
        String detail = sanitize(r.stdout.isBlank() ? r.stderr : r.stdout, secrets);
        return new CredentialsException(HELPER_PREFIX + helper + " " + action
                + (registry == null ? "" : " for " + registry) + " failed (exit " + r.exit + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    static String sanitize(String output, List<String> secrets) {
        String s = output.strip();
        if (s.startsWith("{") || s.startsWith("[") || s.contains("\"Secret\"")) {
            return "";
        }
        for (String secret : secrets) {
            if (AuthConfig.present(secret)) {
                String json = Json.write(secret);
                s = s.replace(secret, "***").replace(json.substring(1, json.length() - 1), "***");
            }
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    // ---- small things ---------------------------------------------------------------------------------------

    private static JsonNode parse(String text) {
        try {
            return Json.reader().readTree(text);
        } catch (JsonProcessingException e) {
            return null; // the caller reports it without the text, which may hold secrets
        }
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("empty " + what);
        }
        return s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
