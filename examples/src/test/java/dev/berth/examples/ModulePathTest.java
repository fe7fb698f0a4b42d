package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's jars work as modules: a small program ({@code src/test/modular}, module {@code dev.berth.examples.modular},
 * {@code requires dev.berth}) is compiled and run with {@code java -p ... -m ...}, Berth and its dependencies on the
 * module path and nothing on the class path, against a mock daemon. It reads answers into records, so it fails when
 * a module descriptor misses a {@code requires}, an {@code exports}, or an {@code opens} Jackson needs.
 *
 * <p>The module path is sdk-api's runtime dependencies as Maven resolves them (the build writes them to
 * {@code target/module-path.txt}). The program compiles with JSpecify's jar there (Berth's signatures carry its
 * annotations) and runs without it: Berth {@code requires static} it, the annotations are for compilers and tools.
 */
class ModulePathTest {
    private static final String MODULE = "dev.berth.examples.modular";

    @TempDir
    Path out;

    @Test
    void aModularProgramPingsListsAndCreatesThroughTheModulePath() throws Exception {
        String modulePath = Files.readString(Path.of(System.getProperty("berth.modulePathFile",
                "target/module-path.txt"))).trim();
        compile(modulePath);
        try (MockWebServer daemon = new MockWebServer()) {
            daemon.setDispatcher(new FakeDaemon());
            daemon.start(0);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> withoutJSpecify = Arrays.stream(modulePath.split(File.pathSeparator))
                    .filter(e -> !Path.of(e).getFileName().toString().startsWith("jspecify-")).toList();
            assertEquals(modulePath.split(File.pathSeparator).length - 1, withoutJSpecify.size(),
                    "JSpecify's jar is on the module path once: " + modulePath);
            String runPath = String.join(File.pathSeparator, withoutJSpecify);
            List<String> command = List.of(java, "-p", runPath + File.pathSeparator + out, "-m",
                    MODULE + "/" + MODULE + ".Main", "tcp://" + daemon.getHostName() + ":" + daemon.getPort());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program ended");
            assertEquals(0, p.exitValue(), "exit status; it printed:\n" + output);
            List<String> said = output.lines().filter(l -> l.matches("(ping|container|created|network|module) .*"))
                    .toList();
            assertEquals(List.of("ping 1.51", "container [/web] nginx:1", "created c0ffee", "network n3tw0rk",
                    "module dev.berth"), said, output);
        }
    }

    private void compile(String modulePath) throws IOException {
        Path src = Path.of("src/test/modular");
        List<File> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toFile()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "--module-path", modulePath,
                    "-d", out.toString());
            boolean ok = javac.getTask(messages, files, null, options, null, units).call();
            assertTrue(ok, "the modular program compiles against Berth's modules:\n" + messages);
        }
    }

    /** Answers what the program asks, in API 1.51's shape. */
    private static final class FakeDaemon extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            MockResponse.Builder r = new MockResponse.Builder().addHeader("Content-Type", "application/json");
            if (path.endsWith("/_ping")) {
                r.addHeader("Api-Version", "1.51").addHeader("OSType", "linux");
                return (request.getMethod().equals("HEAD") ? r : r.body("OK")).build(); // HEAD: headers only
            }
            if (path.equals("/v1.51/containers/json")) {
                return r.body("[{\"Id\":\"c0ffee\",\"Names\":[\"/web\"],\"Image\":\"nginx:1\",\"State\":\"running\","
                        + "\"Labels\":{},\"Ports\":[],\"Mounts\":[]}]").build();
            }
            if (path.equals("/v1.51/containers/create")) {
                return r.code(201).body("{\"Id\":\"c0ffee\",\"Warnings\":[]}").build();
            }
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            if (path.equals("/v1.51/networks/create") && body.contains("\"Subnet\":\"10.10.0.0/24\"")) {
                return r.code(201).body("{\"Id\":\"n3tw0rk\"}").build();
            }
            return r.code(404).body("{\"message\":\"no such endpoint: " + path + "\"}").build();
        }
    }
}
