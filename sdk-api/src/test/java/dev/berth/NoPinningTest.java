package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code synchronized} method or block in the code that does blocking I/O: the whole transport (sockets, the
 * request pipeline, streams, sessions) and the client classes that read streams or run helper processes. A virtual
 * thread blocked inside {@code synchronized} pins its carrier thread (Java 21 to 23), so these use
 * {@link java.util.concurrent.locks.ReentrantLock}s. The scan reads the sources with comments and string literals
 * removed, so a comment may still say the word.
 */
class NoPinningTest {
    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");
    /** The sdk-api classes that block on sockets or processes under a lock of their own. */
    private static final List<String> API_FILES = List.of("Docker.java", "internal/Demultiplexer.java", "Session.java",
            "CredentialStore.java");

    @Test
    void noSynchronizedWrapsBlockingIo() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> transport = Files.walk(moduleRoot().resolve("sdk-transport/src/main/java"))) {
            transport.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        for (String f : API_FILES) {
            files.add(moduleRoot().resolve("sdk-api/src/main/java/dev/berth").resolve(f));
        }
        assertTrue(files.size() > 20, "the sources were found: " + files.size());
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String code = codeOnly(Files.readString(f));
            Matcher m = SYNCHRONIZED.matcher(code);
            while (m.find()) {
                int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                found.add(f.getFileName() + ":" + line);
            }
        }
        assertEquals(List.of(), found, "synchronized in I/O code: use a ReentrantLock");
    }

    @Test
    void theScanSeesCodeAndSkipsCommentsAndStrings() {
        assertTrue(SYNCHRONIZED.matcher(codeOnly("public synchronized void f() {}")).find());
        assertTrue(SYNCHRONIZED.matcher(codeOnly("x(); synchronized (lock) { y(); }")).find());
        String ignored = "// synchronized\n/* synchronized */ /** {@code synchronized} */ s = \"synchronized\";"
                + " c = '\"'; t = \"\"\"\n synchronized\n \"\"\";";
        assertTrue(!SYNCHRONIZED.matcher(codeOnly(ignored)).find(), codeOnly(ignored));
    }

    /** The source with comments, string, text-block and char literals blanked out (line breaks kept). */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(src, i, end, out);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(src, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** The parent folder of the modules (tests run with the module as working directory). */
    private static Path moduleRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("sdk-api")) ? here : here.getParent();
    }
}
