package io.oven.workflows.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.oven.workflows.eventbus.ServiceEvent;

/** {@code workflows.workflow.<created|updated|deleted|…>}: a stored workflow changed. */
record WorkflowChanged(@JsonIgnore String what, long workflowId, String slug, int version, boolean enabled)
        implements ServiceEvent {

    @Override
    public String name() {
        return "workflows.workflow." + what;
    }
}
