package dev.berth.model.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * <b>Internal to Berth: not an API, it may change or go in any release.</b> It is public only because Berth's modules
 * share it. The one place that decides what {@code toString()} hides, so that every value that carries environment
 * variables, labels, options or credentials ({@code ContainerSpec}, {@code ServiceSpec}, {@code ExecOptions},
 * inspect results, ...) hides the same things: a word added here is masked everywhere.
 *
 * <p>The rules:
 * <ul>
 *   <li>A value whose name contains {@code PASSWORD}, {@code PASSWD}, {@code PASSPHRASE}, {@code SECRET},
 *       {@code TOKEN}, {@code KEY} or {@code CREDENTIAL} (any case) is shown as {@code ***}.</li>
 *   <li>Inside any other value, the password of a URL's user info ({@code postgres://app:***@db/app}) and each
 *       comma-separated {@code name=value} item whose name is such a name ({@code addr=nas,password=***}) are
 *       masked.</li>
 *   <li>{@code KEY=value} entries (an {@code env} or {@code Env} list) are named by their key; in decoded JSON, map
 *       entries by their key, and objects holding {@code Name} and {@code Value} (plugin settings) by that name.</li>
 * </ul>
 *
 * <pre>{@code
 * Masking.entry("PGPASSWORD=hunter2");                       // "PGPASSWORD=***"
 * Masking.value("DATABASE_URL", "postgres://app:pw@db/app");  // "postgres://app:***@db/app"
 * Masking.record(this);                                       // a record's toString(), masked
 * }</pre>
 */
public final class Masking {
    /** What a masked value is shown as. */
    public static final String MASK = "***";

    private static final List<String> SECRET_WORDS =
            List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "KEY", "CREDENTIAL");
    /** {@code scheme://user:password@}: the password group is masked. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@/\\s]*@");

    private Masking() {
    }

    /**
     * {@return whether a value of this name is masked whole: the name contains a secret word, in any case}
     *
     * @param name a variable, label, option or field name; null is not secret
     */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the value as it may be shown: {@link #MASK} for a secret name, else with URL passwords and secret
     * {@code name=value} items masked}
     *
     * @param name the name the value is under, such as an environment variable's
     * @param value the value; null gives null
     */
    public static String value(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecretName(name)) {
            return MASK;
        }
        String text = URL_PASSWORD.matcher(value).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        if (text.indexOf('=') < 0) {
            return text;
        }
        StringJoiner items = new StringJoiner(",");
        for (String item : text.split(",", -1)) {
            int eq = item.indexOf('=');
            items.add(eq > 0 && isSecretName(item.substring(0, eq)) ? item.substring(0, eq + 1) + MASK : item);
        }
        return items.toString();
    }

    /**
     * {@return a {@code KEY=value} entry with its value masked as {@link #value} says; no {@code =}, as it is}
     *
     * @param keyValue such as {@code PGPASSWORD=hunter2}; null gives null
     */
    public static String entry(String keyValue) {
        if (keyValue == null) {
            return null;
        }
        int eq = keyValue.indexOf('=');
        return eq < 0 ? keyValue : keyValue.substring(0, eq + 1) + value(keyValue.substring(0, eq),
                keyValue.substring(eq + 1));
    }

    /**
     * {@return {@code KEY=value} entries, each masked by {@link #entry}}
     *
     * @param keyValues an environment, such as {@code [MODE=prod, PGPASSWORD=hunter2]}
     */
    public static List<String> entries(List<String> keyValues) {
        List<String> out = new ArrayList<>(keyValues.size());
        for (String e : keyValues) {
            out.add(entry(e));
        }
        return out;
    }

    /**
     * {@return a copy of the map, in its order, each value masked by its key}
     *
     * @param map labels or options, name to value
     */
    public static Map<String, String> map(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, value(k, v)));
        return out;
    }

    /**
     * A value as decoded JSON (maps, lists, strings, numbers) or any object, with what it holds masked by the names
     * it is under: a copy for maps and lists, a string for secrets and strings, the object itself otherwise.
     *
     * @param name the name the value is under (a field or record component), or an empty string
     * @param value the value; null stays null
     * @return what to print in its place
     */
    public static Object tree(String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Name") instanceof String itemName && map.containsKey("Value")) {
                Map<Object, Object> out = new LinkedHashMap<>(map);
                out.put("Value", tree(itemName, map.get("Value")));
                return out;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, tree(String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> list) {
            boolean env = name.equalsIgnoreCase("env");
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(env && item instanceof String s ? entry(s) : tree(name, item));
            }
            return out;
        }
        if (value instanceof String s) {
            return value(name, s);
        }
        return value != null && isSecretName(name) && !(value instanceof Record) ? MASK : value;
    }

    /**
     * {@return what {@code Record.toString()} gives, {@code Name[a=1, b=[x, y]]}, with each component masked by
     * {@link #tree} under its name: for records whose components carry environments, options or labels}
     *
     * @param record the record to show
     */
    public static String record(Record record) {
        StringJoiner j = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                v = "(unreadable)";
            }
            j.add(c.getName() + "=" + tree(c.getName(), v));
        }
        return j.toString();
    }
}
