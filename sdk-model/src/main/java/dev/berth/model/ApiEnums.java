package dev.berth.model;

import java.util.StringJoiner;
import java.util.function.Function;

/** The one lookup of an enum constant by the daemon's spelling, for enums whose {@code value()} is that spelling. */
final class ApiEnums {
    private ApiEnums() {
    }

    /**
     * The constant spelled {@code value}.
     *
     * @throws IllegalArgumentException naming {@code what}, the value and the spellings there are
     */
    static <E extends Enum<E>> E of(E[] constants, Function<E, String> spelling, String value, String what) {
        StringJoiner expected = new StringJoiner(", ");
        for (E e : constants) {
            if (spelling.apply(e).equals(value)) {
                return e;
            }
            expected.add(spelling.apply(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "': expected one of " + expected);
    }
}
