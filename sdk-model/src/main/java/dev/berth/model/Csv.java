package dev.berth.model;

import java.util.ArrayList;
import java.util.List;

/** One CSV record as Go's {@code encoding/csv} reads it (the CLI reads {@code --mount} and {@code --gpus} so). */
final class Csv {
    private Csv() {
    }

    /** {@return fields as one record, as Go's {@code encoding/csv} writes it: quoted when holding , or "} */
    static String join(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String f : fields) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(f.contains(",") || f.contains("\"") || f.startsWith(" ")
                    ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return out.toString();
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            StringBuilder f = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("extraneous or missing \" in quoted-field: " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("extraneous or missing \" in quoted-field: " + line);
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("bare \" in non-quoted-field: " + line);
                    }
                    f.append(c);
                }
            }
            fields.add(f.toString());
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }
}
