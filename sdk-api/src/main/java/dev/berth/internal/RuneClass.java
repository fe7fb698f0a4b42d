package dev.berth.internal;

import java.util.Arrays;

/**
 * A set of code points that one step of {@link Nfa} consumes: inclusive ranges plus Unicode general categories, or
 * the complement of those. Also the named sets of Go's regexp syntax ({@code \d}, {@code [:alpha:]}, {@code \pL}),
 * which are ASCII-only except the Unicode categories. Immutable.
 */
public final class RuneClass {
    /** {@code .} without the {@code s} flag: everything but a newline. */
    static final RuneClass ANY_BUT_NEWLINE = new RuneClass(new int[] {'\n', '\n'}, 0, true);

    private static final int ALL_CATEGORIES = (1 << 31) - 1; // Character.getType answers 0..30

    private final int[] ranges; // sorted, disjoint, not adjacent: lo0, hi0, lo1, hi1, ...
    private final int categories; // bit t set: every code point c with Character.getType(c) == t is in
    private final boolean negated;

    private RuneClass(int[] ranges, int categories, boolean negated) {
        this.ranges = ranges;
        this.categories = categories;
        this.negated = negated;
    }

    static RuneClass of(int codePoint) {
        return new RuneClass(new int[] {codePoint, codePoint}, 0, false);
    }

    boolean contains(int c) {
        boolean in = inRanges(c) || categories != 0 && (categories >>> Character.getType(c) & 1) != 0;
        return in != negated;
    }

    private boolean inRanges(int c) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) { // binary search over the pairs
            int mid = (lo + hi) >>> 1;
            if (c < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (c > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    // ---- Go's named sets -----------------------------------------------------------------------------------

    /** {@code \d \s \w} and their negations {@code \D \S \W} (Go's Perl classes are ASCII), or null. */
    static int[] perl(int letter) {
        switch (letter) {
            case 'd': return new int[] {'0', '9'};
            case 's': return new int[] {'\t', '\n', '\f', '\r', ' ', ' '}; // no \v, unlike [:space:]
            case 'w': return new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
            case 'D': case 'S': case 'W': return complement(perl(letter + ('a' - 'A')));
            default: return null;
        }
    }

    /** A POSIX class named as Go writes it, {@code [:alpha:]} or negated {@code [:^alpha:]}, or null. */
    static int[] posix(String name) {
        boolean negate = name.startsWith("[:^");
        int[] set;
        switch (negate ? "[:" + name.substring(3) : name) {
            case "[:alnum:]": set = new int[] {'0', '9', 'A', 'Z', 'a', 'z'}; break;
            case "[:alpha:]": set = new int[] {'A', 'Z', 'a', 'z'}; break;
            case "[:ascii:]": set = new int[] {0, 0x7F}; break;
            case "[:blank:]": set = new int[] {'\t', '\t', ' ', ' '}; break;
            case "[:cntrl:]": set = new int[] {0, 0x1F, 0x7F, 0x7F}; break;
            case "[:digit:]": set = new int[] {'0', '9'}; break;
            case "[:graph:]": set = new int[] {'!', '~'}; break;
            case "[:lower:]": set = new int[] {'a', 'z'}; break;
            case "[:print:]": set = new int[] {' ', '~'}; break;
            case "[:punct:]": set = new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}; break;
            case "[:space:]": set = new int[] {'\t', '\r', ' ', ' '}; break;
            case "[:upper:]": set = new int[] {'A', 'Z'}; break;
            case "[:word:]": set = new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}; break;
            case "[:xdigit:]": set = new int[] {'0', '9', 'A', 'F', 'a', 'f'}; break;
            default: return null;
        }
        return negate ? complement(set) : set;
    }

    /**
     * The categories of a one-letter Unicode class ({@code \pL}; recent Go reads {@code \pl} the same) as a mask of
     * {@link Character#getType} values, complemented for {@code \P}; 0 for an unknown letter. Go's C leaves out
     * unassigned code points (Cn). The JDK's Unicode version decides, which may trail Go's for the newest scripts.
     */
    static int category(int letter, boolean negate) {
        int mask;
        switch (letter >= 'a' && letter <= 'z' ? letter - ('a' - 'A') : letter) { // Go folds ASCII only
            case 'C': mask = bits(Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE);
                break;
            case 'L': mask = bits(Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER);
                break;
            case 'M': mask = bits(Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK);
                break;
            case 'N': mask = bits(Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER);
                break;
            case 'P': mask = bits(Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION);
                break;
            case 'S': mask = bits(Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL);
                break;
            case 'Z': mask = bits(Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR);
                break;
            default: return 0;
        }
        return negate ? ALL_CATEGORIES & ~mask : mask;
    }

    private static int bits(int... types) {
        int mask = 0;
        for (int t : types) {
            mask |= 1 << t;
        }
        return mask;
    }

    /** Everything from 0 to {@link Character#MAX_CODE_POINT} that the sorted, disjoint ranges leave out. */
    private static int[] complement(int[] set) {
        int[] out = new int[set.length + 2];
        int k = 0;
        int next = 0;
        for (int i = 0; i < set.length; i += 2) {
            if (set[i] > next) {
                out[k++] = next;
                out[k++] = set[i] - 1;
            }
            next = set[i + 1] + 1;
        }
        if (next <= Character.MAX_CODE_POINT) {
            out[k++] = next;
            out[k++] = Character.MAX_CODE_POINT;
        }
        return Arrays.copyOf(out, k);
    }

    /** Collects a bracketed class: ranges and categories in any order, then {@link #build}. */
    static final class Builder {
        private int[] ranges = new int[8];
        private int size;
        private int categories;

        Builder add(int lo, int hi) {
            if (size == ranges.length) {
                ranges = Arrays.copyOf(ranges, size * 2);
            }
            ranges[size++] = lo;
            ranges[size++] = hi;
            return this;
        }

        Builder addAll(int[] set) {
            for (int i = 0; i < set.length; i += 2) {
                add(set[i], set[i + 1]);
            }
            return this;
        }

        Builder addCategories(int mask) {
            categories |= mask;
            return this;
        }

        /** The set, or its complement for {@code [^...]}; ranges are sorted and merged so lookups can bisect. */
        RuneClass build(boolean negate) {
            long[] pairs = new long[size / 2];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = (long) ranges[2 * i] << 32 | ranges[2 * i + 1];
            }
            Arrays.sort(pairs); // by lo: code points are non-negative, so the packed longs sort as pairs
            int[] merged = new int[size];
            int k = 0;
            for (long pair : pairs) {
                int lo = (int) (pair >>> 32);
                int hi = (int) pair;
                if (k > 0 && lo <= merged[k - 1] + 1) {
                    merged[k - 1] = Math.max(merged[k - 1], hi);
                } else {
                    merged[k++] = lo;
                    merged[k++] = hi;
                }
            }
            return new RuneClass(Arrays.copyOf(merged, k), categories, negate);
        }
    }
}
