package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The "nothing lost" report: for each record that models an Engine API definition, which of the definition's
 * properties (in the v1.56 swagger) the record has no {@code @JsonProperty} (or {@code @JsonAlias}) for. Nested
 * records are followed into the definitions their properties point to. The report goes to
 * {@code target/spec-coverage.md}; a summary is printed.
 *
 * <p>What can fail: a mapped definition that is not in the spec (a typo, or a rename in a newer spec), nested
 * records that no longer line up with their definitions, and a record with an extras map that does not carry a
 * field it does not model through a read and a write (which would mean a newer daemon's fields are lost).
 */
class SpecCoverageTest {
    /** The Engine API spec (moby's swagger, Apache-2.0), kept in the test resources so any clone can run this. */
    private static final String SPEC = "/engine-api-v1.56.yaml";
    private static final Path REPORT = Path.of("target", "spec-coverage.md");
    private static final String PACKAGE = "dev.berth.model.";

    /** A value no record could mistake for one of its own: an object holding an array of two kinds. */
    private static final String PROBE = "{\"berth-probe\":[\"kept\",42,{\"deep\":true}]}";

    /**
     * Configured as {@code dev.berth.transport.Json.mapper()} is (which sdk-model cannot see): unknown fields
     * ignored, nulls not written.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false)
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));

    /**
     * A top-level record and what it models: a definition's name, or a JSON pointer ({@code #/paths/...}) for an
     * answer the spec describes inline. Records in {@link #OPTIONAL} may not exist yet.
     */
    private record Mapping(String className, String definition) {
    }

    private static final List<Mapping> MAPPINGS = List.of(
            map(ContainerSummary.class, "ContainerSummary"),
            map(ContainerDetails.class, "ContainerInspectResponse"),
            map(ContainerStats.class, "ContainerStatsResponse"),
            map(TopResult.class, "ContainerTopResponse"),
            map(WaitResult.class, "ContainerWaitResponse"),
            map(FilesystemChange.class, "FilesystemChange"),
            map(ImageSummary.class, "ImageSummary"),
            map(ImageDetails.class, "ImageInspect"),
            map(ImageHistoryItem.class, "ImageHistoryResponseItem"),
            map(ImageRemoval.class, "ImageDeleteResponseItem"),
            map(NetworkDetails.class, "NetworkInspect"),
            map(VolumeDetails.class, "Volume"),
            map(Event.class, "EventMessage"),
            map(SystemInfo.class, "SystemInfo"),
            map(Version.class, "SystemVersion"),
            map(DiskUsage.class, "#/paths/~1system~1df/get/responses/200/schema"),
            map(PluginDetails.class, "Plugin"),
            map(PluginPrivilege.class, "PluginPrivilege"),
            map(BuildCacheRecord.class, "BuildCache"),
            new Mapping(PACKAGE + "NodeDetails", "Node"),
            new Mapping(PACKAGE + "ServiceDetails", "Service"),
            new Mapping(PACKAGE + "TaskDetails", "Task"),
            new Mapping(PACKAGE + "SecretDetails", "Secret"),
            new Mapping(PACKAGE + "ConfigDetails", "Config"),
            new Mapping(PACKAGE + "SwarmDetails", "Swarm"));

    /** The Swarm records, which are being written alongside this test: reported when present, skipped if not. */
    private static final Set<String> OPTIONAL = Set.of(PACKAGE + "NodeDetails", PACKAGE + "ServiceDetails",
            PACKAGE + "TaskDetails", PACKAGE + "SecretDetails", PACKAGE + "ConfigDetails", PACKAGE + "SwarmDetails");

    /**
     * Records whose JSON shape is not the v1.56 definition's at all, with why. They are reported, and exempt from
     * the "models at least one property" check; {@link #nestedRecordsAreMatchedToTheirDefinitions} fails once one
     * of them does model the definition, so the entry gets removed.
     */
    private static final Map<String, String> KNOWN_SHAPE_MISMATCHES = Map.of(
            "DiskUsage", "reads the pre-1.52 `GET /system/df` answer (`LayersSize`, `Images`, `Containers`, "
                    + "`Volumes`, `BuildCache`); API 1.52 replaced it with `ImageUsage`, `ContainerUsage`, "
                    + "`VolumeUsage`, `BuildCacheUsage`, which only reach `extras()`");

    /** One row of the report: a record (top-level or nested) against the schema it models. */
    private record Row(Class<?> type, String label, String definition, List<String> modelled, List<String> missing,
                       List<String> notInSpec, boolean keepsUnknown, int depth) {
    }

    private static JsonNode spec;
    private static final List<Row> ROWS = new ArrayList<>();
    private static final List<String> ABSENT_RECORDS = new ArrayList<>();
    private static final List<String> UNKNOWN_DEFINITIONS = new ArrayList<>();

    private static Mapping map(Class<?> type, String definition) {
        return new Mapping(type.getName(), definition);
    }

    @BeforeAll
    static void buildReport() throws IOException {
        java.net.URL file = SpecCoverageTest.class.getResource(SPEC);
        if (file == null) {
            fail("the Engine API spec " + SPEC + " is missing from the test resources");
        }
        try (java.io.InputStream in = file.openStream()) {
            spec = new YAMLMapper().readTree(in);
        }
        assertNotNull(spec.get("definitions"), "no definitions in " + file);

        Set<Class<?>> seen = new HashSet<>();
        for (Mapping m : MAPPINGS) {
            Class<?> type;
            try {
                type = Class.forName(m.className());
            } catch (ClassNotFoundException e) {
                if (!OPTIONAL.contains(m.className())) {
                    throw new AssertionError("mapped record " + m.className() + " does not exist", e);
                }
                ABSENT_RECORDS.add(m.className().substring(PACKAGE.length()));
                continue;
            }
            JsonNode schema = lookup(m.definition());
            if (schema == null || schema.isMissingNode()) {
                UNKNOWN_DEFINITIONS.add(label(type) + " -> " + m.definition());
                continue;
            }
            String name = m.definition().startsWith("#/")
                    ? titleOr(schema, m.definition()) : m.definition();
            if (seen.add(type)) {
                cover(type, name, schema, 0, seen);
            }
        }
        writeReport(SPEC);
    }

    // ---- the walk ----------------------------------------------------------------------------------------------

    private static JsonNode lookup(String definition) {
        return definition.startsWith("#/") ? spec.at(definition.substring(1))
                : spec.get("definitions").get(definition);
    }

    private static String titleOr(JsonNode schema, String pointer) {
        JsonNode title = schema.get("title");
        return title != null ? title.asText() + " (inline)" : pointer;
    }

    /** Follows {@code $ref}s to the schema they name. */
    private static JsonNode deref(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
            s = lookup(s.get("$ref").asText().replace("#/definitions/", ""));
        }
        return s;
    }

    /** The schema's properties, with those of every {@code allOf} part, in the spec's order. */
    private static Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode s = deref(schema);
        if (s == null) {
            return out;
        }
        JsonNode allOf = s.get("allOf");
        if (allOf != null) {
            allOf.forEach(part -> out.putAll(properties(part)));
        }
        JsonNode props = s.get("properties");
        if (props != null) {
            props.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** A property's object schema: through {@code $ref}, array {@code items} and map {@code additionalProperties}. */
    private static Map.Entry<String, JsonNode> objectSchema(JsonNode property, String inlineName) {
        String name = inlineName;
        JsonNode s = property;
        for (int i = 0; i < 10 && s != null; i++) {
            if (s.has("$ref")) {
                name = s.get("$ref").asText().replace("#/definitions/", "");
                s = deref(s);
            } else if (s.has("properties") || s.has("allOf")) {
                return Map.entry(name, s);
            } else if (s.has("items")) {
                s = s.get("items");
            } else if (s.get("additionalProperties") != null && s.get("additionalProperties").isObject()) {
                s = s.get("additionalProperties");
            } else {
                return null;
            }
        }
        return null;
    }

    /** The record a component holds: itself, or the element of a list or the value of a map, at any depth. */
    private static Class<?> recordIn(Type t) {
        if (t instanceof Class<?> c) {
            return c.isRecord() ? c : null;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
                return recordIn(args[0]);
            }
            if (Map.class.isAssignableFrom(raw) && args.length == 2) {
                return recordIn(args[1]);
            }
        }
        return null;
    }

    /**
     * The annotations of a record component. Jackson's annotations do not target record components, so Java puts
     * them on the field (and accessor, and constructor parameter), not on the {@link RecordComponent}.
     */
    private static AnnotatedElement annotated(Class<?> type, RecordComponent rc) {
        try {
            return type.getDeclaredField(rc.getName());
        } catch (NoSuchFieldException e) {
            return rc.getAccessor();
        }
    }

    /** The JSON names a component is read from: its {@code @JsonProperty} and every {@code @JsonAlias}. */
    private static List<String> jsonNames(Class<?> type, RecordComponent rc) {
        AnnotatedElement a = annotated(type, rc);
        List<String> names = new ArrayList<>();
        JsonProperty p = a.getAnnotation(JsonProperty.class);
        if (p != null && !p.value().isEmpty()) {
            names.add(p.value());
        }
        JsonAlias alias = a.getAnnotation(JsonAlias.class);
        if (alias != null) {
            names.addAll(List.of(alias.value()));
        }
        return names;
    }

    private static boolean keepsUnknown(Class<?> type) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (annotated(type, rc).isAnnotationPresent(JsonAnySetter.class)) {
                return true;
            }
        }
        return false;
    }

    private static void cover(Class<?> type, String definition, JsonNode schema, int depth, Set<Class<?>> seen) {
        Map<String, JsonNode> props = properties(schema);
        Set<String> read = new LinkedHashSet<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            read.addAll(jsonNames(type, rc));
        }
        List<String> modelled = props.keySet().stream().filter(read::contains).toList();
        List<String> missing = props.keySet().stream().filter(k -> !read.contains(k)).toList();
        List<String> notInSpec = read.stream().filter(k -> !props.containsKey(k)).toList();
        ROWS.add(new Row(type, label(type), definition, modelled, missing, notInSpec, keepsUnknown(type), depth));

        for (RecordComponent rc : type.getRecordComponents()) {
            Class<?> nested = recordIn(rc.getGenericType());
            if (nested == null || seen.contains(nested)) {
                continue;
            }
            for (String name : jsonNames(type, rc)) {
                JsonNode property = props.get(name);
                Map.Entry<String, JsonNode> target = property == null ? null
                        : objectSchema(property, definition + "." + name);
                if (target != null) {
                    seen.add(nested);
                    cover(nested, target.getKey(), target.getValue(), depth + 1, seen);
                    break;
                }
            }
        }
    }

    private static String label(Class<?> type) {
        String n = type.getName();
        return (n.startsWith(PACKAGE) ? n.substring(PACKAGE.length()) : n).replace('$', '.');
    }

    // ---- the report --------------------------------------------------------------------------------------------

    private static void writeReport(String specFile) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Spec coverage: Berth records against Engine API v1.56\n\n")
                .append("Generated by `SpecCoverageTest` from `").append(specFile.substring(1)).append("`. ")
                .append("*Modelled* counts the definition's properties the record reads through `@JsonProperty` ")
                .append("or `@JsonAlias`; *missing* lists the others. A record that keeps unknown fields has them in ")
                .append("`extras()` (and writes them back); one that does not **drops** them. *Read, not in "
                        + "v1.56* lists the names the record reads that the v1.56 definition does not have (older "
                        + "or newer fields). Nested records are indented under their parent.\n\n")
                .append("| Record | Definition | Modelled | Keeps unknown fields | Missing | Read, not in v1.56 |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Row r : ROWS) {
            md.append("| ").append(r.depth() == 0 ? "" : "&nbsp;&nbsp;".repeat(r.depth()) + "&#8627; ").append('`').append(r.label()).append("` | ")
                    .append(r.definition()).append(" | ")
                    .append(r.modelled().size()).append(" of ").append(r.modelled().size() + r.missing().size())
                    .append(" | ").append(r.keepsUnknown() ? "yes" : "**no**").append(" | ")
                    .append(r.missing().isEmpty() ? "-" : String.join(", ", r.missing())).append(" | ")
                    .append(r.notInSpec().isEmpty() ? "-" : String.join(", ", r.notInSpec())).append(" |\n");
        }
        KNOWN_SHAPE_MISMATCHES.forEach((record, why) -> md.append("\n**`").append(record)
                .append("` does not have the v1.56 shape:** ").append(why).append(".\n"));
        if (!ABSENT_RECORDS.isEmpty()) {
            md.append("\nNot present in this tree (skipped): ").append(String.join(", ", ABSENT_RECORDS)).append('\n');
        }
        if (!UNKNOWN_DEFINITIONS.isEmpty()) {
            md.append("\nMapped to definitions the spec does not have: ")
                    .append(String.join(", ", UNKNOWN_DEFINITIONS)).append('\n');
        }
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, md.toString());

        StringBuilder summary = new StringBuilder("Spec coverage (v1.56), report in ")
                .append(REPORT.toAbsolutePath().normalize()).append('\n');
        for (Row r : ROWS) {
            int total = r.modelled().size() + r.missing().size();
            summary.append(String.format("  %-44s %-28s %3d/%-3d missing %3d%s%n",
                    "  ".repeat(r.depth()) + r.label(), r.definition(), r.modelled().size(), total,
                    r.missing().size(),
                    r.missing().isEmpty() ? "" : r.keepsUnknown() ? " (kept in extras)" : " (DROPPED: no extras)"));
        }
        for (Map.Entry<String, String> e : KNOWN_SHAPE_MISMATCHES.entrySet()) {
            summary.append("  ").append(e.getKey()).append(" does not have the v1.56 shape: ").append(e.getValue())
                    .append('\n');
        }
        System.out.print(summary);
    }

    // ---- the checks --------------------------------------------------------------------------------------------

    @Test
    void everyMappedDefinitionExistsInTheSpec() {
        assertEquals(List.of(), UNKNOWN_DEFINITIONS, "records mapped to definitions that v1.56 does not have");
        for (Mapping m : MAPPINGS) {
            if (!ABSENT_RECORDS.contains(m.className().substring(PACKAGE.length()))) {
                JsonNode schema = lookup(m.definition());
                assertTrue(schema != null && !schema.isMissingNode() && !properties(schema).isEmpty(),
                        m.definition() + " has no properties in the spec");
            }
        }
    }

    @Test
    void nestedRecordsAreMatchedToTheirDefinitions() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ContainerDetails.State", "ContainerState");
        expected.put("ContainerDetails.HostConfig", "HostConfig");
        expected.put("ContainerDetails.Config", "ContainerConfig");
        expected.put("ContainerDetails.MountPoint", "MountPoint");
        expected.put("NetworkDetails.Ipam", "IPAM");
        expected.put("NetworkDetails.IpamConfig", "IPAMConfig");
        expected.put("NetworkDetails.Endpoint", "EndpointResource");
        expected.put("Event.Actor", "EventActor");
        expected.put("PluginDetails.Mount", "PluginMount");
        expected.put("PluginDetails.Device", "PluginDevice");
        expected.put("PluginDetails.EnvVariable", "PluginEnv");
        Map<String, String> actual = new LinkedHashMap<>();
        ROWS.forEach(r -> actual.put(r.label(), r.definition()));
        expected.forEach((record, definition) -> assertEquals(definition, actual.get(record),
                record + " should be compared with " + definition + "; rows: " + actual));
        for (Row r : ROWS) {
            if (KNOWN_SHAPE_MISMATCHES.containsKey(r.label())) {
                assertTrue(r.modelled().isEmpty(), r.label() + " now models " + r.modelled() + " of "
                        + r.definition() + ": remove it from KNOWN_SHAPE_MISMATCHES");
            } else {
                assertTrue(!r.modelled().isEmpty(), r.label() + " models none of " + r.definition()
                        + "'s properties: mapped to the wrong definition?");
            }
        }
    }

    /**
     * For every reported record that keeps unknown fields and lacks one of its definition's properties: reading an
     * object with that property (and nothing else) and writing the record back gives the property, unchanged.
     */
    @TestFactory
    Stream<DynamicTest> recordsWithExtrasKeepWhatTheyDoNotModel() {
        List<Row> probed = ROWS.stream().filter(r -> r.keepsUnknown() && !r.missing().isEmpty()).toList();
        assertTrue(!probed.isEmpty(), "no record with extras lacks a field: nothing to probe, is the walk broken?");
        return probed.stream().map(r -> DynamicTest.dynamicTest(r.label() + " keeps " + r.missing().get(0), () -> {
            String field = r.missing().get(0);
            JsonNode value = MAPPER.readTree(PROBE);
            ObjectNode in = MAPPER.createObjectNode();
            in.set(field, value);

            Object record = MAPPER.treeToValue(in, r.type());
            JsonNode out = MAPPER.valueToTree(record);

            assertTrue(out.has(field), r.label() + " lost " + field + " (" + r.definition() + "): wrote " + out);
            assertEquals(value, out.get(field), r.label() + " changed " + field + " on the way through");
        }));
    }
}
