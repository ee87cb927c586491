package io.oven.workflows.kit;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.definition.Expressions;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Evaluates what definitions hold against a run's context: {@code $.path} lookups,
 * {@code $config.<module>.<KEY>} references and {@code {% jsonata %}} expressions, recursively
 * inside objects and arrays. JSONata runs with time and depth bounds and without any Java
 * function bound, so a definition can compute but cannot reach the server.
 */
public final class ContextExpressions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final ConfigResolver config;
    private final long jsonataTimeoutMs;
    private final int jsonataMaxDepth;
    private final Map<String, Jsonata> compiled = new ConcurrentHashMap<>();
    /** The largest value one JSONata evaluation may build. */
    static final int MAX_RESULT_BYTES = 1 << 20;
    /** The widest string {@code $pad} may build. */
    static final int MAX_PAD = 100_000;
    private static final Jsonata.JFunction BOUNDED_PAD = new Jsonata.JFunction((input, args) -> {
        Object width = args.size() > 1 ? args.get(1) : null;
        if (width instanceof Number n && Math.abs(n.doubleValue()) > MAX_PAD) {
            throw new NodeFailure("$pad to " + n + " characters: the bound is " + MAX_PAD);
        }
        return pad((String) args.get(0), (Number) width, args.size() > 2 ? (String) args.get(2) : null);
    }, "<s-ns?:s>");

    /** JSONata's $pad, in linear time: positive widths pad on the right, negative on the left. */
    static String pad(String text, Number width, String with) {
        if (text == null) {
            return null;
        }
        int target = width == null ? 0 : Math.abs(width.intValue());
        int length = text.codePointCount(0, text.length());
        if (length >= target) {
            return text;
        }
        String unit = with == null || with.isEmpty() ? " " : with;
        StringBuilder padding = new StringBuilder(target - length);
        while (padding.codePointCount(0, padding.length()) < target - length) {
            padding.append(unit);
        }
        String cut = padding.substring(0, padding.offsetByCodePoints(0, target - length));
        return width.intValue() > 0 ? text + cut : cut + text;
    }

    public ContextExpressions(ObjectMapper mapper, ConfigResolver config, long jsonataTimeoutMs, int jsonataMaxDepth) {
        this.mapper = mapper;
        this.config = config;
        this.jsonataTimeoutMs = jsonataTimeoutMs;
        this.jsonataMaxDepth = jsonataMaxDepth;
    }

    /** A resolved copy of {@code value}: literals stay, expressions are replaced by their values. */
    public JsonNode resolve(JsonNode value, ObjectNode context, Consumer<ConfigResolver.Resolved> lookups) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value.isTextual()) {
            return resolveText(value.asText(), context, lookups).orElse(value);
        }
        if (value.isArray()) {
            ArrayNode out = JSON.arrayNode(value.size());
            value.forEach(v -> out.add(resolve(v, context, lookups)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), resolve(e.getValue(), context, lookups));
            }
            return out;
        }
        return value;
    }

    private Optional<JsonNode> resolveText(String text, ObjectNode context, Consumer<ConfigResolver.Resolved> lookups) {
        Optional<String> jsonata = Expressions.jsonataBody(text);
        if (jsonata.isPresent()) {
            return Optional.of(jsonata(jsonata.get(), context));
        }
        if (text.startsWith("$config.")) {
            String[] parts = text.substring("$config.".length()).split("\\.", 2);
            if (parts.length != 2) {
                throw new NodeFailure("malformed config reference '" + text + "'");
            }
            ConfigResolver.Resolved resolved = config.resolve(parts[0], parts[1], null)
                    .orElseThrow(() -> new NodeFailure("unknown config key " + parts[0] + "." + parts[1]));
            lookups.accept(resolved);
            return Optional.of(resolved.value());
        }
        if (text.equals("$")) {
            return Optional.of(context);
        }
        if (text.startsWith("$.")) {
            return Optional.of(path(context, text.substring(2)));
        }
        return Optional.empty();
    }

    /**
     * A dotted path into the context: {@code a.b}, {@code 0.id}, {@code items.length} (an array's
     * size, as Oven's path resolver answers it); a missing segment gives null.
     */
    public static JsonNode path(JsonNode root, String dotted) {
        JsonNode node = root;
        if (dotted.isEmpty()) {
            return node;
        }
        for (String segment : dotted.split("\\.")) {
            if (node == null || node.isNull()) {
                return NullNode.instance;
            }
            if (node.isArray()) {
                node = segment.matches("\\d{1,9}") ? node.get(Integer.parseInt(segment))
                        : "length".equals(segment) ? IntNode.valueOf(node.size()) : null;
            } else if (node.isObject()) {
                node = node.get(segment);
            } else {
                return NullNode.instance;
            }
        }
        return node == null ? NullNode.instance : node;
    }

    /** Evaluates a JSONata expression; {@code $error('…')} and runtime errors fail the node. */
    public JsonNode jsonata(String source, JsonNode context) {
        Jsonata expression = compiled.computeIfAbsent(source, s -> {
            try {
                return Jsonata.jsonata(s);
            } catch (RuntimeException e) {
                throw new NodeFailure("malformed JSONata expression '" + s + "': " + e.getMessage(), e);
            }
        });
        try {
            Jsonata.Frame frame = expression.createFrame();
            frame.setRuntimeBounds(jsonataTimeoutMs, jsonataMaxDepth);
            // $pad builds its whole string in one call, past the time bound: its width is bounded instead.
            frame.bind("pad", BOUNDED_PAD);
            Object input = mapper.convertValue(context, Object.class);
            Object result = expression.evaluate(input, frame);
            JsonNode value = result == null ? NullNode.instance : mapper.valueToTree(result);
            if (JsonSize.exceeds(value, MAX_RESULT_BYTES)) {
                throw new NodeFailure("JSONata expression '" + source + "' built a value larger than "
                        + MAX_RESULT_BYTES / 1024 + " KiB");
            }
            return value;
        } catch (NodeFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new NodeFailure("JSONata expression '" + source + "' failed: " + e.getMessage(), e);
        }
    }

    /** JavaScript-like truthiness, as JSONata and the Oven engine use it. */
    public static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0 && !Double.isNaN(value.asDouble());
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return true;
    }
}
