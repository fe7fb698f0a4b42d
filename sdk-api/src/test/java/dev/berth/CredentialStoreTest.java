package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.errors.CredentialHelperNotFoundException;
import dev.berth.errors.CredentialsException;
import dev.berth.transport.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    private static final String HUB = CredentialStore.DOCKER_HUB;
    private static final String REG = "127.0.0.1:5000";
    private static final String SECRET = "s3cr3t-Pa55w0rd";

    /**
     * A credential helper speaking the docker-credential-helpers protocol, keeping one JSON file per server URL in
     * its store folder. Marker files there make it fail ({@code fail}: exit 2 with a message; {@code echo-fail}:
     * exit 3 quoting the secret it was given; {@code hang}: never answer).
     */
    private static final String HELPER_SCRIPT = """
            #!/bin/sh
            store='STORE'
            input=$(cat)
            case "$1" in
              store) url=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p') ;;
              *) url=$input ;;
            esac
            echo "$1 $url" >> "$store/calls.log"
            if [ -f "$store/fail" ]; then echo "error: the keychain is locked"; exit 2; fi
            if [ -f "$store/echo-fail" ]; then
              echo "cannot save: $(printf '%s' "$input" | sed -n 's/.*"Secret":"\\([^"]*\\)".*/\\1/p') rejected"
              exit 3
            fi
            if [ -f "$store/hang" ]; then exec sleep 10; fi
            file="$store/$(printf '%s' "$url" | tr -c 'A-Za-z0-9.' '_').json"
            case "$1" in
              get)
                if [ -f "$file" ]; then cat "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              store) printf '%s' "$input" > "$file" ;;
              erase)
                if [ -f "$file" ]; then rm -f "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              list)
                sep=''
                printf '{'
                for f in "$store"/*.json; do
                  [ -f "$f" ] || continue
                  u=$(sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p' "$f")
                  n=$(sed -n 's/.*"Username":"\\([^"]*\\)".*/\\1/p' "$f")
                  printf '%s"%s":"%s"' "$sep" "$u" "$n"
                  sep=','
                done
                echo '}' ;;
              *) echo "unknown action $1"; exit 1 ;;
            esac
            """;

    @TempDir
    Path tmp;
    Path configDir;
    Path bin;
    Map<String, String> env;
    CredentialStore store;

    @BeforeEach
    void setUp() throws IOException {
        configDir = tmp.resolve("docker");
        bin = Files.createDirectories(tmp.resolve("bin"));
        env = Map.of("PATH", bin + ":/usr/bin:/bin");
        store = new CredentialStore(configDir, env);
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    @Test
    void dockerHubNamesNormaliseToTheIndexKey() {
        for (String name : List.of("busybox", "busybox:1.36", "library/busybox", "team/app:1",
                "busybox@sha256:0123abcd", "docker.io/library/busybox", "docker.io", "index.docker.io",
                "index.docker.io/library/busybox:1", "registry-1.docker.io", "https://index.docker.io/v1/",
                "https://registry-1.docker.io/v2/")) {
            assertEquals(HUB, CredentialStore.registryKey(name), name);
        }
    }

    @Test
    void otherRegistriesKeyByHostAndPort() {
        assertEquals(REG, CredentialStore.registryKey("127.0.0.1:5000/team/app:1"));
        assertEquals(REG, CredentialStore.registryKey("127.0.0.1:5000"));
        assertEquals(REG, CredentialStore.registryKey("https://127.0.0.1:5000/v1/"));
        assertEquals("localhost", CredentialStore.registryKey("localhost/app"));
        assertEquals("localhost:5000", CredentialStore.registryKey("localhost:5000"));
        assertEquals("reg.example.com", CredentialStore.registryKey("reg.example.com"));
        assertEquals("reg.example.com", CredentialStore.registryKey("reg.example.com/a/b@sha256:00"));
        assertEquals("myregistry:5000", CredentialStore.registryKey("myregistry:5000/app"));
        assertEquals("myregistry:5000", CredentialStore.registryKey("myregistry:5000/"));
        assertThrows(IllegalArgumentException.class, () -> CredentialStore.registryKey(" "));
    }

    // ---- auths in config.json -------------------------------------------------------------------------------

    @Test
    void authsExactKeyWinsAndPasswordMayHoldColons() throws IOException {
        writeConfig("{\"auths\":{\"https://127.0.0.1:5000/v1/\":{\"auth\":\"" + b64("old:legacy") + "\"},"
                + "\"127.0.0.1:5000\":{\"auth\":\"" + b64("berth:pa:ss") + "\"}}}");
        assertEquals(Optional.of(new AuthConfig("berth", "pa:ss", REG, null)),
                store.lookup("127.0.0.1:5000/team/app:1"));
    }

    @Test
    void authsKeysAreReducedToTheirHostname() throws IOException {
        writeConfig("{\"auths\":{\"https://127.0.0.1:5000/v1/\":{\"auth\":\"" + b64("berth:" + SECRET) + "\"}}}");
        assertEquals(Optional.of(AuthConfig.ofPassword("berth", SECRET, REG)), store.lookup(REG));
        assertEquals(Optional.empty(), store.lookup("127.0.0.1:5001/app"));
        assertEquals(Optional.empty(), store.lookup("busybox"));
    }

    @Test
    void identityTokenFromAuths() throws IOException {
        writeConfig("{\"auths\":{\"reg.example.com\":{\"auth\":\"" + b64("berth:") + "\",\"identitytoken\":\"tok-1\"}}}");
        AuthConfig auth = store.lookup("reg.example.com/team/app").orElseThrow();
        assertEquals("tok-1", auth.identityToken());
        assertEquals("berth", auth.username());
        assertEquals("", auth.password(), "absent is empty");
        assertEquals("{\"identitytoken\":\"tok-1\",\"serveraddress\":\"reg.example.com\"}",
                new String(Base64.getUrlDecoder().decode(auth.toHeader()), StandardCharsets.UTF_8));
    }

    @Test
    void dockerHubLookupsUseTheIndexKey() throws IOException {
        writeConfig("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:" + SECRET) + "\"},"
                + "\"reg.example.com\":{}}}");
        AuthConfig expected = AuthConfig.ofPassword("hubuser", SECRET, HUB);
        for (String name : List.of("busybox", "docker.io/library/busybox", "index.docker.io", "library/busybox:1")) {
            assertEquals(Optional.of(expected), store.lookup(name), name);
        }
        assertEquals(Optional.empty(), store.lookup("reg.example.com/app"), "an empty entry is no credentials");
    }

    @Test
    void missingConfigMeansNoCredentials() {
        assertEquals(Optional.empty(), store.lookup("busybox"));
        assertEquals(Map.of(), store.all());
        assertFalse(Files.exists(configDir));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void platformDefaultHelpersAreNotProbed() throws IOException {
        for (String name : List.of("pass", "secretservice", "osxkeychain", "wincred", "desktop")) {
            Path storeDir = helper(name);
            seed(storeDir, HUB, "someone", SECRET);
        }
        writeConfig("{\"currentContext\":\"default\"}");
        assertEquals(Optional.empty(), store.lookup("busybox"));
        assertEquals(Map.of(), store.all());
        for (String name : List.of("pass", "secretservice", "osxkeychain", "wincred", "desktop")) {
            assertFalse(Files.exists(tmp.resolve("store-" + name).resolve("calls.log")), name);
        }
    }

    @Test
    void malformedAuthIsAnErrorWithoutTheValue() throws IOException {
        String notAPair = b64(SECRET); // no colon
        writeConfig("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + notAPair + "\"}}}");
        CredentialsException e = assertThrows(CredentialsException.class, () -> store.lookup(REG));
        assertTrue(e.getMessage().contains(REG), e.getMessage());
        assertFalse(e.getMessage().contains(notAPair) || e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void malformedJsonIsAnErrorWithoutTheContent() throws IOException {
        writeConfig("{\"auths\":{}} " + SECRET);
        CredentialsException e = assertThrows(CredentialsException.class, () -> store.lookup(REG));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertNull(e.getCause());
        writeConfig("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":" + SECRET + "}}}");
        e = assertThrows(CredentialsException.class, () -> store.lookup(REG));
        assertTrue(e.getMessage().contains("config.json is not valid JSON (line 1, column"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertThrows(CredentialsException.class, () -> store.store(AuthConfig.ofPassword("a", "b", REG)));
        assertTrue(Files.readString(configFile()).contains(SECRET), "a file that cannot be read is not replaced");
    }

    @Test
    void storeThenLookupKeepsTheRestOfTheFile() throws IOException {
        String original = "{\"auths\":{\"reg.example.com\":{\"auth\":\"" + b64("a:b") + "\",\"email\":\"x@y\"}},"
                + "\"currentContext\":\"remote\",\"HttpHeaders\":{\"X-Meta\":\"1\"},"
                + "\"plugins\":{\"p\":{\"k\":[1,2.50,true]}},\"psFormat\":\"table {{.ID}}\"}";
        writeConfig(original);
        store.store(AuthConfig.ofPassword("berth", SECRET, "127.0.0.1:5000"));
        store.store(AuthConfig.ofIdentityToken("tok-9", "docker.io"));

        assertEquals(Optional.of(AuthConfig.ofPassword("berth", SECRET, REG)), store.lookup("127.0.0.1:5000/app"));
        assertEquals(Optional.of(AuthConfig.ofIdentityToken("tok-9", HUB)), store.lookup("busybox"));

        ObjectNode written = readConfig();
        assertEquals(b64("berth:" + SECRET), written.path("auths").path(REG).path("auth").asText());
        assertEquals(1, written.path("auths").path(REG).size());
        assertEquals("tok-9", written.path("auths").path(HUB).path("identitytoken").asText());
        ObjectNode expectedRest = (ObjectNode) Json.mapper().readTree(original);
        written.withObject("/auths").remove(List.of(REG, HUB));
        assertEquals(expectedRest, written);
        assertEquals("[config.json]", listDir(configDir).toString(), "no temporary file left behind");
        if (posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())));
        }
    }

    @Test
    void storeCreatesDirectoryAndPrivateFile() throws IOException {
        store.store(AuthConfig.ofPassword("berth", SECRET, REG));
        assertEquals(Optional.of(AuthConfig.ofPassword("berth", SECRET, REG)), store.lookup(REG));
        if (posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir)));
        }
        assertThrows(IllegalArgumentException.class, () -> store.store(AuthConfig.anonymous()));
    }

    @Test
    void eraseRemovesExactAndLegacyEntriesOnly() throws IOException {
        writeConfig("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + b64("a:b") + "\"},"
                + "\"http://127.0.0.1:5000\":{\"auth\":\"" + b64("c:d") + "\"},"
                + "\"reg.example.com\":{\"auth\":\"" + b64("e:f") + "\"}},\"currentContext\":\"x\"}");
        store.erase("127.0.0.1:5000");
        assertEquals(Optional.empty(), store.lookup(REG));
        assertEquals(Optional.of(AuthConfig.ofPassword("e", "f", "reg.example.com")), store.lookup("reg.example.com"));
        assertEquals("x", readConfig().path("currentContext").asText());
        store.erase("127.0.0.1:5000"); // nothing left: not an error
    }

    @Test
    void allListsAuthsEntriesWithCredentials() throws IOException {
        writeConfig("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + b64("a:b") + "\"},"
                + "\"https://index.docker.io/v1/\":{\"identitytoken\":\"tok\"},\"empty.example.com\":{}}}");
        assertEquals(Map.of(REG, AuthConfig.ofPassword("a", "b", REG), HUB, AuthConfig.ofIdentityToken("tok", HUB)),
                store.all());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credsStoreHelperIsAsked() throws IOException {
        Path fake = helper("fake");
        seed(fake, HUB, "hubuser", SECRET);
        writeConfig("{\"credsStore\":\"fake\",\"auths\":{\"https://index.docker.io/v1/\":{}}}");
        assertEquals(Optional.of(AuthConfig.ofPassword("hubuser", SECRET, HUB)), store.lookup("busybox"));
        assertEquals(Optional.empty(), store.lookup("127.0.0.1:5000/app"), "credentials not found is no error");
        assertEquals(List.of("get " + HUB, "get " + REG), calls(fake));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void perHostCredHelperBeatsCredsStoreAndAuths() throws IOException {
        Path fake = helper("fake");
        Path other = helper("other");
        seed(fake, REG, "from-store", "store-secret");
        seed(fake, HUB, "hubuser", "hub-secret");
        seed(other, REG, "from-helper", SECRET);
        writeConfig("{\"credsStore\":\"fake\",\"credHelpers\":{\"127.0.0.1:5000\":\"other\"},"
                + "\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + b64("from-file:x") + "\"}}}");
        assertEquals(Optional.of(AuthConfig.ofPassword("from-helper", SECRET, REG)), store.lookup(REG + "/app:1"));
        assertEquals(Optional.of(AuthConfig.ofPassword("hubuser", "hub-secret", HUB)), store.lookup("busybox"));
        assertEquals(List.of("get " + REG), calls(other));
        assertEquals(List.of("get " + HUB), calls(fake));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void tokenUsernameMeansIdentityToken() throws IOException {
        Path fake = helper("fake");
        seed(fake, REG, "<token>", "refresh-token-1");
        writeConfig("{\"credHelpers\":{\"127.0.0.1:5000\":\"fake\"}}");
        AuthConfig auth = store.lookup(REG).orElseThrow();
        assertEquals(AuthConfig.ofIdentityToken("refresh-token-1", REG), auth);
        assertEquals("", auth.username(), "absent is empty");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helperStoreLookupListAndErase() throws IOException {
        Path fake = helper("fake");
        writeConfig("{\"credsStore\":\"fake\",\"currentContext\":\"ctx\",\"HttpHeaders\":{\"X-Meta\":\"1\"},"
                + "\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + b64("stale:plaintext") + "\",\"email\":\"e@x\"}}}");
        store.store(AuthConfig.ofPassword("berth", SECRET, REG));
        store.store(AuthConfig.ofIdentityToken("tok-7"));

        String saved = Files.readString(fake.resolve("127.0.0.1_5000.json"));
        assertEquals("{\"ServerURL\":\"127.0.0.1:5000\",\"Username\":\"berth\",\"Secret\":\"" + SECRET + "\"}", saved);
        assertTrue(Files.readString(fake.resolve("https___index.docker.io_v1_.json")).contains("\"Username\":\"<token>\""));
        ObjectNode config = readConfig();
        assertEquals(Json.mapper().readTree("{\"email\":\"e@x\"}"), config.path("auths").path(REG),
                "the plain-text secret is gone from config.json, the rest stays");
        assertEquals("ctx", config.path("currentContext").asText());
        assertEquals("1", config.path("HttpHeaders").path("X-Meta").asText());
        assertFalse(Files.readString(configFile()).contains(SECRET));

        assertEquals(Optional.of(AuthConfig.ofPassword("berth", SECRET, REG)), store.lookup(REG));
        assertEquals(Optional.of(AuthConfig.ofIdentityToken("tok-7", HUB)), store.lookup("alpine"));
        assertEquals(Map.of(REG, AuthConfig.ofPassword("berth", SECRET, REG), HUB,
                AuthConfig.ofIdentityToken("tok-7", HUB)), store.all());

        store.erase(REG);
        assertEquals(Optional.empty(), store.lookup(REG));
        assertFalse(readConfig().path("auths").has(REG));
        store.erase(REG); // the helper says not found: not an error
        assertEquals(Optional.of(AuthConfig.ofIdentityToken("tok-7", HUB)), store.lookup("busybox"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helperStoreLeavesAConfigWithoutAuthsUntouched() throws IOException {
        helper("fake");
        writeConfig("{\"credsStore\" : \"fake\",\n  \"currentContext\": \"ctx\"}");
        byte[] before = Files.readAllBytes(configFile());
        store.store(AuthConfig.ofPassword("berth", SECRET, REG));
        assertArrayEquals(before, Files.readAllBytes(configFile()));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void allMergesCredsStoreListAndCredHelpers() throws IOException {
        Path fake = helper("fake");
        Path other = helper("other");
        seed(fake, HUB, "hubuser", "hub-secret");
        seed(fake, REG, "from-store", "store-secret");
        seed(other, REG, "from-helper", SECRET);
        writeConfig("{\"credsStore\":\"fake\",\"credHelpers\":{\"127.0.0.1:5000\":\"other\",\"gone.example.com\":"
                + "\"other\"},\"auths\":{\"file.example.com\":{\"auth\":\"" + b64("f:g") + "\"}}}");
        assertEquals(Map.of(HUB, AuthConfig.ofPassword("hubuser", "hub-secret", HUB),
                REG, AuthConfig.ofPassword("from-helper", SECRET, REG)), store.all());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void failingHelperIsAnErrorWithoutTheSecret() throws IOException {
        Path fake = helper("fake");
        seed(fake, REG, "berth", SECRET);
        Files.createFile(fake.resolve("fail"));
        writeConfig("{\"credsStore\":\"fake\"}");
        CredentialsException e = assertThrows(CredentialsException.class, () -> store.lookup(REG));
        assertEquals("docker-credential-fake get for 127.0.0.1:5000 failed (exit 2): error: the keychain is locked",
                e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertThrows(CredentialsException.class, () -> store.erase(REG));
        assertThrows(CredentialsException.class, () -> store.all());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helperOutputQuotingTheSecretIsRedacted() throws IOException {
        Path fake = helper("fake");
        Files.createFile(fake.resolve("echo-fail"));
        writeConfig("{\"credsStore\":\"fake\"}");
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> store.store(AuthConfig.ofPassword("berth", SECRET, REG)));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals("docker-credential-fake store for 127.0.0.1:5000 failed (exit 3): cannot save: *** rejected",
                e.getMessage());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void missingHelperIsAnError() throws IOException {
        writeConfig("{\"credHelpers\":{\"127.0.0.1:5000\":\"nosuch\"}}");
        CredentialsException e = assertThrows(CredentialsException.class, () -> store.lookup(REG));
        assertTrue(e.getMessage().contains("docker-credential-nosuch not found on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains(REG), e.getMessage());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helperOnlyInARelativePathEntryIsNotRun() throws IOException {
        Path fake = helper("fake");
        seed(fake, REG, "berth", SECRET);
        writeConfig("{\"credHelpers\":{\"127.0.0.1:5000\":\"fake\"}}");
        // the same bin folder, named relative to the working directory: "../../tmp/junit.../bin", "./../.."
        String relative = Path.of("").toAbsolutePath().relativize(bin).toString();
        for (String entry : List.of(relative, "./" + relative)) {
            CredentialStore relativePath = new CredentialStore(configDir, Map.of("PATH", entry + ":/usr/bin:/bin"));
            CredentialHelperNotFoundException e = assertThrows(CredentialHelperNotFoundException.class,
                    () -> relativePath.lookup(REG), entry);
            assertEquals("docker-credential-fake", e.program());
            assertEquals(List.of(entry + "/docker-credential-fake"), e.refusedPaths());
            assertTrue(e.getMessage().startsWith("docker-credential-fake not found on PATH (needed for " + REG
                    + "): found only through relative PATH entries"), e.getMessage());
            assertTrue(e.getMessage().contains("not run: " + entry + "/docker-credential-fake"), e.getMessage());
        }
        assertEquals(List.of(), calls(fake), "the helper never ran");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void anAbsolutePathEntryAfterARelativeOneIsUsed() throws IOException {
        Path planted = helper("fake");
        Path real = Files.createDirectories(tmp.resolve("real-bin"));
        Path realStore = Files.createDirectories(tmp.resolve("store-real"));
        Path script = real.resolve("docker-credential-fake");
        Files.writeString(script, HELPER_SCRIPT.replace("STORE", realStore.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        seed(realStore, REG, "berth", SECRET);
        writeConfig("{\"credsStore\":\"fake\"}");
        String relative = Path.of("").toAbsolutePath().relativize(bin).toString();
        CredentialStore s = new CredentialStore(configDir, Map.of("PATH", relative + "::" + real + ":/usr/bin:/bin"));
        assertEquals(Optional.of(AuthConfig.ofPassword("berth", SECRET, REG)), s.lookup(REG));
        assertEquals(List.of(), calls(planted));
        assertEquals(List.of("get " + REG), calls(realStore));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void missingHelperIsTypedAndRefusesNothing() throws IOException {
        writeConfig("{\"credsStore\":\"nosuch\"}");
        CredentialHelperNotFoundException e = assertThrows(CredentialHelperNotFoundException.class,
                () -> store.lookup(REG));
        assertEquals("docker-credential-nosuch not found on PATH (needed for " + REG + ")", e.getMessage());
        assertEquals(List.of(), e.refusedPaths());
        CredentialStore noPath = new CredentialStore(configDir, Map.of());
        assertEquals(List.of(), assertThrows(CredentialHelperNotFoundException.class, () -> noPath.all())
                .refusedPaths());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void hangingHelperTimesOut() throws IOException {
        Path fake = helper("fake");
        Files.createFile(fake.resolve("hang"));
        writeConfig("{\"credsStore\":\"fake\"}");
        CredentialStore quick = new CredentialStore(configDir, env, Duration.ofMillis(500));
        long start = System.nanoTime();
        CredentialsException e = assertThrows(CredentialsException.class, () -> quick.lookup(REG));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not wait for the helper");
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    /** Installs {@code docker-credential-<name>} in the bin folder; returns its store folder. */
    private Path helper(String name) throws IOException {
        Path storeDir = Files.createDirectories(tmp.resolve("store-" + name));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, HELPER_SCRIPT.replace("STORE", storeDir.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return storeDir;
    }

    private static void seed(Path storeDir, String url, String user, String secret) throws IOException {
        Files.writeString(storeDir.resolve(url.replaceAll("[^A-Za-z0-9.]", "_") + ".json"),
                Json.write(Map.of("ServerURL", url, "Username", user, "Secret", secret)));
    }

    private static List<String> calls(Path storeDir) throws IOException {
        Path log = storeDir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private Path configFile() {
        return configDir.resolve("config.json");
    }

    private void writeConfig(String json) throws IOException {
        Files.createDirectories(configDir);
        Files.writeString(configFile(), json);
    }

    private ObjectNode readConfig() throws IOException {
        JsonNode node = Json.mapper().readTree(Files.readAllBytes(configFile()));
        return (ObjectNode) node;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> listDir(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private boolean posix() {
        return configDir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
