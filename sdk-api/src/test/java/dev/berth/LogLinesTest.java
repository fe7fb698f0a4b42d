package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.internal.LogLines;
import dev.berth.model.LogLine.Source;
import dev.berth.model.LogLine;
import dev.berth.transport.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    // ---- the longest line (audit finding 2: output without line ends grew one line until the heap ran out) ----

    private static List<LogLine> lines(Frames frames, boolean timestamps, int maxLine) {
        return new LogLines(FrameReader.multiplexed(frames.stream(5), "t"), false, timestamps, maxLine).stream()
                .collect(Collectors.toList());
    }

    private static LogLine out(String text, boolean partial) {
        return new LogLine(Source.STDOUT, null, text, partial);
    }

    @Test
    void aLineLongerThanTheMaximumArrivesInPartialPieces() {
        assertEquals(List.of(out("abcdefgh", true), out("ijklmnop", true), out("q", false), out("next", false)),
                lines(Frames.of().out("abcdefghijklmnopq\nnext\n"), false, 8));
    }

    @Test
    void aLineOfExactlyTheMaximumIsWholeWhereverItsEndArrives() {
        assertEquals(List.of(out("abcdefgh", false), out("", false), out("abcdefgh", false)),
                lines(Frames.of().out("abcdefgh").out("\n\nabcdefgh\r").out("\n"), false, 8));
        // a \r past the maximum that no \n follows is text: it starts the next piece
        assertEquals(List.of(out("abcdefgh", true), out("\r\rx", false)),
                lines(Frames.of().out("abcdefgh\r").out("\rx"), false, 8));
    }

    @Test
    void piecesAreCutBetweenUtf8Characters() {
        // "a" then three 3-byte euro signs: 10 bytes; at 5 bytes a piece holds "a" and one euro sign
        assertEquals(List.of(out("a\u20ac", true), out("\u20ac", true), out("\u20ac", false)),
                lines(Frames.of().out("a\u20ac\u20ac\u20ac\n"), false, 5));
        // a 4-byte character (U+1D11E) fits a maximum of 4, whatever comes before
        assertEquals(List.of(out("x", true), out("\ud834\udd1e", true), out("y", false)),
                lines(Frames.of().out("x\ud834\udd1ey"), false, 4));
    }

    @Test
    void everyPieceCarriesTheTimestampOfItsLine() {
        String t1 = "2026-11-28T22:00:00.123456789Z";
        String t2 = "2026-11-28T22:00:01Z";
        List<LogLine> got = lines(Frames.of().out(t1 + " abcdef").out(t2 + " ghij\n").out(t2 + " k\n"), true, 4);
        assertEquals(List.of("abcd", "efgh", "ij", "k"), got.stream().map(LogLine::text).collect(Collectors.toList()));
        assertEquals(List.of(true, true, false, false), got.stream().map(LogLine::partial)
                .collect(Collectors.toList()));
        assertEquals(List.of(Instant.parse(t1), Instant.parse(t1), Instant.parse(t1), Instant.parse(t2)),
                got.stream().map(LogLine::timestamp).collect(Collectors.toList()));
    }

    @Test
    void stdoutAndStderrAreCutEachOnItsOwn() {
        List<LogLine> got = lines(Frames.of().out("abc").err("123").out("def").err("456\n").out("\n"), false, 4);
        assertEquals(List.of(out("abcd", true), new LogLine(Source.STDERR, null, "1234", true),
                new LogLine(Source.STDERR, null, "56", false), out("ef", false)), got);
    }

    @Test
    void rawOutputIsCutToo() {
        List<LogLine> got = new LogLines(FrameReader.raw(new ByteArrayInputStream(
                "0123456789\nab".getBytes(StandardCharsets.UTF_8)), "t"), true, false, 4).stream()
                .collect(Collectors.toList());
        assertEquals(List.of(out("0123", true), out("4567", true), out("89", false), out("ab", false)), got);
    }

    @Test
    void theMaximumIsAtLeastOneCharacter() {
        assertThrows(IllegalArgumentException.class, () -> new Logs(null, "c").maxLineLength(3));
        new Logs(null, "c").maxLineLength(4);
    }

    /** A read may stop in the middle of a timestamp; it is still recognised and stripped. */
    @Test
    void rawTimestampsSplitAcrossReads() {
        byte[] raw = "2026-11-28T22:00:00Z one\r\n2026-11-28T22:00:01.5Z two\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(raw) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        List<LogLine> got = new LogLines(FrameReader.raw(trickle, "t"), true, true).stream()
                .collect(Collectors.toList());
        assertEquals(List.of("one", "two"), got.stream().map(LogLine::text).collect(Collectors.toList()));
        assertEquals(Instant.parse("2026-11-28T22:00:01.5Z"), got.get(1).timestamp());
    }

    private static final String[] CHARS = {"a", "Z", " ", "\r", "\u00e9", "\u00df", "\u20ac", "\u6f22",
        "\ud834\udd1e", "\ud83d\udc33"};

    /**
     * Random lines of 1- to 4-byte characters, in random frames cut at any byte (inside characters too), with a random
     * maximum: each line comes back as the pieces a greedy cut between characters gives, stdout and stderr apart.
     */
    @Test
    void randomLinesAreCutGreedilyBetweenCharacters() {
        SplittableRandom seeds = new SplittableRandom(0x11AE5L);
        for (int c = 0; c < 2000; c++) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int max = 4 + r.nextInt(10);
            ByteArrayOutputStream[] text = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
            List<List<LogLine>> expected = List.of(new ArrayList<>(), new ArrayList<>());
            for (int s = 0; s < 2; s++) {
                Source source = s == 0 ? Source.STDOUT : Source.STDERR;
                int lines = r.nextInt(4);
                for (int l = 0; l < lines; l++) {
                    StringBuilder line = new StringBuilder();
                    StringBuilder piece = new StringBuilder();
                    int bytes = 0;
                    int n = r.nextInt(40);
                    for (int i = 0; i < n; i++) {
                        String ch = CHARS[r.nextInt(CHARS.length)];
                        line.append(ch);
                        int len = ch.getBytes(StandardCharsets.UTF_8).length;
                        // a line's text is what is cut: not the \r of its \r\n
                        boolean lineEnd = ch.equals("\r") && i == n - 1;
                        if (bytes + len > max && !lineEnd) {
                            expected.get(s).add(new LogLine(source, null, piece.toString(), true));
                            piece.setLength(0);
                            bytes = 0;
                        }
                        piece.append(ch);
                        bytes += len;
                    }
                    String last = piece.toString();
                    expected.get(s).add(new LogLine(source, null, last.endsWith("\r")
                            ? last.substring(0, last.length() - 1) : last, false));
                    text[s].writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            byte[][] all = {text[0].toByteArray(), text[1].toByteArray()};
            int[] at = new int[2];
            while (at[0] < all[0].length || at[1] < all[1].length) {
                int s = at[0] == all[0].length ? 1 : at[1] == all[1].length ? 0 : r.nextInt(2);
                int n = Math.min(all[s].length - at[s], 1 + r.nextInt(2 * max));
                frames.writeBytes(new byte[] {(byte) (s + 1), 0, 0, 0, 0, 0, 0, (byte) n});
                frames.write(all[s], at[s], n);
                at[s] += n;
            }
            byte[] bytes = frames.toByteArray();
            InputStream chunked = new ByteArrayInputStream(bytes) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 1 + r.nextInt(20)));
                }
            };
            List<LogLine> got = new LogLines(FrameReader.multiplexed(chunked, "t"), false, false, max).stream()
                    .collect(Collectors.toList());
            for (int s = 0; s < 2; s++) {
                Source source = s == 0 ? Source.STDOUT : Source.STDERR;
                assertEquals(expected.get(s), got.stream().filter(l -> l.source() == source)
                        .collect(Collectors.toList()), "seed " + seed + ", max " + max);
            }
        }
    }
}
