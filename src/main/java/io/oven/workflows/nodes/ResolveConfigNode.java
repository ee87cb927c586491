package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.runtime.NodeFailure;
import org.springframework.stereotype.Component;

/** {@code core.resolveConfig}: the 3-tier lookup, recorded on the execution. */
@Component
class ResolveConfigNode implements NodeExecutor {

    private final ConfigResolver config;

    ResolveConfigNode(ConfigResolver config) {
        this.config = config;
    }

    @Override
    public String type() {
        return "core.resolveConfig";
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
