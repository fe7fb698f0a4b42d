package dev.berth.model;

import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a spec as one readable line, for {@link ContainerSpec#toString()}: the image, the command, then each set
 * option of {@link SpecOptions#ALL} as {@code name=value} in CLI units, {@code KEY=value} entries of masked options
 * (environment, labels) masked by {@link Masking}, and the raw values.
 */
final class SpecText {
    private SpecText() {
    }

    /** Such as {@code ContainerSpec[image=demo/busybox:1, env=[DB_PASSWORD=***], memory=64m]}. */
    static String of(SpecSettings s) {
        StringJoiner j = new StringJoiner(", ", "ContainerSpec[", "]");
        j.add("image=" + s.image);
        if (s.get("name") != null) {
            j.add("name=" + s.get("name"));
        }
        if (!s.cmd.isEmpty()) {
            j.add("cmd=" + s.cmd);
        }
        for (SpecOption o : SpecOptions.ALL) {
            Object value = s.get(o.name());
            if (value == null || o.name().equals("name")) {
                continue;
            }
            if (o.kind() == SpecOption.Kind.REPEAT) {
                StringJoiner items = new StringJoiner(", ", "[", "]");
                for (Object v : (List<?>) value) {
                    items.add(text(o, v));
                }
                j.add(o.name() + "=" + items);
            } else {
                j.add(o.name() + "=" + text(o, value));
            }
        }
        s.raw.forEach((path, v) -> j.add("raw " + path + "=" + Masking.tree(path, v)));
        return j.toString();
    }

    private static String text(SpecOption o, Object v) {
        if (v instanceof SpecOptions.KeyFile f) {
            return f.path() + Masking.entries(f.entries());
        }
        String text = o.name().equals("entrypoint") ? String.valueOf(v) : o.formatValue(v);
        return o.masked() ? Masking.entry(text) : text;
    }
}
