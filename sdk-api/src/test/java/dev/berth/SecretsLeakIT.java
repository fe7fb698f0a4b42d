package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.BuildFailedException;
import dev.berth.errors.DockerException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.model.ContainerSpec;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.DockerEnvironment;
import dev.berth.transport.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No secret leaves Berth through a log line, an exception or a {@code toString()}: with every logger at TRACE
 * (slf4j-simple, writing to a file), a login (wrong, then right), a push and a pull with those credentials, builds
 * with a build argument, and calls that fail (wrong password, missing repository or image, unreachable registry, an
 * identity token the registry does not take, TLS with the wrong CA, broken key PEM) run against the test bed. Then
 * every log line, every message and {@code toString()} of every exception and its causes, and the {@code toString()}
 * of the objects that carry secrets are searched for the password, the identity token and their base64 forms (std
 * and url-safe, with and without padding, of {@code user:password} and of the {@code X-Registry-Auth} and
 * {@code X-Registry-Config} JSON), and for any base64 run that decodes to text holding a secret; the TLS key's PEM
 * body must not show either.
 *
 * <p>The failsafe configuration of this module sets {@code org.slf4j.simpleLogger.defaultLogLevel=trace} and
 * {@code org.slf4j.simpleLogger.logFile} before any logger exists; run alone from an IDE, the static block below
 * does the same.
 */
class SecretsLeakIT {
    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String FILE = "org.slf4j.simpleLogger.logFile";

    static {
        if (System.getProperty(FILE) == null) {
            try {
                System.setProperty(FILE, Files.createTempFile("berth-secrets-it", ".log").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(LEVEL, "trace");
        }
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> IMAGES = new ArrayList<>();
    private static Docker engine;

    @TempDir
    Path temp;

    /** Everything Berth said, each with where it came from. */
    private final List<String[]> texts = new ArrayList<>();
    /** Secret name to secret text. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @BeforeAll
    static void connect() {
        engine = TestEngine.docker();
    }

    @AfterAll
    static void cleanUp() {
        for (String image : IMAGES) {
            try {
                engine.images().remove(image, ImageRemoveOptions.force());
            } catch (NotFoundException e) {
                // already gone
            }
        }
        engine.close();
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException(name + " is not set: eval \"$(scripts/engine.sh start)\" first");
        }
        return v;
    }

    private Docker client(Path config) {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", TestEngine.dockerHost());
        env.put("DOCKER_CONFIG", config.toString());
        env.put("PATH", System.getenv("PATH"));
        return Docker.builder().environment(new DockerEnvironment(env, temp)).build();
    }

    // ---- collecting --------------------------------------------------------------------------------------------

    private void text(String where, Object o) {
        texts.add(new String[] {where, String.valueOf(o)});
    }

    /** Every message and toString of the exception, its causes and what it suppressed. */
    private void exception(String where, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text(where + ": " + t.getClass().getSimpleName() + ".getMessage", t.getMessage());
            text(where + ": " + t.getClass().getSimpleName() + ".getLocalizedMessage", t.getLocalizedMessage());
            text(where + ": " + t.getClass().getSimpleName() + ".toString", t);
            if (t instanceof DockerException d) {
                text(where + ": daemonMessage", d.daemonMessage());
            }
            for (Throwable s : t.getSuppressed()) {
                exception(where + " (suppressed)", s);
            }
        }
    }

    /** Runs a call that must succeed; its result's toString is kept too. */
    private <T> T works(String where, Supplier<T> call) {
        try {
            T result = call.get();
            text(where + ": result", result);
            return result;
        } catch (RuntimeException e) {
            exception(where, e);
            throw new AssertionError(where + " should work: " + e, e);
        }
    }

    /** Runs a call that must fail, and keeps everything its exception says. */
    private Throwable fails(String where, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            exception(where, e);
            return e;
        }
        throw new AssertionError(where + " should fail");
    }

    // ---- searching ---------------------------------------------------------------------------------------------

    private void secret(String name, String value) {
        secrets.put(name, value);
    }

    /** Adds a secret with its base64 forms: std and url-safe, padded and not. */
    private void secretWithBase64(String name, byte[] value) {
        secret(name + " (base64)", Base64.getEncoder().encodeToString(value));
        secret(name + " (base64 unpadded)", Base64.getEncoder().withoutPadding().encodeToString(value));
        secret(name + " (base64url)", Base64.getUrlEncoder().encodeToString(value));
        secret(name + " (base64url unpadded)", Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    }

    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{12,}={0,2}");

    /** The first secret in the text, by name, or null: as it is, or inside any base64 run the text holds. */
    private String findSecret(String text, List<String> raw) {
        if (text == null) {
            return null;
        }
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            if (text.contains(s.getValue())) {
                return s.getKey();
            }
        }
        Matcher run = BASE64_RUN.matcher(text);
        while (run.find()) {
            String b = run.group().replace('-', '+').replace('_', '/').replace("=", "");
            for (int skip = 0; skip < 4 && skip < b.length(); skip++) { // at every alignment
                String part = b.substring(skip);
                part = part.substring(0, part.length() - part.length() % 4);
                String decoded = new String(Base64.getDecoder().decode(part), StandardCharsets.ISO_8859_1);
                for (String r : raw) {
                    if (decoded.contains(r)) {
                        return "base64 of text holding a secret";
                    }
                }
            }
        }
        return null;
    }

    // ---- the test ----------------------------------------------------------------------------------------------

    @Test
    void noSecretInLogsExceptionsOrToString() throws IOException {
        String registry = env("BERTH_TEST_REGISTRY");
        String user = env("BERTH_TEST_REGISTRY_USER");
        String password = env("BERTH_TEST_REGISTRY_PASSWORD");
        String wrongPassword = "Wr0ng-" + UUID.randomUUID();
        String token = "idt0k-" + UUID.randomUUID();
        Path logFile = Path.of(System.getProperty(FILE));

        // logging at TRACE really reaches the file (otherwise this test would prove nothing)
        String canary = "trace-canary-" + RUN;
        LoggerFactory.getLogger(SecretsLeakIT.class).trace(canary);
        assertTrue(LoggerFactory.getLogger("dev.berth.transport.Transport").isTraceEnabled(),
                "slf4j-simple at TRACE (was a logger made before " + LEVEL + " was set?)");

        Path config = Files.createDirectories(temp.resolve("config"));
        AuthConfig right = AuthConfig.ofPassword(user, password, registry);
        AuthConfig wrong = AuthConfig.ofPassword(user, wrongPassword, registry);
        AuthConfig identity = AuthConfig.ofIdentityToken(token, registry);
        String image = registry + "/berth/secrets-leak:" + RUN;
        IMAGES.add(image);
        try (Docker d = client(config)) {
            // login, wrong then right
            Throwable refused = fails("login with a wrong password",
                    () -> d.registries().login(wrong));
            assertTrue(refused instanceof UnauthorizedException, refused.toString());
            works("login", () -> d.registries().login(right));
            works("authenticate", () -> d.registries().authenticate(right));
            works("credentialsFor", () -> d.registries().credentialsFor(image));
            String stored = Files.readString(config.resolve("config.json"));
            assertTrue(stored.contains(registry), "the login was stored");

            // push and pull: stored credentials, then explicit ones
            d.images().tag(TestEngine.image(), image);
            List<Object> events = new ArrayList<>();
            works("push (stored credentials)", () -> {
                d.images().push(image, events::add);
                return "pushed";
            });
            works("push (explicit credentials)", () -> {
                d.images().push(image, PushOptions.defaults().withAuth(right), events::add);
                return "pushed";
            });
            d.images().remove(image, ImageRemoveOptions.force());
            works("pull (explicit credentials)", () -> {
                d.images().pull(image, PullOptions.defaults().withAuth(right), events::add);
                return "pulled";
            });
            d.images().remove(image, ImageRemoveOptions.force());
            works("pull (stored credentials)", () -> {
                d.images().pull(image, events::add);
                return "pulled";
            });
            text("progress events", events);

            // what fails
            fails("push with a wrong password", () -> d.images().push(image, PushOptions.defaults().withAuth(wrong),
                    e -> { }));
            fails("pull with a wrong password", () -> d.images().pull(registry + "/berth/secrets-leak:" + RUN + "-x",
                    PullOptions.defaults().withAuth(wrong), e -> { }));
            fails("pull of a missing repository", () -> d.images().pull(registry + "/berth/missing-" + RUN + ":1",
                    PullOptions.defaults().withAuth(right), e -> { }));
            fails("push of an image that is not there", () -> d.images().push(registry + "/berth/missing-" + RUN
                    + ":1", PushOptions.defaults().withAuth(right), e -> { }));
            fails("push to a missing repository with a wrong password", () -> d.images().push(registry
                    + "/berth/missing-" + RUN + ":1", PushOptions.defaults().withAuth(wrong), e -> { }));
            fails("login to a registry that is not there", () -> d.registries().login(AuthConfig.ofPassword(user,
                    password, "127.0.0.1:1")));
            Throwable byToken = null;
            try {
                d.images().pull(registry + "/berth/missing-" + RUN + ":2", PullOptions.defaults().withAuth(identity),
                        e -> { });
            } catch (RuntimeException e) {
                byToken = e;
                exception("pull with an identity token", e);
            }
            try {
                text("authenticate with an identity token", d.registries().authenticate(identity));
            } catch (RuntimeException e) {
                exception("authenticate with an identity token", e);
            }
            text("identity token pull outcome", byToken);

            // builds with a secret build argument (and the stored credentials in X-Registry-Config)
            String tag = "berth-secrets-leak:" + RUN;
            IMAGES.add(tag);
            BuildSpec good = BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nARG SECRET_ARG\nRUN true\n")
                    .buildArg("SECRET_ARG", password).label(TestEngine.LABEL, "1").tag(tag).build();
            text("BuildSpec", good);
            List<String> output = new ArrayList<>();
            works("build with a build arg", () -> d.images().build(good, output::add));
            BuildSpec bad = BuildSpec.fromDockerfile("FROM " + TestEngine.image()
                    + "\nARG SECRET_ARG\nRUN test -z \"$SECRET_ARG\"\n").buildArg("SECRET_ARG", password)
                    .label(TestEngine.LABEL, "1").forceRemoveIntermediate().build();
            Throwable failedBuild = fails("failing build with a build arg", () -> d.images().build(bad, output::add));
            assertTrue(failedBuild instanceof BuildFailedException, failedBuild.toString());
            text("build output", output);

            // a container spec with secrets in its environment, and a create that fails
            ContainerSpec spec = ContainerSpec.builder("berth-test/does-not-exist:" + RUN)
                    .env("REGISTRY_PASSWORD", password).env("API_TOKEN", token).env("PLAIN", "x").build();
            text("ContainerSpec", spec);
            fails("create from a missing image with secrets in env", () -> d.containers().create(spec));

            text("Docker", d);
            text("Endpoint", d.endpoint());
        }

        // objects that hold secrets
        text("AuthConfig (password)", right);
        text("AuthConfig (token)", identity);
        text("ApiRequest with registryAuth", ApiRequest.post("/images/{name}/push", "x").registryAuth(right.toHeader())
                .header("X-Registry-Config", AuthConfig.encodeRegistryConfig(Map.of(registry, right))).build());

        // TLS: the key's PEM body never shows
        Path clientCerts = TestEngine.certs("client");
        String keyPem = Files.readString(clientCerts.resolve("key.pem"));
        TlsConfig tls = TlsConfig.fromDirectory(clientCerts);
        text("TlsConfig (directory)", tls);
        text("TlsConfig (files)", TlsConfig.ofFiles(clientCerts.resolve("ca.pem"), clientCerts.resolve("cert.pem"),
                clientCerts.resolve("key.pem")));
        String ca = Files.readString(clientCerts.resolve("ca.pem"));
        String cert = Files.readString(clientCerts.resolve("cert.pem"));
        List<String> keyLines = keyPem.lines().filter(l -> !l.startsWith("-----") && l.length() > 20).toList();
        assertTrue(keyLines.size() > 10, "a real key");
        fails("TLS with a cut key", () -> TlsConfig.ofPem(ca, cert, keyPem.substring(0, keyPem.length() / 2))
                .toContext());
        fails("TLS with a key line broken by a dash", () -> TlsConfig.ofPem(ca, cert + keyPem.replace(keyLines.get(5),
                keyLines.get(5).substring(0, 10) + "-" + keyLines.get(5).substring(10)), keyPem).toContext());
        fails("TLS with a key in the CA's place", () -> TlsConfig.ofPem(keyPem.replace(keyLines.get(3), ""), cert,
                keyPem).toContext());
        fails("TLS with a certificate but no key", () -> TlsConfig.ofPem(ca, cert, null));
        String tlsHost = System.getenv("BERTH_TEST_TLS_HOST");
        if (tlsHost != null && !tlsHost.isEmpty()) {
            Path otherCa = TestEngine.certs("other-ca");
            try (Docker wrongCa = Docker.builder().host(tlsHost).tls(TlsConfig.fromDirectory(otherCa)).build()) {
                text("Docker over TLS", wrongCa);
                fails("TLS handshake with the wrong CA", () -> wrongCa.system().ping());
            }
            try (Docker good = Docker.builder().host(tlsHost).tls(tls).build()) {
                works("ping over TLS", () -> good.system().ping());
            }
        }

        // the logs, read last
        List<String> log = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        assertTrue(log.stream().anyMatch(l -> l.contains(canary)), "the TRACE canary is in " + logFile);
        assertTrue(log.stream().anyMatch(l -> l.contains("/auth")), "Berth's own request logging is in " + logFile);
        for (int i = 0; i < log.size(); i++) {
            text(logFile.getFileName() + " line " + (i + 1), log.get(i));
        }

        // the secrets, and the search
        secret("password", password);
        secret("wrong password", wrongPassword);
        secret("identity token", token);
        secretWithBase64("password", password.getBytes(StandardCharsets.UTF_8));
        secretWithBase64("user:password", (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        secretWithBase64("user:wrong password", (user + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
        secretWithBase64("identity token", token.getBytes(StandardCharsets.UTF_8));
        for (AuthConfig auth : List.of(right, wrong, identity, AuthConfig.ofPassword(user, password,
                CredentialStore.registryKey(registry)))) {
            byte[] json = Base64.getUrlDecoder().decode(auth.toHeader());
            secretWithBase64("X-Registry-Auth JSON of " + auth, json);
            byte[] config2 = Base64.getUrlDecoder().decode(AuthConfig.encodeRegistryConfig(Map.of(registry, auth)));
            secretWithBase64("X-Registry-Config JSON of " + auth, config2);
        }
        for (String line : keyLines) { // and every piece of 24 characters: a message may quote part of a line
            for (int i = 0; i + 24 <= line.length(); i += 4) {
                secret("TLS key PEM body (" + line.substring(i, i + 3) + "... at " + i + ")", line.substring(i, i + 24));
            }
        }
        List<String> raw = List.of(password, wrongPassword, token);

        // the search finds what it looks for
        assertNotNull(findSecret("header " + right.toHeader(), raw));
        assertNotNull(findSecret("auth=" + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(
                StandardCharsets.UTF_8)) + ".", raw));
        assertNotNull(findSecret("x" + Base64.getEncoder().encodeToString(("{\"pw\":\"" + password + "\"}")
                .getBytes(StandardCharsets.UTF_8)), raw));
        assertNotNull(findSecret("pem " + keyLines.get(7), raw));
        assertNotNull(findSecret("Illegal footer: -----" + keyLines.get(6).substring(11), raw));
        assertEquals(null, findSecret("a harmless text 0123456789abcdefABCDEF", raw));

        List<String> leaks = new ArrayList<>();
        for (String[] t : texts) {
            String found = findSecret(t[1], raw);
            if (found != null) {
                String shown = t[1];
                for (String s : secrets.values()) {
                    shown = shown.replace(s, "<SECRET>");
                }
                leaks.add(t[0] + " shows the " + found + ": " + (shown.length() > 400 ? shown.substring(0, 400) : shown));
            }
        }
        assertTrue(texts.size() > 60, "texts searched: " + texts.size());
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " leak(s):\n" + String.join("\n", leaks));
        }
    }
}
