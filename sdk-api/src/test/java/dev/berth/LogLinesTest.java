package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.model.LogLine;
import dev.berth.transport.FrameReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private static List<LogLine> lines(Frames frames, boolean timestamps) {
        return new LogLines(FrameReader.multiplexed(frames.stream(3), "t"), false, timestamps).stream()
                .collect(Collectors.toList());
    }

    @Test
    void splitsFramesIntoLinesPerStream() {
        List<LogLine> got = lines(Frames.of().out("a\nb\n").err("e1\n").out("c\n"), false);
        assertEquals(List.of(new LogLine(LogLine.Source.STDOUT, null, "a"), new LogLine(LogLine.Source.STDOUT, null,
                "b"), new LogLine(LogLine.Source.STDERR, null, "e1"), new LogLine(LogLine.Source.STDOUT, null, "c")),
                got);
    }

    @Test
    void joinsALineSplitAcrossFramesWithoutMixingStreams() {
        List<LogLine> got = lines(Frames.of().out("hel").err("oops\n").out("lo").out(" world\n"), false);
        assertEquals("oops", got.get(0).text());
        assertEquals("hello world", got.get(1).text());
        assertEquals(2, got.size());
    }

    @Test
    void timestampsOfContinuationsAreDropped() {
        String t1 = "2026-11-28T22:00:00.123456789Z";
        String t2 = "2026-11-28T22:00:00.223456789Z";
        List<LogLine> got = lines(Frames.of().out(t1 + " part one, ").out(t2 + " part two\n").out(t2 + " next\n"),
                true);
        assertEquals(2, got.size());
        assertEquals("part one, part two", got.get(0).text());
        assertEquals(Instant.parse(t1), got.get(0).timestamp());
        assertEquals(Instant.parse(t2), got.get(1).timestamp());
    }

    @Test
    void lastLineWithoutNewlineAndCarriageReturns() {
        List<LogLine> got = lines(Frames.of().out("x\r\n").out("tail"), false);
        assertEquals(List.of("x", "tail"), got.stream().map(LogLine::text).collect(Collectors.toList()));
    }

    @Test
    void rawTtyOutputWithTimestampsAtLineStarts() {
        String raw = "2026-11-28T22:00:00Z one\r\n2026-11-28T22:00:01Z two\r\n";
        List<LogLine> got = new LogLines(FrameReader.raw(new ByteArrayInputStream(
                raw.getBytes(StandardCharsets.UTF_8)), "t"), true, true).stream().collect(Collectors.toList());
        assertEquals(List.of("one", "two"), got.stream().map(LogLine::text).collect(Collectors.toList()));
        assertEquals(Instant.parse("2026-11-28T22:00:01Z"), got.get(1).timestamp());
    }

    @Test
    void textThatMerelyLooksLikeATimestampIsKeptWhenTimestampsAreOff() {
        List<LogLine> got = lines(Frames.of().out("2026-11-28T22:00:00Z hello\n"), false);
        assertEquals("2026-11-28T22:00:00Z hello", got.get(0).text());
        assertNull(got.get(0).timestamp());
    }
}
