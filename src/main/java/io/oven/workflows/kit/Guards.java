package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.oven.workflows.definition.Expressions;
import io.oven.workflows.definition.Guard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Evaluates guards (DESIGN §3) on a context: condition operators and JSONata. {@code matches}
 * uses RE2/J, whose matching time is linear in the input: no pattern, written in a definition
 * or taken from a run's context, can backtrack for minutes.
 */
public final class Guards {

    /** Compiled patterns kept; patterns can come from run contexts, so the cache is bounded (LRU). */
    static final int PATTERN_CACHE = 256;

    private final ContextExpressions expressions;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > PATTERN_CACHE;
        }
    };

    public Guards(ContextExpressions expressions) {
        this.expressions = expressions;
    }

    public boolean holds(Guard guard, ObjectNode context) {
        if (guard == null) {
            return true;
        }
        JsonNode params = guard.params();
        if (Guard.JSONATA.equals(guard.effectiveType())) {
            String expr = params.get("expr").asText();
            return ContextExpressions.truthy(expressions.jsonata(Expressions.jsonataBody(expr).orElse(expr), context));
        }
        JsonNode actual = ContextExpressions.path(context, contextKey(params.get("key").asText()));
        JsonNode expected = params.has("value")
                ? expressions.resolve(params.get("value"), context, lookup -> { })
                : null;
        return condition(actual, params.get("operator").asText(), expected);
    }

    public boolean condition(JsonNode actual, String operator, JsonNode expected) {
        return switch (operator) {
            case "exists" -> present(actual);
            case "not_exists" -> !present(actual);
            case "==" -> looseEquals(actual, expected);
            case "!=" -> !looseEquals(actual, expected);
            case ">" -> compare(actual, expected, c -> c > 0);
            case "<" -> compare(actual, expected, c -> c < 0);
            case ">=" -> compare(actual, expected, c -> c >= 0);
            case "<=" -> compare(actual, expected, c -> c <= 0);
            case "contains" -> contains(actual, expected);
            case "in" -> expected != null && expected.isArray() && inArray(actual, expected);
            case "matches" -> present(actual) && expected != null && pattern(expected.asText()).matcher(text(actual)).find();
            default -> throw new NodeFailure("unknown operator '" + operator + "'");
        };
    }

    /**
     * A guard key is a dotted path into the context; written the way inputs are ({@code $.player.level})
     * it names the same path as {@code player.level}.
     */
    public static String contextKey(String key) {
        if (key.equals("$")) {
            return "";
        }
        return key.startsWith("$.") ? key.substring(2) : key;
    }

    private Pattern pattern(String regex) {
        synchronized (patterns) {
            Pattern cached = patterns.get(regex);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new NodeFailure("'matches' pattern is not a valid regular expression (RE2 syntax): " + e.getMessage());
        }
        synchronized (patterns) {
            patterns.put(regex, compiled);
        }
        return compiled;
    }

    int cachedPatterns() {
        synchronized (patterns) {
            return patterns.size();
        }
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    /** Loose equality: numbers compare by value, also when one side is a numeric string. */
    static boolean looseEquals(JsonNode a, JsonNode b) {
        if (!present(a) || !present(b)) {
            return !present(a) && !present(b);
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a.isValueNode() && b.isValueNode()) {
            return text(a).equals(text(b));
        }
        return a.equals(b);
    }

    /** Numeric comparison; when a side is not a number it is false, as with NaN in JavaScript. */
    private static boolean compare(JsonNode a, JsonNode b, IntPredicate test) {
        Double x = present(a) ? number(a) : null;
        Double y = present(b) ? number(b) : null;
        return x != null && y != null && test.test(Double.compare(x, y));
    }

    private static boolean contains(JsonNode actual, JsonNode expected) {
        if (!present(actual) || expected == null) {
            return false;
        }
        if (actual.isArray()) {
            return inArray(expected, actual);
        }
        return text(actual).contains(text(expected));
    }

    private static boolean inArray(JsonNode value, JsonNode array) {
        for (JsonNode element : array) {
            if (looseEquals(value, element)) {
                return true;
            }
        }
        return false;
    }

    private static Double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
