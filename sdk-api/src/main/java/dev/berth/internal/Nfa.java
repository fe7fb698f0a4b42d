package dev.berth.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression compiled to a Thompson NFA and run as Go's RE2 runs it: all alive states advance together one
 * code point at a time, so a match costs O(text length x program size) whatever the expression. Backtracking
 * (java.util.regex) is exponential on lines such as {@code *a*a*a...b}; this never is. Only a yes/no answer is
 * computed: no captures, no leftmost-longest bookkeeping.
 */
public final class Nfa {
    /** Parse tree, built by {@link GoRegex}. */
    sealed interface Node permits Chars, Assertion, Sequence, Repeat {
    }

    /** One code point from the set. */
    record Chars(RuneClass set) implements Node {
    }

    /** An empty-width test: {@link #BEGIN_TEXT}, {@link #END_TEXT}, {@link #WORD_BOUNDARY} or its negation. */
    record Assertion(int kind) implements Node {
    }

    record Sequence(List<Node> items) implements Node {
    }

    /** {@code x*} (optional, many), {@code x+} (many) or {@code x?} (optional). */
    record Repeat(Node item, boolean optional, boolean many) implements Node {
    }

    static final int BEGIN_TEXT = 0; // ^ and \A: Go's regexp treats ^ as \A without the m flag
    static final int END_TEXT = 1; // $ and \z
    static final int WORD_BOUNDARY = 2; // \b: ASCII word characters, as in Go
    static final int NOT_WORD_BOUNDARY = 3; // \B

    private static final int CHAR = 0;
    private static final int ASSERT = 1;
    private static final int SPLIT = 2;
    private static final int JUMP = 3;
    private static final int MATCH = 4;

    /** The text's edge (before the first or after the last code point). */
    private static final int EDGE = -1;
    /** The code point after a prefix whose continuation is unknown, see {@link #couldMatchUnder}. */
    private static final int UNKNOWN = -2;

    private final int[] op;
    private final int[] arg; // ASSERT: kind; JUMP: target; SPLIT: first target
    private final int[] alt; // SPLIT: second target
    private final RuneClass[] sets; // CHAR: what it consumes
    /** Starts with ^ or \A, so a match can only start at 0 and the run stops once no state is alive. */
    private final boolean anchored;

    private Nfa(Compiler c, boolean anchored) {
        int n = c.op.size();
        op = new int[n];
        arg = new int[n];
        alt = new int[n];
        sets = c.sets.toArray(new RuneClass[0]);
        for (int i = 0; i < n; i++) {
            op[i] = c.op.get(i);
            arg[i] = c.arg.get(i);
            alt[i] = c.alt.get(i);
        }
        this.anchored = anchored;
    }

    static Nfa compile(Node root) {
        Compiler c = new Compiler();
        c.emit(root);
        c.add(MATCH, 0, 0, null);
        Node first = root;
        while (first instanceof Sequence s && !s.items().isEmpty()) {
            first = s.items().get(0);
        }
        return new Nfa(c, first instanceof Assertion a && a.kind() == BEGIN_TEXT);
    }

    /** Whether the expression matches somewhere in the text, as Go's {@code Regexp.MatchString}. */
    boolean matches(String text) {
        return run(text.codePoints().toArray(), false);
    }

    /**
     * Whether some text starting with this prefix (and longer than it) could match. Errs towards yes: at the end of
     * the prefix, word-boundary tests pass either way since the next code point is unknown.
     */
    boolean couldMatchUnder(String prefix) {
        return run(prefix.codePoints().toArray(), true);
    }

    private boolean run(int[] text, boolean more) {
        Threads now = new Threads(op.length);
        Threads next = new Threads(op.length);
        int n = text.length;
        for (int i = 0; ; i++) {
            int before = i == 0 ? EDGE : text[i - 1];
            int after = i < n ? text[i] : more ? UNKNOWN : EDGE;
            if (i == 0 || !anchored) {
                follow(now, 0, before, after); // unanchored search: a match may start anywhere
            }
            if (now.matched) {
                return true; // the expression need not reach the end ($ is an assertion like any other)
            }
            if (i == n) {
                return more && now.size > 0;
            }
            if (anchored && now.size == 0) {
                return false;
            }
            next.reset(i + 2);
            int c = text[i];
            int afterNext = i + 1 < n ? text[i + 1] : more ? UNKNOWN : EDGE;
            for (int k = 0; k < now.size; k++) {
                int pc = now.pcs[k];
                if (sets[pc].contains(c)) {
                    follow(next, pc + 1, c, afterNext);
                }
            }
            Threads t = now;
            now = next;
            next = t;
        }
    }

    /**
     * Adds the state at pc and every state reachable from it without consuming a code point, between the code points
     * before and after the current position. Each state is added once per position: that bounds the work.
     */
    private void follow(Threads threads, int start, int before, int after) {
        threads.push(start);
        while (threads.depth > 0) {
            int pc = threads.stack[--threads.depth];
            switch (op[pc]) {
                case CHAR:
                    threads.pcs[threads.size++] = pc;
                    break;
                case MATCH:
                    threads.matched = true;
                    break;
                case JUMP:
                    threads.push(arg[pc]);
                    break;
                case SPLIT:
                    threads.push(arg[pc]);
                    threads.push(alt[pc]);
                    break;
                default: // ASSERT
                    if (holds(arg[pc], before, after)) {
                        threads.push(pc + 1);
                    }
            }
        }
    }

    private static boolean holds(int kind, int before, int after) {
        switch (kind) {
            case BEGIN_TEXT:
                return before == EDGE;
            case END_TEXT:
                return after == EDGE;
            case WORD_BOUNDARY:
                return after == UNKNOWN || isWord(before) != isWord(after);
            default: // NOT_WORD_BOUNDARY
                return after == UNKNOWN || isWord(before) == isWord(after);
        }
    }

    /** Go's {@code syntax.IsWordChar}: ASCII letters, digits and underscore only. */
    private static boolean isWord(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** The states alive at one position: the CHAR states waiting for a code point, and whether MATCH was reached. */
    private static final class Threads {
        final int[] pcs;
        final int[] stack;
        final int[] mark; // mark[pc] == stamp: pc was added at this position
        int size;
        int depth;
        int stamp = 1;
        boolean matched;

        Threads(int n) {
            pcs = new int[n];
            stack = new int[n];
            mark = new int[n];
        }

        void reset(int newStamp) {
            size = 0;
            matched = false;
            stamp = newStamp;
        }

        void push(int pc) {
            if (mark[pc] != stamp) {
                mark[pc] = stamp;
                stack[depth++] = pc;
            }
        }
    }

    /** Thompson's construction into parallel lists, one entry per instruction. */
    private static final class Compiler {
        final List<Integer> op = new ArrayList<>();
        final List<Integer> arg = new ArrayList<>();
        final List<Integer> alt = new ArrayList<>();
        final List<RuneClass> sets = new ArrayList<>();

        int add(int code, int a, int b, RuneClass set) {
            op.add(code);
            arg.add(a);
            alt.add(b);
            sets.add(set);
            return op.size() - 1;
        }

        void emit(Node node) {
            if (node instanceof Chars c) {
                add(CHAR, 0, 0, c.set());
            } else if (node instanceof Assertion a) {
                add(ASSERT, a.kind(), 0, null);
            } else if (node instanceof Sequence s) {
                for (Node item : s.items()) {
                    emit(item);
                }
            } else {
                Repeat r = (Repeat) node;
                int top = op.size();
                int split = r.optional() ? add(SPLIT, 0, 0, null) : -1; // x* and x?: skip x, or enter it
                emit(r.item());
                if (r.many()) {
                    add(SPLIT, top, 0, null); // again, or leave
                    alt.set(op.size() - 1, op.size());
                }
                if (split >= 0) {
                    arg.set(split, split + 1);
                    alt.set(split, op.size());
                }
            }
        }
    }
}
