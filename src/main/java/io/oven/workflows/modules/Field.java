package io.oven.workflows.modules;

import io.oven.workflows.registry.NodePort;

import java.util.List;
import java.util.Set;

/**
 * One field of a module entity: its JSON name and column, its type, and what a client may do
 * with it. {@code values} restricts a text field to a set (an enum).
 */
public record Field(String name, String column, Type type, boolean required, boolean writable, Set<String> values,
                    String description) {

    public enum Type {
        INTEGER("integer"), NUMBER("number"), TEXT("string"), BOOLEAN("boolean"), TIMESTAMP("string"), JSON("object");

        final String jsonType;

        Type(String jsonType) {
            this.jsonType = jsonType;
        }
    }

    public static Field of(String name, Type type, String description) {
        return new Field(name, column(name), type, false, true, Set.of(), description);
    }

    public static Field required(String name, Type type, String description) {
        return new Field(name, column(name), type, true, true, Set.of(), description);
    }

    /** Set by the service only (timestamps, counters it keeps). */
    public static Field readOnly(String name, Type type, String description) {
        return new Field(name, column(name), type, false, false, Set.of(), description);
    }

    public Field oneOf(String... allowed) {
        return new Field(name, column, type, required, writable, Set.of(allowed), description);
    }

    NodePort port(boolean forInput) {
        String text = values.isEmpty() ? description : description + " (" + String.join(", ", values.stream().sorted().toList()) + ")";
        return new NodePort(name, type.jsonType, forInput && required, text, null, List.of());
    }

    static String column(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
