package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.eventbus.BusComponent;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowDeleted;
import io.oven.workflows.workflow.WorkflowSaved;
import io.oven.workflows.workflow.WorkflowService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys each enabled workflow with a {@code triggerEvent} as route {@code trigger.<slug>}: a
 * {@code bus:} consumer that starts an execution with the event's payload as params when the
 * {@code triggerCondition} holds. Saving, disabling or deleting the workflow replaces the route.
 */
@Component
class TriggerRoutes {

    private static final Logger log = LoggerFactory.getLogger(TriggerRoutes.class);

    private final CamelContext camel;
    private final WorkflowService workflows;
    private final ExecutionService executions;
    private final EventBus bus;
    private final ObjectMapper mapper;
    /** A deployed trigger: its route and the event it listens to. */
    private record Deployed(String routeId, String event) {
    }

    /** Workflow id → its deployed trigger. */
    private final Map<Long, Deployed> deployed = new ConcurrentHashMap<>();

    TriggerRoutes(CamelContext camel, WorkflowService workflows, ExecutionService executions, EventBus bus,
                  ObjectMapper mapper) {
        this.camel = camel;
        this.workflows = workflows;
        this.executions = executions;
        this.bus = bus;
        this.mapper = mapper;
    }

    static String subscriber(long workflowId) {
        return "trigger." + workflowId;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void deployAll() {
        for (Workflow workflow : workflows.enabled()) {
            if (workflow.triggerEvent() != null) {
                try {
                    deploy(workflow);
                } catch (Exception e) {
                    log.error("trigger of workflow {} could not be deployed: {}", workflow.slug(), e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Replaces the trigger route (after the workflow's own routes are deployed). The instance the
     * change was made on also resets the subscription (shared by the cluster) when the trigger
     * went away or listens to another event; the others only replace their route.
     */
    @EventListener
    @Order(100)
    public synchronized void onSaved(WorkflowSaved saved) throws Exception {
        Workflow workflow = saved.workflow();
        Deployed before = remove(workflow.id());
        boolean triggered = workflow.enabled() && workflow.triggerEvent() != null;
        if (!saved.elsewhere() && (!triggered || (before != null && !before.event().equals(workflow.triggerEvent())))) {
            bus.forget(subscriber(workflow.id()));
        }
        if (triggered) {
            deploy(workflow);
        }
    }

    @EventListener
    @Order(100)
    public synchronized void onDeleted(WorkflowDeleted deleted) throws Exception {
        remove(deleted.workflowId());
        if (!deleted.elsewhere()) {
            bus.forget(subscriber(deleted.workflowId()));
        }
    }

    private void deploy(Workflow workflow) throws Exception {
        String routeId = "trigger." + workflow.slug();
        long id = workflow.id();
        JsonNode condition = workflow.triggerCondition();
        BusRouteTemplates.add(camel, BusRouteTemplates.TRIGGER, routeId, workflow.triggerEvent(), subscriber(id),
                exchange -> start(id, condition, exchange));
        deployed.put(id, new Deployed(routeId, workflow.triggerEvent()));
    }

    private Deployed remove(long workflowId) throws Exception {
        Deployed route = deployed.remove(workflowId);
        if (route != null && camel.getRoute(route.routeId()) != null) {
            camel.getRouteController().stopRoute(route.routeId());
            camel.removeRoute(route.routeId());
        }
        return route;
    }

    private void start(long workflowId, JsonNode condition, Exchange exchange) {
        Event event = exchange.getProperty(BusComponent.EVENT_PROPERTY, Event.class);
        if (!Matching.holds(condition, event.payload())) {
            return;
        }
        executions.executeOnce(workflowId, mapper.createObjectNode().set("params", event.payload()), event.name(),
                event.id());
    }
}
