package io.oven.workflows.definition;

import com.dashjoin.jsonata.Jsonata;

import java.util.Optional;
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
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("malformed JSONata expression: " + e.getMessage());
        }
    }
}
