package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.internal.BuildProgress;
import dev.berth.internal.BuildTrace;
import dev.berth.internal.LogLines;
import dev.berth.model.BuildEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildProgressTest {
    @Test
    void aStepThatNeverEndsALineIsCutLikeContainerLogsWithNoByteLost() {
        List<String> lines = new ArrayList<>();
        BuildProgress progress = new BuildProgress(e -> {
            if (e instanceof BuildEvent.StepLog l) {
                lines.add(l.line());
            }
        });
        byte[] chunk = "é".repeat(1 << 16).getBytes(StandardCharsets.UTF_8); // 128 KiB, two-byte characters
        Arrays.fill(chunk, 0, 1, (byte) 'x'); // one ASCII byte first, so characters straddle the 1 MiB cut
        chunk[1] = (byte) 'y';
        for (int i = 0; i < 24; i++) { // 3 MiB, no line end
            progress.accept(new BuildTrace.Status(List.of(), List.of(),
                    List.of(new BuildTrace.VertexLog("sha256:v", null, 1, chunk)), List.of()));
        }
        progress.finish();
        assertTrue(lines.size() >= 3, "cut into pieces: " + lines.size());
        long chars = 0;
        for (String l : lines) {
            assertTrue(l.getBytes(StandardCharsets.UTF_8).length <= LogLines.DEFAULT_MAX_LINE, "piece size");
            assertTrue(!l.contains("\uFFFD"), "no character split");
            chars += l.getBytes(StandardCharsets.UTF_8).length;
        }
        assertEquals(24L * chunk.length, chars, "every byte arrives");
    }
}
