package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code core.log}: writes its message to the service log, tagged with the execution. */
@Component
class LogNode implements NodeExecutor {

    private static final Logger log = LoggerFactory.getLogger("io.oven.workflows.WorkflowLog");

    @Override
    public String type() {
        return "core.log";
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode value = call.mask().apply(call.input("message"));
        String message = value == null ? "" : value.isValueNode() ? value.asText() : value.toString();
        String level = call.input("level") == null ? "info" : call.input("level").asText();
        String line = "[execution " + call.executionId() + " " + call.workflowSlug() + "/" + call.stateId() + "] " + message;
        switch (level) {
            case "debug" -> log.debug(line);
            case "warn" -> log.warn(line);
            case "error" -> log.error(line);
            default -> log.info(line);
        }
        // No output: a log line must not spread keys such as "level" over the context.
        return null;
    }
}
