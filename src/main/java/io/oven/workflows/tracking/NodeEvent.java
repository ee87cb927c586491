package io.oven.workflows.tracking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.oven.workflows.eventbus.ServiceEvent;

/** {@code workflows.node.<started|completed|failed>}: a node of a run began or ended. */
record NodeEvent(@JsonIgnore String what, long executionId, String nodeId, String nodeType) implements ServiceEvent {

    @Override
    public String name() {
        return "workflows.node." + what;
    }

    @Override
    public String correlationId() {
        return "execution-" + executionId;
    }
}
