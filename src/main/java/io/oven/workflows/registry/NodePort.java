package io.oven.workflows.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One input or output of a node type. {@code type} is a JSON type name (string, number,
 * integer, boolean, object, array, any); {@code aliases} are other names accepted for an
 * input, such as {@code duration} for {@code ms}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodePort(String name, String type, boolean required, String description, Object example,
                       List<String> aliases) {

    public static NodePort required(String name, String type, String description, Object example) {
        return new NodePort(name, type, true, description, example, List.of());
    }

    public static NodePort optional(String name, String type, String description, Object example) {
        return new NodePort(name, type, false, description, example, List.of());
    }

    public NodePort withAliases(String... names) {
        return new NodePort(name, type, required, description, example, List.of(names));
    }
}
