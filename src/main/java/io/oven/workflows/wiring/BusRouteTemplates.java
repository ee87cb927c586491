package io.oven.workflows.wiring;

import io.oven.workflows.eventbus.EventNames;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * The two route templates live bus consumers are created from (Hawtio lists them, and each route
 * names its template): {@code oven.wiring} runs a wiring's action, {@code oven.trigger} starts a
 * workflow. Parameters are only validated parts — an event name that matched
 * {@code EventNames.NAME} and our own route and subscriber ids — never a label or anything else a
 * user wrote (a wiring's label stays in its row). What a route does with an event is its local
 * {@code handler} bean, referred to as {@code {{handler}}} (Camel gives each route's bean its own id).
 */
@Component
class BusRouteTemplates extends RouteBuilder {

    static final String WIRING = "oven.wiring";
    static final String TRIGGER = "oven.trigger";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    @Override
    public void configure() {
        template(WIRING, "runs the wiring's action for each event it takes");
        template(TRIGGER, "starts the workflow for each event it takes");
    }

    private void template(String id, String what) {
        routeTemplate(id).description(what).templateParameter("event", null, "the event name it consumes")
                .templateParameter("subscriber", null, "its durable subscriber id (wiring.<id>, trigger.<workflow id>)")
                .from("bus:{{event}}?subscriber={{subscriber}}")
                .process("{{handler}}").id("{{subscriber}}.handle");
    }

    /** Adds a route made from {@code template}, with {@code handler} taking each event. */
    static void add(CamelContext camel, String template, String routeId, String event, String subscriber,
                    Processor handler) {
        // Template parameters are placeholders: only names we checked may become one.
        if (!EventNames.isName(event) || !SAFE.matcher(subscriber + routeId).matches()) {
            throw new IllegalArgumentException("refusing route parameters that are not plain names: " + routeId);
        }
        TemplatedRouteBuilder.builder(camel, template).routeId(routeId)
                .parameter("event", event).parameter("subscriber", subscriber)
                .bean("handler", Processor.class, handler)
                .add();
    }
}
