package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import io.oven.workflows.registry.NodeType;
import java.util.List;

import static io.oven.workflows.registry.NodePort.optional;

/**
 * {@code core.log}: writes its message (and {@code data}, as JSON) to the service log, tagged with
 * the execution. Oven's definitions log {@code data} without a message: both are optional.
 */
@Component
class LogNode implements NodeExecutor {

    private static final Logger log = LoggerFactory.getLogger("io.oven.workflows.WorkflowLog");

    static final NodeType TYPE = NodeType.core("core.log", "Log", "utility",
            "Writes a message to the service log, tagged with the execution.",
            List.of(optional("message", "string", "Text, or an expression", "spawned {% playerId %}"),
                    optional("data", "any", "A value to log as JSON, e.g. $.player", "$.player"),
                    optional("level", "string", "debug, info, warn or error", "info")),
            List.of());

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode value = call.mask().apply(call.input("message"));
        String message = value == null ? "" : value.isValueNode() ? value.asText() : value.toString();
        JsonNode data = call.mask().apply(call.input("data"));
        if (data != null && !data.isMissingNode()) {
            message = message.isEmpty() ? data.toString() : message + " " + data;
        }
        String level = call.input("level") == null ? "info" : call.input("level").asText();
        String line = "[execution " + call.executionId() + " " + call.workflowSlug() + "/" + call.stateId() + "] " + message;
        switch (level) {
            case "debug" -> log.debug(line);
            case "warn" -> log.warn(line);
            case "error" -> log.error(line);
            default -> log.info(line);
        }
        // Oven's answer: nothing to spread (a log line must not spread keys such as "level"), {} as <state>_output.
        return JsonNodeFactory.instance.objectNode();
    }
}
