package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.internal.Demultiplexer;
import dev.berth.transport.FrameReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemultiplexerTest {

    private static Demultiplexer demux(Frames f) {
        return new Demultiplexer(FrameReader.multiplexed(f.stream(5), "t"));
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void stdoutFirstKeepsStderrForLater() throws IOException {
        Demultiplexer d = demux(Frames.of().out("one ").err("E1 ").out("two").err("E2"));
        assertEquals("one two", read(d.stdout()));
        assertEquals("E1 E2", read(d.stderr()));
    }

    @Test
    void stderrFirstKeepsStdoutForLater() throws IOException {
        Demultiplexer d = demux(Frames.of().out("one ").err("E1 ").out("two").err("E2"));
        assertEquals("E1 E2", read(d.stderr()));
        assertEquals("one two", read(d.stdout()));
    }

    @Test
    void mergedKeepsArrivalOrder() throws IOException {
        Demultiplexer d = demux(Frames.of().out("a").err("b").out("c"));
        assertEquals("abc", read(d.merged()));
    }

    @Test
    void readAllSplitsBothStreams() throws IOException {
        byte[][] all = demux(Frames.of().frame(0, "in-as-out ").out("x").err("y")).readAll();
        assertEquals("in-as-out x", new String(all[0], StandardCharsets.UTF_8));
        assertEquals("y", new String(all[1], StandardCharsets.UTF_8));
    }
}
