package dev.berth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/** What the options values of the image calls share: their {@code toString} form and list copying. */
public final class OptionValues {
    private OptionValues() {
    }

    /** {@code Name[part, part]} from the parts that are not null. */
    public static String describe(String name, String... parts) {
        StringJoiner s = new StringJoiner(", ", name + "[", "]");
        for (String p : parts) {
            if (p != null) {
                s.add(p);
            }
        }
        return s.toString();
    }

    /** {@code list} with {@code more} added, unmodifiable; each added value must not be null. */
    public static List<String> append(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        for (String s : more) {
            all.add(Objects.requireNonNull(s, "value"));
        }
        return List.copyOf(all);
    }
}
