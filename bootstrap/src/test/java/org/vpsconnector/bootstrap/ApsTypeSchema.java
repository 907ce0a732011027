package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vpsconnector.apspackage.ApsPackage;

/**
 * One type schema of the APS package, read from the package module's jar, and its translation to a
 * strict JSON Schema (draft 2020-12) that every representation of the type must satisfy: no
 * property the APS schema does not declare, at any depth; declared types, enums and bounds; a
 * counter is a non-negative number; a write-only ({@code encrypted}) property never appears;
 * relations are links; the {@code aps} meta object names this type and never carries certificates. A keyword or type the translation does not know is an error,
 * so the package cannot declare something the test silently ignores.
 */
final class ApsTypeSchema {
    static final String COUNTER = "http://aps-standard.org/types/core/resource/1.0#Counter";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");
    // What a property may say; everything that constrains a value is translated below.
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("type", "title", "description", "readonly", "encrypted",
            "required", "default", "unit", "enum", "format", "minimum", "maximum", "minLength", "maxLength", "pattern",
            "items", "properties");
    private static final Set<String> TYPE_KEYWORDS = Set.of("apsVersion", "name", "id", "implements", "properties",
            "relations", "operations", "structures");
    private static final Set<String> RELATION_KEYWORDS = Set.of("type", "required", "collection");
    private static final Set<String> OPERATION_KEYWORDS = Set.of("verb", "path", "response", "parameters");
    private static final Set<String> COPIED_CONSTRAINTS = Set.of("enum", "format", "minimum", "maximum", "minLength",
            "maxLength", "pattern");
    private static final List<String> APS_STATUSES = List.of("aps:provisioning", "aps:ready", "aps:configuring",
            "aps:unprovisioning", "aps:deleted");

    /** A custom operation: {@code verb} on {@code /{svc}/{id}{path}}. */
    record Operation(String name, String verb, String path) {
    }

    /** A relation: one link, or a collection of links. */
    record Relation(String name, String type, boolean collection, boolean required) {
    }

    private final JsonNode aps;
    private final JsonNode structures;
    private final Schema jsonSchema;

    private ApsTypeSchema(JsonNode aps) {
        this.aps = aps;
        this.structures = aps.path("structures");
        onlyKnown(aps, TYPE_KEYWORDS, "the type");
        aps.path("relations").fields().forEachRemaining(entry -> onlyKnown(entry.getValue(), RELATION_KEYWORDS, entry.getKey()));
        aps.path("operations").fields().forEachRemaining(entry -> onlyKnown(entry.getValue(), OPERATION_KEYWORDS, entry.getKey()));
        this.jsonSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(toJsonSchema());
    }

    /** The schema the package's APP-META.xml names for {@code serviceId}. */
    static ApsTypeSchema ofService(ApsPackage aps, String serviceId) {
        try {
            return new ApsTypeSchema(JSON.readTree(aps.schemaOf(serviceId)));
        } catch (IOException e) {
            throw new UncheckedIOException("the schema of " + serviceId + " is not JSON", e);
        }
    }

    static ApsTypeSchema of(JsonNode aps) {
        return new ApsTypeSchema(aps);
    }

    String id() {
        return aps.path("id").asText();
    }

    /** Where {@code representation} breaks the schema; empty when it conforms. */
    List<String> violationsOf(JsonNode representation) {
        List<Error> errors = jsonSchema.validate(representation,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /**
     * Every property the connector is declared to return, as a dotted path into structures
     * ({@code hardware.CPU.number}); write-only ({@code encrypted}) ones are left out.
     */
    Set<String> returnedPropertyPaths() {
        Set<String> paths = new LinkedHashSet<>();
        collectDeclaredPaths(aps.path("properties"), "", paths);
        return paths;
    }

    /** The paths of every property {@code representation} carries, beside its {@code aps} object and its links. */
    Set<String> propertyPathsIn(JsonNode representation) {
        Set<String> paths = new LinkedHashSet<>();
        representation.fieldNames().forEachRemaining(name -> {
            if (!name.equals("aps") && !aps.path("relations").has(name)) {
                collectPaths(representation.get(name), name, paths);
            }
        });
        return paths;
    }

    Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        aps.path("operations").fields().forEachRemaining(entry -> operations.put(entry.getKey(),
                new Operation(entry.getKey(), entry.getValue().path("verb").asText(), entry.getValue().path("path").asText())));
        return operations;
    }

    Map<String, Relation> relations() {
        Map<String, Relation> relations = new LinkedHashMap<>();
        aps.path("relations").fields().forEachRemaining(entry -> relations.put(entry.getKey(),
                new Relation(entry.getKey(), entry.getValue().path("type").asText(),
                        entry.getValue().path("collection").asBoolean(), entry.getValue().path("required").asBoolean())));
        return relations;
    }

    /** The values a top-level property's {@code enum} allows. */
    Set<String> enumOf(String property) {
        Set<String> values = new LinkedHashSet<>();
        aps.path("properties").path(property).path("enum").forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The strict JSON Schema every representation of this type must satisfy. */
    ObjectNode toJsonSchema() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        properties.set("aps", apsMeta());
        ArrayNode required = JSON.createArrayNode();
        aps.path("properties").fields().forEachRemaining(entry -> {
            properties.set(entry.getKey(), translate(entry.getValue(), entry.getKey()));
            if (entry.getValue().path("required").asBoolean()) {
                required.add(entry.getKey());
            }
        });
        // A relation's required says the controller always keeps the link, not that we return it.
        relations().values().forEach(relation -> properties.set(relation.name(),
                relation.collection() ? JSON.createObjectNode().put("type", "array").set("items", link()) : link()));
        required.add("aps");
        schema.set("required", required);
        return schema;
    }

    private JsonNode translate(JsonNode property, String where) {
        onlyKnown(property, PROPERTY_KEYWORDS, where);
        if (property.path("encrypted").asBoolean()) {
            // Write-only: a secret the controller sends is never part of an answer.
            return BooleanNode.FALSE;
        }
        String type = property.path("type").asText();
        if (type.equals(COUNTER)) {
            return JSON.createObjectNode().put("type", "number").put("minimum", 0);
        }
        if (structures.has(type)) {
            return translate(structures.get(type), where);
        }
        ObjectNode translated = JSON.createObjectNode();
        COPIED_CONSTRAINTS.forEach(keyword -> {
            if (property.has(keyword)) {
                translated.set(keyword, property.get(keyword));
            }
        });
        if (SCALARS.contains(type)) {
            return translated.put("type", type);
        }
        if (type.equals("array")) {
            translated.put("type", "array");
            return translated.set("items", translate(property.path("items"), where + "[]"));
        }
        if (type.equals("object") && property.path("properties").isObject()) {
            translated.put("type", "object");
            translated.put("additionalProperties", false);
            ObjectNode properties = translated.putObject("properties");
            ArrayNode required = translated.putArray("required");
            property.get("properties").fields().forEachRemaining(entry -> {
                properties.set(entry.getKey(), translate(entry.getValue(), where + "." + entry.getKey()));
                if (entry.getValue().path("required").asBoolean()) {
                    required.add(entry.getKey());
                }
            });
            return translated;
        }
        throw new IllegalArgumentException(id() + " " + where + ": the type '" + type + "' is not translated");
    }

    private void onlyKnown(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(keyword -> {
            if (!known.contains(keyword)) {
                throw new IllegalArgumentException(aps.path("id").asText() + " " + where + ": the keyword '" + keyword
                        + "' is not known to the translation");
            }
        });
    }

    private void collectDeclaredPaths(JsonNode properties, String prefix, Set<String> paths) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode property = entry.getValue();
            if (property.path("encrypted").asBoolean()) {
                return;
            }
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            paths.add(path);
            JsonNode nested = structures.has(property.path("type").asText())
                    ? structures.get(property.path("type").asText()).path("properties")
                    : property.path("properties");
            collectDeclaredPaths(nested, path, paths);
        });
    }

    private static void collectPaths(JsonNode value, String path, Set<String> paths) {
        paths.add(path);
        if (value.isObject()) {
            value.fields().forEachRemaining(entry -> collectPaths(entry.getValue(), path + "." + entry.getKey(), paths));
        } else if (value.isArray()) {
            value.forEach(item -> {
                if (item.isObject()) {
                    item.fields().forEachRemaining(entry -> collectPaths(entry.getValue(), path + "." + entry.getKey(), paths));
                }
            });
        }
    }

    /** The controller's meta object: this type, no certificates, nothing unknown. */
    private ObjectNode apsMeta() {
        ObjectNode meta = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = meta.putObject("properties");
        properties.putObject("id").put("type", "string").put("format", "uuid");
        properties.putObject("type").put("const", id());
        APS_STATUSES.forEach(properties.putObject("status").putArray("enum")::add);
        properties.putObject("subscription").put("type", "string").put("format", "uuid");
        properties.putObject("revision").put("type", "integer");
        properties.putObject("modified").put("type", "string").put("format", "date-time");
        meta.putArray("required").add("id").add("type");
        return meta;
    }

    private static ObjectNode link() {
        ObjectNode target = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode targetProperties = target.putObject("properties");
        targetProperties.putObject("id").put("type", "string").put("format", "uuid");
        targetProperties.putObject("link").putArray("enum").add("strong").add("weak");
        target.putArray("required").add("id");
        ObjectNode link = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        link.putObject("properties").set("aps", target);
        link.putArray("required").add("aps");
        return link;
    }
}
