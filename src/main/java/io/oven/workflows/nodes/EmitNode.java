package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import org.springframework.stereotype.Component;
import io.oven.workflows.registry.NodeType;
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
            List.of(optional("eventId", "number", "Id of the stored event", 42)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode payload = call.input("payload");
        Event event = bus.publish(call.text("event"), "workflows",
                payload == null ? JsonNodeFactory.instance.objectNode() : payload,
                "execution-" + call.executionId());
        return JsonNodeFactory.instance.objectNode().put("eventId", event.id()).put("event", event.name());
    }
}
