package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The API conventions, checked over every public type of Berth's public packages: no public method takes a
 * {@code boolean} flag (options, enums and overloads say what a flag would hide), none returns an untyped answer
 * ({@code Object}, or a {@code Map} of untyped values: {@code extras()}, a record's unknown fields, is the one escape
 * hatch), and no parameter is documented as taking {@code null} to mean "unset". Nullness is stated: every public
 * package is {@code @NullMarked}, and what the javadoc says may be null is {@code @Nullable}.
 *
 * <p>{@link #KNOWN_FLAGS}, {@link #KNOWN_UNTYPED} and {@link #KNOWN_NULLS} list what the code had when the rule
 * came: they only shrink. A new violation fails; so does a listed one that is gone (remove it from the list).
 */
class ApiShapeTest {
    private static final Set<String> PACKAGES = Set.of("dev.berth", "dev.berth.model", "dev.berth.transport",
            "dev.berth.errors");

    /** Public methods with a boolean parameter when the rule came; each one goes when its area is reshaped. */
    private static final Set<String> KNOWN_FLAGS = Set.of(KnownShape.FLAGS);

    /** Public methods with an untyped answer when the rule came. */
    private static final Set<String> KNOWN_UNTYPED = Set.of(KnownShape.UNTYPED);

    /** {@code @param} lines documenting null as "unset" when the rule came, as {@code File.java: name}. */
    private static final Set<String> KNOWN_NULLS = Set.of(KnownShape.NULLS);

    @Test
    void noPublicMethodTakesABooleanFlag() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            for (Executable e : publicExecutables(c)) {
                if (isCanonicalRecordConstructor(c, e)) {
                    continue; // a record's components are data, not flags
                }
                if (Arrays.stream(e.getParameterTypes()).anyMatch(t -> t == boolean.class || t == Boolean.class)) {
                    found.add(signature(c, e));
                }
            }
        }
        assertSameAsKnown("boolean parameters", KNOWN_FLAGS, found);
    }

    @Test
    void noPublicMethodAnswersUntyped() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() != c || m.isSynthetic() || m.getName().equals("extras")) {
                    continue;
                }
                if (isUntyped(m.getGenericReturnType())) {
                    found.add(signature(c, m));
                }
            }
        }
        assertSameAsKnown("untyped answers", KNOWN_UNTYPED, found);
    }

    @Test
    void noParameterIsDocumentedAsNullForUnset() throws IOException {
        Pattern param = Pattern.compile("@param\\s+(\\w+)\\s[^\\n]*\\bnull\\b");
        Set<String> found = new TreeSet<>();
        // the calls' parameters; sdk-model's records document what a daemon may leave out of an answer, which is data
        for (String module : List.of("sdk-transport", "sdk-api")) {
            Path src = moduleRoot().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (f.toString().contains("internal")) {
                        continue;
                    }
                    Matcher m = param.matcher(Files.readString(f));
                    while (m.find()) {
                        found.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertSameAsKnown("parameters documented as null", KNOWN_NULLS, found);
    }

    /**
     * Every package a module exports to all is one of {@link #PACKAGES}, and each is {@code @NullMarked}: a type
     * without {@code @Nullable} is never null, which users' tools (IDEs, Kotlin, NullAway) read from the class files.
     */
    @Test
    void everyPublicPackageIsNullMarked() throws Exception {
        Set<String> unmarked = new TreeSet<>();
        Set<String> exported = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            if (!c.getPackage().isAnnotationPresent(NullMarked.class)) {
                unmarked.add(c.getPackageName());
            }
            Module m = c.getModule();
            if (m.isNamed()) {
                m.getDescriptor().exports().stream().filter(e -> !e.isQualified())
                        .forEach(e -> exported.add(e.source()));
            }
        }
        assertEquals(Set.of(), unmarked, "public packages without @NullMarked (package-info.java)");
        assertTrue(exported.isEmpty() || PACKAGES.containsAll(exported), "exported packages not checked: " + exported);
    }

    /**
     * The annotations say what the javadoc says. In the sources of the public packages, for every documented public
     * method, constructor and record (records in interfaces too): a {@code @param} that mentions null (as a value:
     * not {@code {@code null}}, "null means", "null becomes") is {@code @Nullable}, and so is a return value
     * documented as maybe null. Both ways for record components and return values: a {@code @Nullable} one says
     * when it is null. Parameters of the calls cannot say it (see {@link #noParameterIsDocumentedAsNullForUnset}),
     * so for them the annotation alone does. Record components are also checked on the class files, where the
     * annotation must have been kept.
     */
    @Test
    void nullableIsWhatTheJavadocSays() throws Exception {
        Pattern declaration = Pattern.compile("/\\*\\*([^*]*\\*+(?:[^/*][^*]*\\*+)*)/\\s*"
                + "((?:@\\w+(?:\\([^)]*\\))?\\s+)*)(?:public\\s+|(?=record\\s))([^(=;{]*?)\\b(\\w+)\\s*\\(",
                Pattern.DOTALL);
        Set<String> found = new TreeSet<>();
        Set<String> nullableComponents = new TreeSet<>();
        for (String module : List.of("sdk-model", "sdk-transport", "sdk-api")) {
            Path src = moduleRoot().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (f.toString().contains("internal") || f.endsWith("module-info.java")) {
                        continue;
                    }
                    String text = Files.readString(f);
                    Matcher m = declaration.matcher(text);
                    while (m.find()) {
                        String doc = m.group(1);
                        String result = m.group(3);
                        String name = m.group(4);
                        boolean record = result.matches("(static\\s+)?record\\s+");
                        if (!record && result.matches(".*\\b(class|interface|enum)\\b.*")) {
                            continue;
                        }
                        String where = f.getFileName() + ": " + name;
                        List<String> params = parameters(text, m.end());
                        for (Map.Entry<String, String> p : paramDocs(doc).entrySet()) {
                            String declared = params.stream().filter(d -> d.matches("(?s).*\\b" + p.getKey()))
                                    .findFirst().orElse("");
                            boolean nullable = topLevel(declared).contains("@Nullable");
                            boolean saysNull = mentionsNull(p.getValue());
                            if (saysNull && !nullable || record && nullable && !saysNull) {
                                found.add(where + "(" + p.getKey() + ")" + (nullable ? " is @Nullable" : " says null"));
                            }
                            if (record && nullable) {
                                nullableComponents.add(name + "." + p.getKey());
                            }
                        }
                        if (!record && !result.isBlank() && !result.matches("(static\\s+)?")) {
                            boolean nullable = topLevel(result).contains("@Nullable");
                            if (nullable != mentionsNull(returnDoc(doc))) {
                                found.add(where + "()" + (nullable ? " is @Nullable" : " returns null"));
                            }
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), found, "@Nullable where the javadoc does not say null, or the other way round");
        // in the class files: a record component's annotation reaches its accessor's return type
        Set<String> kept = new TreeSet<>();
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    String component = c.getSimpleName() + "." + rc.getName();
                    if (rc.getAccessor().getAnnotatedReturnType().isAnnotationPresent(Nullable.class)) {
                        kept.add(component);
                    }
                    if (nullableComponents.contains(component)) {
                        expected.add(component);
                    }
                }
            }
        }
        assertEquals(expected, kept, "public record components @Nullable in the sources and in the class files");
    }

    /** A declared type without its type arguments: {@code Map<String, @Nullable Object>} is no nullable map. */
    private static String topLevel(String declared) {
        String t = declared;
        for (String was = ""; !was.equals(t); ) {
            was = t;
            t = t.replaceAll("<[^<>]*>", "");
        }
        return t;
    }

    /** Whether javadoc text says a value may be null ({@code {@code null}}, JSON's null, does not count). */
    private static boolean mentionsNull(String doc) {
        return Pattern.compile("\\bnull\\b(?!\\s+(means|becomes))").matcher(doc.replace("{@code null}", "")).find();
    }

    /** Each {@code @param}'s text, all its lines. */
    private static Map<String, String> paramDocs(String doc) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("@param\\s+(\\w+)\\s((?:(?!\\n\\s*\\*\\s*@).)*)", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            all.put(m.group(1), m.group(2));
        }
        return all;
    }

    /** The {@code @return} tag's text, or the inline {@code {@return ...}}'s; empty without either. */
    private static String returnDoc(String doc) {
        Matcher tag = Pattern.compile("@return\\s((?:(?!\\n\\s*\\*\\s*@).)*)", Pattern.DOTALL).matcher(doc);
        if (tag.find() && (tag.start() == 0 || doc.charAt(tag.start() - 1) != '{')) {
            return tag.group(1);
        }
        int start = doc.indexOf("{@return");
        if (start < 0) {
            return "";
        }
        int depth = 0;
        for (int i = start; i < doc.length(); i++) {
            depth += doc.charAt(i) == '{' ? 1 : doc.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return doc.substring(start, i);
            }
        }
        return doc.substring(start);
    }

    /** The declared parameters (annotations, type and name, as written) of the list that starts at {@code open}. */
    private static List<String> parameters(String text, int open) {
        List<String> params = new ArrayList<>();
        int depth = 0;
        int from = open;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(' || ch == '<') {
                depth++;
            } else if ((ch == ')' || ch == '>') && depth > 0) {
                depth--;
            } else if (ch == ')' || ch == ',' && depth == 0) {
                params.add(text.substring(from, i).trim());
                from = i + 1;
                if (ch == ')') {
                    break;
                }
            }
        }
        return params;
    }

    /**
     * What users can name stays out of the internal packages ({@code dev.berth.internal}, {@code
     * dev.berth.transport.internal}, {@code dev.berth.model.internal}), which the modules do not export: a public
     * signature naming an internal type could not be used from a module, and would make the helper API.
     */
    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            String where = c.getName().substring(c.getPackageName().length() + 1);
            List<Type> types = new ArrayList<>();
            types.add(c.getGenericSuperclass());
            types.addAll(Arrays.asList(c.getGenericInterfaces()));
            for (TypeVariable<?> v : c.getTypeParameters()) {
                types.addAll(Arrays.asList(v.getBounds()));
            }
            collectInternal(where, types, found);
            for (Field f : c.getDeclaredFields()) {
                if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
                    collectInternal(where + "." + f.getName(), List.of(f.getGenericType()), found);
                }
            }
            for (Executable e : visibleExecutables(c)) {
                List<Type> signature = new ArrayList<>(Arrays.asList(e.getGenericParameterTypes()));
                signature.addAll(Arrays.asList(e.getGenericExceptionTypes()));
                if (e instanceof Method m) {
                    signature.add(m.getGenericReturnType());
                }
                for (TypeVariable<?> v : e.getTypeParameters()) {
                    signature.addAll(Arrays.asList(v.getBounds()));
                }
                collectInternal(signature(c, e), signature, found);
            }
        }
        assertEquals(Set.of(), found, "public signatures naming a type of an internal package");
    }

    private static void collectInternal(String where, List<Type> types, Set<String> found) {
        for (Type t : types) {
            if (t instanceof Class<?> k) {
                Class<?> element = k;
                while (element.isArray()) {
                    element = element.getComponentType();
                }
                String pkg = element.getPackageName();
                if (pkg.endsWith(".internal") || pkg.contains(".internal.")) {
                    found.add(where + ": " + element.getName());
                }
            } else if (t instanceof ParameterizedType p) {
                collectInternal(where, List.of(p.getRawType()), found);
                collectInternal(where, Arrays.asList(p.getActualTypeArguments()), found);
            } else if (t instanceof GenericArrayType a) {
                collectInternal(where, List.of(a.getGenericComponentType()), found);
            } else if (t instanceof WildcardType w) {
                collectInternal(where, Arrays.asList(w.getUpperBounds()), found);
                collectInternal(where, Arrays.asList(w.getLowerBounds()), found);
            }
        }
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Public and protected methods and constructors: what a caller or a subclass outside the module can reach. */
    private static List<Executable> visibleExecutables(Class<?> c) {
        List<Executable> all = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                all.add(m);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (isVisible(k.getModifiers())) {
                all.add(k);
            }
        }
        return all;
    }

    private static void assertSameAsKnown(String what, Set<String> known, Set<String> found) {
        Set<String> added = new TreeSet<>(found);
        added.removeAll(known);
        Set<String> gone = new TreeSet<>(known);
        gone.removeAll(found);
        assertEquals(Set.of(), added, "new " + what + " (use an options record, an enum, Filters or an overload)");
        assertEquals(Set.of(), gone, what + " that are gone: remove them from KnownShape");
    }

    private static boolean isUntyped(Type t) {
        if (t == Object.class) {
            return true;
        }
        if (t == Map.class) {
            return true; // raw
        }
        if (t instanceof ParameterizedType p && p.getRawType() == Map.class) {
            Type value = p.getActualTypeArguments()[1];
            return value == Object.class || value instanceof WildcardType || isUntyped(value);
        }
        return false;
    }

    private static boolean isCanonicalRecordConstructor(Class<?> c, Executable e) {
        if (!c.isRecord() || !(e instanceof Constructor<?>)) {
            return false;
        }
        Class<?>[] components = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return Arrays.equals(components, e.getParameterTypes());
    }

    private static List<Executable> publicExecutables(Class<?> c) {
        List<Executable> all = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                all.add(m);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPublic(k.getModifiers())) {
                all.add(k);
            }
        }
        return all;
    }

    private static String signature(Class<?> c, Executable e) {
        String name = e instanceof Constructor<?> ? "<init>" : e.getName();
        StringBuilder sb = new StringBuilder(c.getName().substring(c.getPackageName().length() + 1)).append('.')
                .append(name).append('(');
        Class<?>[] types = e.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ",").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /**
     * Every public class, interface, record and enum (nested ones too) of the public packages, found on the class path
     * and the module path (Surefire runs the tests inside the dev.berth module).
     */
    private static List<Class<?>> publicTypes() throws Exception {
        Set<String> names = new TreeSet<>();
        String path = System.getProperty("java.class.path", "") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(p.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else if (p.getFileName().toString().matches("sdk-(api|model|transport)-.*\\.jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(j -> j.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String n : names) {
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            int dot = className.lastIndexOf('.');
            if (dot < 0 || !PACKAGES.contains(className.substring(0, dot)) || className.endsWith("Test")
                    || className.endsWith("IT") || className.contains("Test$") || className.contains("IT$")) {
                continue;
            }
            Class<?> c = Class.forName(className, false, ApiShapeTest.class.getClassLoader());
            boolean testCode = c.getProtectionDomain().getCodeSource().getLocation().getPath()
                    .contains("test-classes");
            if (isPublicApi(c) && !testCode) {
                types.add(c);
            }
        }
        return types;
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    /** The parent folder of the modules (tests run with the module as working directory). */
    private static Path moduleRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("sdk-api")) ? here : here.getParent();
    }
}
