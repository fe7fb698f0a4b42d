package dev.berth.model;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@code docker run} option, declared once in {@link SpecOptions}: its name (the key of {@link ContainerSpec}'s
 * text form), its CLI flags, how CLI text becomes a value ({@link #parse}, which checks it and throws an
 * {@link IllegalArgumentException} naming the option and the value), how a value becomes CLI text ({@link #format}),
 * where it goes in the create body ({@link #writer}), and how it is read back from a container ({@link #reader}, the
 * writer's inverse, used by {@link ContainerSpec#from(ContainerDetails)}). The builder, the body, {@code toString},
 * the parser, {@code toArgs} and {@code from} all read this declaration; none of them names an option.
 *
 * @param name the option's name in {@link ContainerSpec#toString()}, such as {@code memory}
 * @param flags the long flag first ({@code --memory}), then the short one if any ({@code -m})
 * @param kind whether the flag takes no value, one value (the last wins) or repeats (each appended)
 * @param path where the value goes in the body, for the reader ({@code HostConfig.Memory}); the writer does the work
 * @param parse CLI text to the value stored in the spec
 * @param format the stored value to CLI text, so that {@code parse(format(v))} equals {@code v}
 * @param writer puts the value (for a repeated option, the list of values) into the body
 * @param reader reads the value back from a container; null when it cannot be (client-side options, values the
 *        daemon does not keep)
 * @param masked whether values are {@code KEY=value} entries to mask in {@code toString}
 */
record SpecOption(String name, List<String> flags, Kind kind, String path, Function<String, Object> parse,
        Function<Object, String> format, Writer writer, @Nullable Reader reader, boolean masked) {

    /** How a flag takes its value. */
    enum Kind {
        /** No value ({@code --rm}); {@code --rm=false} is accepted and stored as {@code false}. */
        SWITCH,
        /** One value; given twice, the last wins. */
        VALUE,
        /** Repeatable; each value is appended. */
        REPEAT
    }

    /** Puts a set value into the create body. */
    @FunctionalInterface
    interface Writer {
        /**
         * @param body the body being written
         * @param value the stored value: a {@link Boolean} for a switch, the value for a single-value option, a
         *        {@code List} of values for a repeated one
         */
        void write(CreateBody body, Object value);
    }

    /** Reads a value back from a container: the inverse of the {@link Writer}. */
    @FunctionalInterface
    interface Reader {
        /**
         * @param body the container, in the shape of its create body
         * @return the value as the spec stores it (a list for a repeated option, empty or null when unset)
         */
        Object read(ReadBody body);
    }

    /** {@return this option with another reader} */
    SpecOption reads(Reader r) {
        return new SpecOption(name, flags, kind, path, parse, format, writer, r, masked);
    }

    /** {@return the long flag, such as {@code --memory}} */
    String flag() {
        return flags.get(0);
    }

    /** {@return the value parsed, or an IllegalArgumentException naming the flag and the text} */
    Object parseValue(String text) {
        if (kind == Kind.SWITCH) {
            return switch (text) {
                case "true", "1", "t", "T", "TRUE", "True" -> Boolean.TRUE;
                case "false", "0", "f", "F", "FALSE", "False" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("invalid argument \"" + text + "\" for \"" + flag()
                        + "\" flag: expected true or false");
            };
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(message.contains(flag()) ? message
                    : "invalid argument \"" + text + "\" for \"" + flag() + "\" flag: " + message, e);
        }
    }

    /** {@return one value as CLI text} */
    String formatValue(Object value) {
        return format.apply(value);
    }
}
