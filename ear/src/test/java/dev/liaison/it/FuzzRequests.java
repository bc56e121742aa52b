package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Requests for one operation of an OpenAPI document, made up from what the document says of it: one shaped the way
 * the document describes, then variations that break the shape (missing, extra and mistyped fields, numbers beyond
 * any Java type, long strings, deep nesting, no body, another content type, odd path ids, unknown and unparseable
 * query parameters) and one without credentials. The same seed gives the same requests.
 */
final class FuzzRequests {

    /** Beyond long and double: 2^64, and an exponent no double holds. */
    static final String HUGE_INTEGER = "18446744073709551616";
    static final String HUGE_EXPONENT = "1e3000000";
    static final int LONG_STRING = 300;
    static final int NESTING_DEPTH = 300;
    static final int MAX_PER_OPERATION = 15;

    /** One operation: its method and templated path, and the parts of its description the requests are made of. */
    record Operation(String method, String path, JsonObject description) {

        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        Set<String> statuses() {
            JsonObject responses = description.getJsonObject("responses");
            return responses == null ? Set.of() : new TreeSet<>(responses.keySet());
        }
    }

    /** {@code path} is relative to the server root and already encoded; {@code signedIn} false sends no credentials. */
    record Request(String label, String method, String path, String contentType, String body, boolean signedIn) {
    }

    private final JsonObject document;
    private final Function<String, String> knownIds;
    private final Function<String, String> knownFields;
    private final long seed;

    /**
     * @param knownIds the id of an existing thing for a path parameter, given the path up to and including it
     *                 (e.g. {@code /api/profiles/{id}}); null when none is known
     * @param knownFields the id of an existing thing for a body field of this name (e.g. {@code profileId}), or null
     */
    FuzzRequests(JsonObject document, Function<String, String> knownIds, Function<String, String> knownFields,
                 long seed) {
        this.document = document;
        this.knownIds = knownIds;
        this.knownFields = knownFields;
        this.seed = seed;
    }

    static List<Operation> operations(JsonObject document) {
        List<Operation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, operation.asJsonObject()));
            }
        }));
        return operations;
    }

    List<Request> of(Operation operation) {
        Random random = new Random(seed ^ operation.key().hashCode());
        List<JsonObject> parameters = parameters(operation);
        Map<String, String> validIds = new LinkedHashMap<>();
        parameters.stream().filter(parameter -> "path".equals(parameter.getString("in"))).forEach(parameter -> {
            String name = parameter.getString("name");
            String upTo = operation.path().substring(0, operation.path().indexOf("{" + name + "}") + name.length() + 2);
            String known = knownIds.apply(upTo);
            validIds.put(name, known == null ? sample(parameter.getJsonObject("schema"), random) : known);
        });
        String validPath = path(operation.path(), validIds);
        String validQuery = query(parameters, parameter -> sample(parameter.getJsonObject("schema"), random));
        Body body = body(operation);
        String validBody = body == null ? null : body.valid(random);
        String contentType = body == null ? null : body.mediaType();
        String method = operation.method();

        List<Request> requests = new ArrayList<>();
        requests.add(new Request("valid-shaped", method, validPath + validQuery, contentType, validBody, true));
        requests.add(new Request("without credentials", method, validPath + validQuery, contentType, validBody,
                false));
        if (body != null) {
            requests.add(new Request("empty body", method, validPath, contentType, "", true));
            requests.add(new Request("other content type", method, validPath, body.otherMediaType(),
                    body.json() ? "not: [json" : "{\"not\": \"yaml or a form\"}", true));
            if (body.json()) {
                requests.add(new Request("missing fields", method, validPath, contentType, "{}", true));
                requests.add(new Request("extra field", method, validPath, contentType,
                        withExtraField(validBody), true));
                requests.add(new Request("wrong types", method, validPath, contentType,
                        body.with(Leaves.WRONG_TYPES, random), true));
                requests.add(new Request("huge integers", method, validPath, contentType,
                        body.with(Leaves.HUGE_INTEGERS, random), true));
                requests.add(new Request("huge exponent", method, validPath, contentType,
                        body.with(Leaves.HUGE_EXPONENTS, random), true));
                requests.add(new Request("long strings", method, validPath, contentType,
                        body.with(Leaves.LONG_STRINGS, random), true));
                requests.add(new Request("deep nesting", method, validPath, contentType,
                        deeplyNested(validBody), true));
            } else {
                requests.add(new Request("long text", method, validPath, contentType, "x".repeat(LONG_STRING), true));
                requests.add(new Request("deeply nested text", method, validPath, contentType,
                        "[".repeat(NESTING_DEPTH) + "]".repeat(NESTING_DEPTH), true));
            }
        }
        if (!validIds.isEmpty()) {
            String firstId = validIds.keySet().iterator().next();
            requests.add(new Request("long path id", method, path(operation.path(),
                    replaced(validIds, firstId, "i".repeat(LONG_STRING))), contentType, validBody, true));
            requests.add(new Request("NUL path id", method, rawPath(operation.path(), validIds, firstId, "%00"),
                    contentType, validBody, true));
            requests.add(new Request("non-ASCII path id", method, path(operation.path(),
                    replaced(validIds, firstId, "☃-" + random.nextInt(1000))), contentType, validBody, true));
        }
        String separator = validQuery.isEmpty() ? "?" : validQuery + "&";
        requests.add(new Request("unknown query parameter", method, validPath + separator + "fuzz-unknown=1",
                contentType, validBody, true));
        if (parameters.stream().anyMatch(parameter -> "query".equals(parameter.getString("in")))) {
            requests.add(new Request("query values of the wrong type", method, validPath
                    + query(parameters, parameter -> mistypedValue(parameter.getJsonObject("schema"))),
                    contentType, validBody, true));
            requests.add(new Request("huge query numbers", method, validPath
                    + query(parameters, parameter -> HUGE_INTEGER), contentType, validBody, true));
        }
        return requests.size() > MAX_PER_OPERATION ? requests.subList(0, MAX_PER_OPERATION) : requests;
    }

    private List<JsonObject> parameters(Operation operation) {
        JsonArray declared = operation.description().getJsonArray("parameters");
        return declared == null ? List.of() : declared.stream().map(value -> resolve(value.asJsonObject())).toList();
    }

    private Body body(Operation operation) {
        JsonObject requestBody = operation.description().getJsonObject("requestBody");
        if (requestBody == null || requestBody.getJsonObject("content") == null
                || requestBody.getJsonObject("content").isEmpty()) {
            return null;
        }
        Map.Entry<String, JsonValue> first = requestBody.getJsonObject("content").entrySet().iterator().next();
        JsonObject schema = first.getValue().asJsonObject().getJsonObject("schema");
        return new Body(first.getKey(), schema == null ? JsonValue.EMPTY_JSON_OBJECT : resolve(schema));
    }

    /** What the leaves (strings, numbers, booleans) of a body are made of. */
    enum Leaves {
        VALID, LONG_STRINGS, HUGE_INTEGERS, HUGE_EXPONENTS, WRONG_TYPES
    }

    /** The request body as the document describes it, and the ways to break it. */
    private final class Body {
        private final String mediaType;
        private final JsonObject schema;

        Body(String mediaType, JsonObject schema) {
            this.mediaType = mediaType;
            this.schema = schema;
        }

        String mediaType() {
            return mediaType.equals("*/*") ? "application/json" : mediaType;
        }

        boolean json() {
            return mediaType().contains("json");
        }

        String otherMediaType() {
            return json() ? "text/plain" : "application/json";
        }

        String valid(Random random) {
            if (!json()) {
                return mediaType().contains("form") ? "field=value" : "name: fuzz\n";
            }
            return with(Leaves.VALID, random);
        }

        /**
         * The documented shape with every leaf made of {@code leaves}; numbers go where the schema has numbers, or
         * in place of its strings when it has none. A body the document does not describe (read by hand) gets a
         * small object of its own.
         */
        String with(Leaves leaves, Random random) {
            if (!"object".equals(type(schema)) || properties(schema).isEmpty()) {
                JsonValue leaf = leaf(null, JsonValue.EMPTY_JSON_OBJECT, leaves, random, true);
                return leaves == Leaves.VALID ? "{}" : Json.createObjectBuilder().add("value", leaf)
                        .add("nested", Json.createObjectBuilder().add("value", leaf)).build().toString();
            }
            boolean numbersForStrings = !containsNumber(example(null, schema, new Random(0), 0, Leaves.VALID, false));
            return example(null, schema, random, 0, leaves, numbersForStrings).toString();
        }
    }

    /**
     * A value of the schema's shape: every property present, enums and examples honoured, arrays of one item, and
     * fields named like something the fixture made ({@code profileId}) holding its id. Only free leaves are broken:
     * enumerated, formatted, exemplified and known strings stay valid, so that a broken request gets past the checks
     * before the one it tests.
     */
    private JsonValue example(String name, JsonObject schema, Random random, int depth, Leaves leaves,
                              boolean numbersForStrings) {
        String type = type(schema);
        if (type.equals("object") && depth < 4 && !properties(schema).isEmpty()) {
            var object = Json.createObjectBuilder();
            properties(schema).forEach((property, propertySchema) -> object.add(property,
                    example(property, propertySchema, random, depth + 1, leaves, numbersForStrings)));
            return object.build();
        }
        if (type.equals("array") && depth < 4 && schema.containsKey("items") && !schema.containsKey("example")) {
            return Json.createArrayBuilder().add(example(null, resolve(schema.getJsonObject("items")), random,
                    depth + 1, leaves, numbersForStrings)).build();
        }
        return leaf(name, schema, leaves, random, numbersForStrings);
    }

    private JsonValue leaf(String name, JsonObject schema, Leaves leaves, Random random, boolean numbersForStrings) {
        String known = name == null ? null : knownFields.apply(name);
        if (leaves == Leaves.WRONG_TYPES) {
            return mistypedJson(schema);
        }
        if (known != null) {
            return Json.createValue(known);
        }
        JsonValue valid = validLeaf(schema, random);
        boolean text = type(schema).equals("string");
        boolean constrained = schema.containsKey("enum") || text && schema.containsKey("format");
        boolean exemplified = schema.containsKey("example") || schema.containsKey("examples");
        if (constrained || exemplified && text) {
            return valid;
        }
        return broken(valid, leaves, numbersForStrings);
    }

    private static JsonValue broken(JsonValue value, Leaves leaves, boolean numbersForStrings) {
        switch (value.getValueType()) {
            case OBJECT:
                var object = Json.createObjectBuilder();
                value.asJsonObject().forEach((name, member) -> object.add(name, broken(member, leaves, false)));
                return object.build();
            case ARRAY:
                var array = Json.createArrayBuilder();
                value.asJsonArray().forEach(item -> array.add(broken(item, leaves, false)));
                return array.build();
            case NUMBER:
                return leaves == Leaves.HUGE_INTEGERS ? Json.createValue(new BigInteger(HUGE_INTEGER))
                        : leaves == Leaves.HUGE_EXPONENTS ? Json.createValue(new BigDecimal(HUGE_EXPONENT)) : value;
            case STRING:
                if (leaves == Leaves.LONG_STRINGS) {
                    return Json.createValue("s".repeat(LONG_STRING));
                }
                boolean huge = leaves == Leaves.HUGE_INTEGERS || leaves == Leaves.HUGE_EXPONENTS;
                return huge && numbersForStrings ? broken(Json.createValue(0), leaves, false) : value;
            default:
                return value;
        }
    }

    private static boolean containsNumber(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> true;
            case OBJECT -> value.asJsonObject().values().stream().anyMatch(FuzzRequests::containsNumber);
            case ARRAY -> value.asJsonArray().stream().anyMatch(FuzzRequests::containsNumber);
            default -> false;
        };
    }

    private JsonValue validLeaf(JsonObject schema, Random random) {
        JsonValue example = schema.containsKey("examples") && !schema.getJsonArray("examples").isEmpty()
                ? schema.getJsonArray("examples").get(0) : schema.get("example");
        if (example != null && example.getValueType() == JsonValue.ValueType.STRING
                && Set.of("array", "object").contains(type(schema))) {
            return Json.createReader(new StringReader(((JsonString) example).getString())).readValue();
        }
        if (example != null) {
            return example;
        }
        return switch (type(schema)) {
            case "integer" -> Json.createValue(1 + random.nextInt(5));
            case "number" -> Json.createValue(1.5);
            case "boolean" -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case "object" -> JsonValue.EMPTY_JSON_OBJECT;
            case "array" -> JsonValue.EMPTY_JSON_ARRAY;
            default -> Json.createValue(sample(schema, random));
        };
    }

    private Map<String, JsonObject> properties(JsonObject schema) {
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return Map.of();
        }
        Map<String, JsonObject> resolved = new LinkedHashMap<>();
        properties.forEach((name, property) -> resolved.put(name, resolve(property.asJsonObject())));
        return resolved;
    }

    /** A plain-text value of the schema's shape, for path and query parameters and string fields. */
    private static String sample(JsonObject schema, Random random) {
        if (schema == null) {
            return "fuzz-" + random.nextInt(1000);
        }
        JsonArray choices = schema.getJsonArray("enum");
        if (choices != null && !choices.isEmpty()) {
            JsonValue choice = choices.get(random.nextInt(choices.size()));
            return choice.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) choice).getString()
                    : choice.toString();
        }
        String format = schema.getString("format", "");
        return switch (type(schema)) {
            case "integer", "number" -> schema.containsKey("default")
                    ? schema.get("default").toString().replace("\"", "") : Integer.toString(1 + random.nextInt(5));
            case "boolean" -> Boolean.toString(random.nextBoolean());
            default -> switch (format) {
                case "date-time" -> "2026-11-01T10:00:00Z";
                case "date" -> "2026-11-01";
                case "email" -> "fuzz@example.com";
                default -> "fuzz-" + random.nextInt(1000);
            };
        };
    }

    private static String mistypedValue(JsonObject schema) {
        return switch (schema == null ? "string" : type(schema)) {
            case "integer", "number", "boolean" -> "not-a-number";
            default -> "s".repeat(LONG_STRING);
        };
    }

    private static JsonValue mistypedJson(JsonObject schema) {
        return switch (type(schema)) {
            case "string" -> Json.createValue(42);
            case "object" -> Json.createArrayBuilder().add(1).build();
            case "array" -> Json.createValue("not an array");
            default -> Json.createValue("not a " + type(schema));
        };
    }

    /** OpenAPI 3.1 allows a list of types (e.g. [string, null]); the first that is not null stands for them. */
    static String type(JsonObject schema) {
        JsonValue type = schema.get("type");
        if (type == null) {
            return schema.containsKey("properties") ? "object" : "string";
        }
        if (type.getValueType() == JsonValue.ValueType.ARRAY) {
            return type.asJsonArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).filter(name -> !name.equals("null"))
                    .findFirst().orElse("string");
        }
        return schema.getString("type");
    }

    private JsonObject resolve(JsonObject schema) {
        JsonObject current = schema;
        for (int hops = 0; hops < 10 && current.containsKey("$ref"); hops++) {
            String[] pointer = current.getString("$ref").replaceFirst("^#/", "").split("/");
            JsonValue target = document;
            for (String part : pointer) {
                target = target.asJsonObject().get(part);
            }
            current = target.asJsonObject();
        }
        return current;
    }

    private static String withExtraField(String validBody) {
        String trimmed = validBody.trim();
        return trimmed.equals("{}") ? "{\"unexpected\":{\"a\":1}}"
                : trimmed.substring(0, trimmed.length() - 1) + ",\"unexpected\":{\"a\":1}}";
    }

    /** The valid body with deep nesting where it has objects, so that it reaches the code reading them. */
    private static String deeplyNested(String validBody) {
        String deep = "{\"nested\":" + "[".repeat(NESTING_DEPTH) + "]".repeat(NESTING_DEPTH) + "}";
        JsonObject valid = Json.createReader(new StringReader(validBody)).readObject();
        var nested = Json.createObjectBuilder();
        valid.forEach((name, value) -> nested.add(name, value.getValueType() == JsonValue.ValueType.OBJECT
                ? Json.createReader(new StringReader(deep)).readValue() : value));
        String body = nested.build().toString();
        return body.contains("[[[") ? body : deep;
    }

    private static String query(List<JsonObject> parameters, Function<JsonObject, String> value) {
        String query = parameters.stream().filter(parameter -> "query".equals(parameter.getString("in")))
                .map(parameter -> encode(parameter.getString("name")) + "=" + encode(value.apply(parameter)))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    private static String path(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        return relative(path);
    }

    /** As {@link #path}, with {@code raw} put in unencoded: to send escapes such as %00 as they are. */
    private static String rawPath(String template, Map<String, String> values, String name, String raw) {
        return path(template.replace("{" + name + "}", raw), values);
    }

    private static Map<String, String> replaced(Map<String, String> values, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return copy;
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
