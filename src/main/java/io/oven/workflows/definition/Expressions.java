package io.oven.workflows.definition;

import com.dashjoin.jsonata.Jsonata;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the two expression forms a definition may hold in a string: {@code $.path}
 * (with {@code $config.<module>.<KEY>}) and {@code {% jsonata %}}. Anything else is a literal.
 */
public final class Expressions {

    private static final Pattern JSONATA = Pattern.compile("^\\s*\\{%(.*)%}\\s*$", Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile("^\\$(\\.[^.\\s]+)*$");
    private static final Pattern CONFIG = Pattern.compile("^\\$config\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_.-]+)$");

    private static final Pattern CALLED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ASSIGNED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\s*:=");
    private static final Set<String> BUILT_IN = Set.of(
            "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
            "lowercase", "uppercase", "length", "trim", "pad", "contains", "split", "join", "match", "replace",
            "now", "millis", "fromMillis", "toMillis", "formatNumber", "formatBase", "formatInteger", "parseInteger",
            "number", "abs", "floor", "ceil", "round", "power", "sqrt", "random", "boolean", "not", "exists",
            "append", "sort", "reverse", "shuffle", "distinct", "zip", "keys", "lookup", "spread", "merge", "each",
            "error", "assert", "type", "sift", "map", "filter", "single", "reduce", "encodeUrlComponent",
            "encodeUrl", "decodeUrlComponent", "decodeUrl", "base64encode", "base64decode", "clone");

    private Expressions() {
    }

    public static boolean isExpression(String value) {
        return isPath(value) || jsonataBody(value).isPresent();
    }

    public static boolean isPath(String value) {
        return value.equals("$") || value.startsWith("$.") || value.startsWith("$config.");
    }

    /** The JSONata source inside {@code {% … %}}, if the string is one. */
    public static Optional<String> jsonataBody(String value) {
        Matcher m = JSONATA.matcher(value);
        return m.matches() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    /** What is wrong with an expression string, or empty when it is well-formed (or a literal). */
    public static Optional<String> problem(String value) {
        Optional<String> jsonata = jsonataBody(value);
        if (jsonata.isPresent()) {
            return jsonataProblem(jsonata.get());
        }
        if (value.startsWith("$config.")) {
            return CONFIG.matcher(value).matches() ? Optional.empty()
                    : Optional.of("a config reference is written $config.<module>.<KEY>");
        }
        if (isPath(value) && !PATH.matcher(value).matches()) {
            return Optional.of("malformed path '" + value + "': write $.a.b (no empty segments or spaces)");
        }
        return Optional.empty();
    }

    public static Optional<String> jsonataProblem(String source) {
        if (source.isBlank()) {
            return Optional.of("empty JSONata expression");
        }
        try {
            Jsonata.jsonata(source);
        } catch (RuntimeException e) {
            return Optional.of("malformed JSONata expression: " + e.getMessage());
        }
        return unknownFunction(source).map(name -> "unknown function $" + name
                + ": expressions may call JSONata's built-in functions and functions they define, nothing else");
    }

    /**
     * Definitions come from dashboard users, so an expression may only call JSONata's own
     * functions (and lambdas it binds with :=). {@code $eval} is left out: it would run text
     * this check never saw.
     */
    private static Optional<String> unknownFunction(String source) {
        Set<String> defined = new HashSet<>();
        Matcher assigned = ASSIGNED.matcher(source);
        while (assigned.find()) {
            defined.add(assigned.group(1));
        }
        Matcher called = CALLED.matcher(source.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'", "\"\""));
        while (called.find()) {
            String name = called.group(1);
            if (!BUILT_IN.contains(name) && !defined.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
