package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.eventbus.EventNames;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** {@code core.emit}: publishes an event, correlated with the execution. */
@Component
class EmitNode implements NodeExecutor {

    private final EventBus bus;

    EmitNode(EventBus bus) {
        this.bus = bus;
    }

    static final NodeType TYPE = NodeType.core("core.emit", "Emit event", "event-emit",
            "Publishes an event on the event bus.",
            List.of(required("event", "string", "Event name", "sessions.session.ended"),
                    optional("payload", "object", "Event payload", Map.of("sessionId", "$.sessionId"))),
            List.of(optional("emitted", "string", "The event's name, as Oven answers it", "sessions.session.ended")));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        String name = call.text("event");
        if (!EventNames.isName(name)) {
            throw new NodeFailure("core.emit needs an event name of dotted words (like sessions.session.ended), got '"
                    + name + "'");
        }
        JsonNode payload = call.input("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw new NodeFailure("core.emit's payload must be an object");
        }
        // Secret config values the run looked up travel masked: an event is read by every subscriber and
        // kept in the event log.
        JsonNode masked = payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode()
                : call.mask().apply(payload);
        bus.publish(name, "workflows", masked, "execution-" + call.executionId());
        // Oven's answer: the merge spreads it as context.emitted.
        return JsonNodeFactory.instance.objectNode().put("emitted", name);
    }
}
