package dev.berth.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker run} command line, both ways: {@link #tokens(String)} splits a line as a POSIX shell would
 * (quotes, backslashes; no expansion), {@link #read(List)} reads the arguments as the CLI does (long and short
 * flags, {@code --flag=value}, clustered short flags, {@code --} before the image, the command after it), and
 * {@link #write(SpecSettings)} writes a spec back as arguments.
 */
final class SpecArgs {
    private SpecArgs() {
    }

    /** Splits a command line into words as {@code sh} would, without expanding anything. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                inWord = true;
                i++;
                for (; i < n && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                        if (line.charAt(i) != '\n') {
                            word.append(line.charAt(i));
                        }
                    } else {
                        word.append(d);
                    }
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated \" in: " + line);
                }
            } else if (c == '\\') {
                if (i + 1 < n) {
                    i++;
                    if (line.charAt(i) != '\n') {
                        word.append(line.charAt(i));
                        inWord = true;
                    }
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** Reads {@code [docker] [container] run|create} (all optional), the flags, the image and the command. */
    static SpecSettings read(List<String> args) {
        List<String> a = new ArrayList<>(args);
        if (!a.isEmpty() && a.get(0).equals("docker")) {
            a.remove(0);
        }
        if (!a.isEmpty() && a.get(0).equals("container")) {
            a.remove(0);
        }
        boolean create = false;
        if (!a.isEmpty() && (a.get(0).equals("run") || a.get(0).equals("create"))) {
            create = a.remove(0).equals("create");
        }
        SpecSettings s = new SpecSettings();
        int i = 0;
        while (i < a.size()) {
            String arg = a.get(i++);
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String flag = eq < 0 ? arg : arg.substring(0, eq);
                SpecOption o = known(flag, create);
                if (o.kind() == SpecOption.Kind.SWITCH) {
                    s.setText(o, eq < 0 ? "true" : arg.substring(eq + 1));
                } else if (eq >= 0) {
                    s.setText(o, arg.substring(eq + 1));
                } else {
                    if (i >= a.size()) {
                        throw new IllegalArgumentException("flag needs an argument: " + flag);
                    }
                    s.setText(o, a.get(i++));
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int k = 1; k < arg.length(); k++) {
                    SpecOption o = known("-" + arg.charAt(k), create);
                    String rest = arg.substring(k + 1);
                    if (o.kind() == SpecOption.Kind.SWITCH) {
                        if (rest.startsWith("=")) {
                            s.setText(o, rest.substring(1));
                            break;
                        }
                        s.setText(o, "true");
                        continue;
                    }
                    if (!rest.isEmpty()) {
                        s.setText(o, rest.startsWith("=") ? rest.substring(1) : rest);
                    } else if (i < a.size()) {
                        s.setText(o, a.get(i++));
                    } else {
                        throw new IllegalArgumentException("flag needs an argument: '" + arg.charAt(k)
                                + "' in -" + arg.charAt(k));
                    }
                    break;
                }
            } else {
                i--;
                break;
            }
        }
        if (i >= a.size()) {
            throw new IllegalArgumentException("\"docker run\" requires at least 1 argument: the image");
        }
        s.image = SpecValidation.image(a.get(i++));
        s.cmd = new ArrayList<>(a.subList(i, a.size()));
        SpecValidation.checkCombination(s);
        return s;
    }

    private static SpecOption known(String flag, boolean create) {
        SpecOption o = SpecOptions.byFlag(flag);
        if (o == null || create && SpecOptions.RUN_ONLY.contains(o.name())) {
            throw new IllegalArgumentException("unknown flag: " + flag + closest(flag));
        }
        return o;
    }

    /** {@return " (did you mean --x?)" for the nearest known flag, or "" when none is near} */
    static String closest(String flag) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : SpecOptions.flags()) {
            int d = distance(flag, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(2, flag.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The arguments after {@code docker run}: {@code --flag=value} for each set option, the image, the command. */
    static List<String> write(SpecSettings s) {
        if (!s.raw.isEmpty()) {
            throw new IllegalStateException("raw body values " + s.raw.keySet() + " have no docker run form");
        }
        List<String> out = new ArrayList<>();
        for (SpecOption o : SpecOptions.ALL) {
            Object value = s.get(o.name());
            if (value == null) {
                continue;
            }
            if (o.flags().isEmpty()) {
                throw new IllegalStateException(o.name() + " " + value + " has no docker run form");
            }
            if (o.kind() == SpecOption.Kind.SWITCH) {
                out.add((Boolean) value ? o.flag() : o.flag() + "=false");
            } else if (o.kind() == SpecOption.Kind.REPEAT) {
                for (Object v : (List<?>) value) {
                    out.add(o.flag() + "=" + o.formatValue(v));
                }
            } else {
                out.add(o.flag() + "=" + o.formatValue(value));
            }
        }
        out.add(s.image);
        out.addAll(s.cmd);
        return out;
    }

    /** Quotes a word for {@code sh} when it needs it. */
    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
