package dev.berth.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as the {@code docker} CLI writes them ({@code --memory 64m}, {@code --tmpfs /run:size=1g}): binary units, as
 * in docker's {@code units.RAMInBytes}, so {@code k} is 1024 bytes whatever the case and whether or not {@code b} or
 * {@code ib} follows.
 *
 * <pre>{@code
 * ByteSize.parse("64m");          // 67108864
 * ByteSize.parse("1.5GiB");       // 1610612736
 * ByteSize.parse("512");          // 512
 * ByteSize.format(67108864);      // "64m"
 * }</pre>
 */
public final class ByteSize {
    /** One kibibyte, 1024 bytes. */
    public static final long KIB = 1L << 10;
    /** One mebibyte. */
    public static final long MIB = 1L << 20;
    /** One gibibyte. */
    public static final long GIB = 1L << 30;
    /** One tebibyte. */
    public static final long TIB = 1L << 40;
    /** One pebibyte. */
    public static final long PIB = 1L << 50;

    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?) ?(?:([kmgtp])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] SUFFIXES = {"p", "t", "g", "m", "k"};
    private static final long[] UNITS = {PIB, TIB, GIB, MIB, KIB};

    private ByteSize() {
    }

    /**
     * Reads a size: plain bytes ({@code "1024"}, {@code "1024b"}) or a number, fractions allowed, followed by
     * {@code k}, {@code m}, {@code g}, {@code t} or {@code p}, optionally followed by {@code b} or {@code ib}, in any
     * case. All units are binary ({@code "1kb"} is 1024). A fraction of a byte is dropped.
     *
     * <pre>{@code
     * ByteSize.parse("64m");   // 64 * 1024 * 1024
     * ByteSize.parse("2G");    // 2147483648
     * ByteSize.parse("10KiB"); // 10240
     * }</pre>
     *
     * @param size the text, surrounding blanks ignored
     * @return the size in bytes
     * @throws IllegalArgumentException when the text is not a size, is negative, or does not fit in a {@code long}
     */
    public static long parse(String size) {
        if (size == null) {
            throw new IllegalArgumentException("size must not be null");
        }
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + size
                    + "': expected a number of bytes, optionally followed by b, k, m, g, t or p (such as 64m)");
        }
        long unit = 1;
        if (m.group(2) != null) {
            String suffix = m.group(2).toLowerCase(Locale.ROOT);
            for (int i = 0; i < SUFFIXES.length; i++) {
                if (SUFFIXES[i].equals(suffix)) {
                    unit = UNITS[i];
                }
            }
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + size + "' is too large", e);
        }
    }

    /**
     * Writes a size in the largest unit that divides it exactly, so that {@code parse(format(n)) == n}: {@code "64m"},
     * {@code "1536k"}, {@code "1g"}, or plain bytes such as {@code "1000"}. Negative values (such as {@code -1} for
     * "unlimited") are written as plain numbers.
     *
     * <pre>{@code
     * ByteSize.format(64L * 1024 * 1024); // "64m"
     * ByteSize.format(1000);              // "1000"
     * ByteSize.format(0);                 // "0"
     * }</pre>
     *
     * @param bytes the size in bytes
     * @return the size as the CLI would accept it
     */
    public static String format(long bytes) {
        if (bytes > 0) {
            for (int i = 0; i < UNITS.length; i++) {
                if (bytes % UNITS[i] == 0) {
                    return bytes / UNITS[i] + SUFFIXES[i];
                }
            }
        }
        return Long.toString(bytes);
    }
}
