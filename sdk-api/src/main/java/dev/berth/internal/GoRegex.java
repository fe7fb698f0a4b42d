package dev.berth.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the regular expressions moby/patternmatcher writes for {@code .dockerignore} lines, with the meaning Go's
 * {@code regexp} (RE2, Perl flags) gives them, into an {@link Nfa}. patternmatcher copies every {@code \x} of a line
 * into its expression as it stands, so whatever Go makes of an escape, so must we: {@code \b} is a word boundary,
 * {@code \d} a digit, {@code \Q...\E} quotes. What Go refuses is refused here too, with Go's reason.
 * <p>
 * Only what patternmatcher can produce is read: it escapes {@code .+()|{}$} in a line and writes {@code (}, {@code *}
 * and {@code ?} only as {@code [^/]*}, {@code [^/]}, {@code (.*}{@code /)?} and {@code .*}, so alternation,
 * {@code {n,m}} counts and {@code (?flags)} never reach this parser and are refused if they do.
 */
public final class GoRegex {
    private final String source;
    private final int[] re;
    private int pos;

    private GoRegex(String source) {
        this.source = source;
        this.re = source.codePoints().toArray();
    }

    /**
     * @throws IllegalArgumentException with Go's reason, naming the offending piece, e.g.
     *         {@code invalid escape sequence: \C}
     */
    static Nfa compile(String regex) {
        return Nfa.compile(new GoRegex(regex).parse());
    }

    private Nfa.Node parse() {
        Deque<List<Nfa.Node>> open = new ArrayDeque<>(); // the sequences around each unclosed (
        List<Nfa.Node> seq = new ArrayList<>();
        boolean afterRepeat = false;
        while (pos < re.length) {
            int c = re[pos];
            boolean repeat = false;
            switch (c) {
                case '(':
                    if (peek(1) == '?') {
                        throw fail("invalid or unsupported Perl syntax", pos, pos + 2);
                    }
                    open.push(seq);
                    seq = new ArrayList<>();
                    pos++;
                    break;
                case ')':
                    if (open.isEmpty()) {
                        throw fail("unexpected )", 0, re.length);
                    }
                    Nfa.Node group = new Nfa.Sequence(seq);
                    seq = open.pop();
                    seq.add(group);
                    pos++;
                    break;
                case '|':
                case '{':
                    throw fail("unsupported", pos, pos + 1); // patternmatcher escapes both
                case '^':
                    seq.add(new Nfa.Assertion(Nfa.BEGIN_TEXT));
                    pos++;
                    break;
                case '$':
                    seq.add(new Nfa.Assertion(Nfa.END_TEXT));
                    pos++;
                    break;
                case '.':
                    seq.add(new Nfa.Chars(RuneClass.ANY_BUT_NEWLINE));
                    pos++;
                    break;
                case '[':
                    seq.add(new Nfa.Chars(charClass()));
                    break;
                case '*':
                case '+':
                case '?':
                    int at = pos++;
                    if (peek(0) == '?') {
                        pos++; // non-greedy: the same yes/no answer
                    }
                    if (afterRepeat) {
                        throw fail("invalid nested repetition operator", at - 1, pos);
                    }
                    if (seq.isEmpty()) {
                        throw fail("missing argument to repetition operator", at, pos);
                    }
                    seq.set(seq.size() - 1, new Nfa.Repeat(seq.get(seq.size() - 1), c != '+', c != '?'));
                    repeat = true;
                    break;
                case '\\':
                    escape(seq);
                    break;
                default:
                    seq.add(new Nfa.Chars(RuneClass.of(c)));
                    pos++;
            }
            afterRepeat = repeat;
        }
        if (!open.isEmpty()) {
            throw fail("missing closing )", 0, re.length);
        }
        return new Nfa.Sequence(seq);
    }

    /** An escape outside a class: an assertion, \Q...\E, a named class, or one code point. */
    private void escape(List<Nfa.Node> seq) {
        int start = pos;
        switch (peek(1)) {
            case 'A':
                seq.add(new Nfa.Assertion(Nfa.BEGIN_TEXT));
                pos += 2;
                return;
            case 'z':
                seq.add(new Nfa.Assertion(Nfa.END_TEXT));
                pos += 2;
                return;
            case 'b':
                seq.add(new Nfa.Assertion(Nfa.WORD_BOUNDARY));
                pos += 2;
                return;
            case 'B':
                seq.add(new Nfa.Assertion(Nfa.NOT_WORD_BOUNDARY));
                pos += 2;
                return;
            case 'C':
                throw fail("invalid escape sequence", start, start + 2); // any byte: Go refuses it too
            case 'Q':
                pos += 2; // literal up to \E, or to the end (which may swallow the closing $)
                while (pos < re.length && !(re[pos] == '\\' && peek(1) == 'E')) {
                    seq.add(new Nfa.Chars(RuneClass.of(re[pos++])));
                }
                pos = Math.min(pos + 2, re.length);
                return;
            case 'p':
            case 'P':
                seq.add(new Nfa.Chars(new RuneClass.Builder().addCategories(unicodeClass()).build(false)));
                return;
            default:
                int[] perl = perlClass();
                if (perl != null) {
                    seq.add(new Nfa.Chars(new RuneClass.Builder().addAll(perl).build(false)));
                    return;
                }
                seq.add(new Nfa.Chars(RuneClass.of(escapedCodePoint())));
        }
    }

    /** Go's parseEscape: the code point an escape stands for ({@code \n}, {@code \x41}, {@code \101}, {@code \.}). */
    private int escapedCodePoint() {
        int start = pos;
        if (pos + 1 >= re.length) {
            throw fail("trailing backslash at end of expression", start, re.length);
        }
        int c = re[pos + 1];
        pos += 2;
        if (c < 0x80 && !isAlnum(c)) {
            return c; // escaped punctuation is itself
        }
        if (c == '0' || isOctal(c) && isOctal(peek(0))) { // \1 alone would be a backreference: Go has none
            int value = c - '0';
            for (int i = 1; i < 3 && isOctal(peek(0)); i++) {
                value = value * 8 + re[pos++] - '0';
            }
            return value;
        }
        switch (c) {
            case 'x': // two hex digits; patternmatcher escapes '{', so \x{...} cannot occur
                int hi = hex(peek(0));
                int lo = hex(peek(1));
                pos = Math.min(pos + 2, re.length);
                if (hi >= 0 && lo >= 0) {
                    return hi * 16 + lo;
                }
                break;
            case 'a': return 0x07;
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return 0x0B;
            default:
                break;
        }
        throw fail("invalid escape sequence", start, pos);
    }

    /** {@code \d \D \s \S \w \W} at pos, consumed; null when the escape is something else. */
    private int[] perlClass() {
        int[] set = RuneClass.perl(peek(1));
        if (set != null) {
            pos += 2;
        }
        return set;
    }

    /** {@code \pL} or {@code \PL} at pos, consumed, as a category mask. */
    private int unicodeClass() {
        int start = pos;
        boolean negate = re[pos + 1] == 'P';
        pos = Math.min(pos + 3, re.length); // one-letter names only: \p{Name} would need a bare '{'
        int mask = pos == start + 3 ? RuneClass.category(re[start + 2], negate) : 0;
        if (mask == 0) {
            throw fail("invalid character class range", start, pos);
        }
        return mask;
    }

    /** Go's parseClass with Perl flags: {@code [^...]} also matches a newline; {@code -} may stand anywhere. */
    private RuneClass charClass() {
        int start = pos++;
        boolean negate = peek(0) == '^';
        if (negate) {
            pos++;
        }
        RuneClass.Builder set = new RuneClass.Builder();
        boolean first = true; // ']' first is a literal
        while (pos >= re.length || re[pos] != ']' || first) {
            first = false;
            if (pos + 2 < re.length && re[pos] == '[' && re[pos + 1] == ':') {
                int end = source.indexOf(":]", source.offsetByCodePoints(0, pos + 2));
                if (end >= 0) { // Go looks for ":]" anywhere further on, as here
                    int close = source.codePointCount(0, end) + 2;
                    String name = new String(re, pos, close - pos);
                    int[] posix = RuneClass.posix(name);
                    if (posix == null) {
                        throw fail("invalid character class range", pos, close);
                    }
                    set.addAll(posix);
                    pos = close;
                    continue;
                }
            }
            if (peek(0) == '\\' && (peek(1) == 'p' || peek(1) == 'P')) {
                set.addCategories(unicodeClass());
                continue;
            }
            int[] perl = peek(0) == '\\' ? perlClass() : null;
            if (perl != null) {
                set.addAll(perl);
                continue;
            }
            int from = pos;
            int lo = classChar(start);
            int hi = lo;
            if (peek(0) == '-' && pos + 1 < re.length && re[pos + 1] != ']') {
                pos++;
                hi = classChar(start);
                if (hi < lo) {
                    throw fail("invalid character class range", from, pos);
                }
            }
            set.add(lo, hi);
        }
        pos++;
        return set.build(negate);
    }

    private int classChar(int classStart) {
        if (pos >= re.length) {
            throw fail("missing closing ]", classStart, re.length);
        }
        return re[pos] == '\\' ? escapedCodePoint() : re[pos++];
    }

    private int peek(int ahead) {
        return pos + ahead < re.length ? re[pos + ahead] : -1;
    }

    private static boolean isAlnum(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isOctal(int c) {
        return c >= '0' && c <= '7';
    }

    private static int hex(int c) {
        return c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Go's wording: {@code reason: `piece`}, the piece being the offending part of the expression. */
    private IllegalArgumentException fail(String reason, int from, int to) {
        return new IllegalArgumentException(reason + ": " + new String(re, from, Math.min(to, re.length) - from));
    }
}
