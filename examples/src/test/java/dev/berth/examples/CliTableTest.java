package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's docker-to-Berth table and {@link CliTable} agree, so every call in the table compiles. */
class CliTableTest {

    @Test
    void everyCallInTheReadmeTableIsCompiledInCliTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/main/java/dev/berth/examples/CliTable.java"))
                .replaceAll("\\s+", "");
        int start = readme.indexOf("## From the `docker` CLI to Berth");
        int end = readme.indexOf("\n## ", start + 5);
        List<String> calls = new ArrayList<>();
        for (String row : readme.substring(start, end).split("\n")) {
            String[] cells = row.split("\\| ");
            if (!row.startsWith("| `") || cells.length < 3) {
                continue;
            }
            Matcher m = Pattern.compile("`([^`]+)`").matcher(cells[2]);
            while (m.find()) {
                calls.add(m.group(1));
            }
        }
        assertTrue(calls.size() >= 30, "the table's calls: " + calls);
        for (String call : calls) {
            assertTrue(source.contains(call.replaceAll("\\s+", "")), "not in CliTable.java: " + call);
        }
    }
}
