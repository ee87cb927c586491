package io.oven.workflows.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ApiEndpoint;
import io.oven.workflows.registry.HttpBase;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI 3 document (JSON) into api-call node types, one per operation, and reports
 * every problem with its JSON pointer. Schemas may use local {@code $ref}s to
 * {@code #/components/...}.
 */
final class OpenApiReader {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    record Result(List<ApiEndpoint> endpoints, List<Violation> problems) {
    }

    private OpenApiReader() {
    }

    static Result read(String name, String baseUrl, JsonNode document) {
        List<Violation> problems = new ArrayList<>();
        List<ApiEndpoint> endpoints = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Violation("name", "is required: lowercase letters, digits and dashes (it prefixes the node ids)"));
        }
        String baseProblem = HttpBase.parse(baseUrl).problem();
        if (baseProblem != null) {
            problems.add(new Violation("baseUrl", baseProblem));
        }
        if (document == null || !document.isObject()) {
            problems.add(new Violation("document", "must be an OpenAPI 3 document (JSON object)"));
            return new Result(endpoints, problems);
        }
        if (!document.path("openapi").asText("").startsWith("3.")) {
            problems.add(new Violation("/openapi", "must be an OpenAPI 3 version such as \"3.0.3\""));
        }
        JsonNode paths = document.get("paths");
        if (paths == null || !paths.isObject() || paths.isEmpty()) {
            problems.add(new Violation("/paths", "must be an object with at least one path"));
            return new Result(endpoints, problems);
        }
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String pathAt = Pointer.child("/paths", path.getKey());
            if (!path.getKey().startsWith("/")) {
                problems.add(new Violation(pathAt, "a path must start with /"));
                continue;
            }
            if (!HttpBase.plainRoute(path.getKey().replaceAll("\\{([A-Za-z_][A-Za-z0-9_]*)}", ":$1"))) {
                problems.add(new Violation(pathAt, "a path may hold only letters, digits, '.', '_', '~', '-', '/' "
                        + "and {parameter} names of letters, digits and _"));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toLowerCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    continue;
                }
                String opAt = Pointer.child(pathAt, op.getKey());
                ApiEndpoint endpoint = operation(name, baseUrl, path.getKey(), method, op.getValue(), path.getValue(),
                        document, opAt, problems);
                if (endpoint != null && !ids.add(endpoint.type().id())) {
                    problems.add(new Violation(opAt + "/operationId", "operation id '" + endpoint.type().id()
                            + "' is used twice"));
                } else if (endpoint != null) {
                    endpoints.add(endpoint);
                }
            }
        }
        if (endpoints.isEmpty() && problems.isEmpty()) {
            problems.add(new Violation("/paths", "has no get, post, put, patch or delete operation"));
        }
        return new Result(endpoints, problems);
    }

    private static ApiEndpoint operation(String name, String baseUrl, String path, String method, JsonNode op,
                                         JsonNode pathItem, JsonNode document, String at, List<Violation> problems) {
        String operationId = op.path("operationId").asText(null);
        if (operationId == null || operationId.isBlank()) {
            operationId = method + path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        }
        List<NodePort> inputs = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode p = resolve(parameters.get(i), document);
            String pAt = at + "/parameters/" + i;
            String in = p.path("in").asText("");
            String pName = p.path("name").asText("");
            if (pName.isEmpty()) {
                problems.add(new Violation(pAt + "/name", "is required"));
                continue;
            }
            if (!in.equals("path") && !in.equals("query") && !in.equals("header") && !in.equals("cookie")) {
                problems.add(new Violation(pAt + "/in", "must be path, query, header or cookie"));
                continue;
            }
            if (in.equals("header") || in.equals("cookie")) {
                continue;
            }
            declared.add(in + ":" + pName);
            inputs.add(new NodePort(pName, type(resolve(p.path("schema"), document)), in.equals("path")
                    || p.path("required").asBoolean(false), in + " parameter" + description(p), null, List.of()));
        }
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            if (!declared.contains("path:" + m.group(1))) {
                problems.add(new Violation(at + "/parameters", "path parameter '" + m.group(1) + "' is not declared"));
            }
        }
        JsonNode body = resolve(op.path("requestBody"), document).path("content").path("application/json").path("schema");
        JsonNode bodySchema = resolve(body, document);
        Set<String> required = new HashSet<>();
        bodySchema.path("required").forEach(r -> required.add(r.asText()));
        bodySchema.path("properties").fields().forEachRemaining(e -> inputs.add(new NodePort(e.getKey(),
                type(resolve(e.getValue(), document)), required.contains(e.getKey()), "body field"
                + description(e.getValue()), null, List.of())));
        List<NodePort> outputs = new ArrayList<>();
        JsonNode responses = op.path("responses");
        JsonNode ok = responses.has("200") ? responses.get("200") : responses.path("201");
        JsonNode responseSchema = resolve(resolve(ok, document).path("content").path("application/json").path("schema"), document);
        responseSchema.path("properties").fields().forEachRemaining(e -> outputs.add(NodePort.optional(e.getKey(),
                type(resolve(e.getValue(), document)), "response field" + description(e.getValue()), null)));
        String label = op.path("summary").asText(operationId);
        NodeType type = new NodeType(name + "." + operationId, label, name, "api-call",
                op.path("description").asText(label) + " (" + method.toUpperCase(Locale.ROOT) + " " + path + ")",
                inputs, outputs, method.toUpperCase(Locale.ROOT), path.replaceAll("\\{([^}/]+)}", ":$1"), false);
        return new ApiEndpoint(type, null, baseUrl);
    }

    /** A local {@code $ref} ({@code #/components/...}) replaced by what it points to. */
    private static JsonNode resolve(JsonNode node, JsonNode document) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").asText("any");
        return Set.of("string", "number", "integer", "boolean", "object", "array").contains(type) ? type : "any";
    }

    private static String description(JsonNode node) {
        String d = node.path("description").asText("");
        return d.isEmpty() ? "" : ": " + d;
    }
}
