package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import org.springframework.stereotype.Component;

/** {@code core.emit}: publishes an event, correlated with the execution. */
@Component
class EmitNode implements NodeExecutor {

    private final EventBus bus;

    EmitNode(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public String type() {
        return "core.emit";
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
