package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** {@code core.resolveConfig}: the 3-tier lookup, recorded on the execution. */
@Component
class ResolveConfigNode implements NodeExecutor {

    private final ConfigResolver config;

    ResolveConfigNode(ConfigResolver config) {
        this.config = config;
    }

    static final NodeType TYPE = NodeType.core("core.resolveConfig", "Resolve config", "data",
            "Looks up a module config value: instance row, else module row, else the schema default.",
            List.of(required("moduleName", "string", "Module that owns the key", "maps"),
                    required("key", "string", "Config key", "START_CELL_POSITION"),
                    optional("scopeId", "string", "Instance id for an instance-scoped value", "$.mapId")),
            List.of(optional("key", "string", "The key", null),
                    optional("value", "any", "The resolved value", Map.of("x", 0, "y", 0)),
                    optional("source", "string", "instance, module or default", "default")));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        String module = call.text("moduleName");
        String key = call.text("key");
        JsonNode scope = call.input("scopeId");
        String scopeId = scope == null ? null : scope.asText();
        ConfigResolver.Resolved resolved = config.resolve(module, key, scopeId)
                .orElseThrow(() -> new NodeFailure("module '" + module + "' has no config key '" + key + "'"));
        call.configLookups().accept(resolved);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("key", key);
        out.set("value", resolved.value());
        out.put("source", resolved.source());
        if (scopeId != null) {
            out.put("scopeId", scopeId);
        }
        return out;
    }
}
