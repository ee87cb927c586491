package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.eventbus.BusComponent;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route {@code engine.event-waits}: a durable subscriber of every event (it catches up after a
 * restart) that resumes each run waiting for it, the event's payload as the waiting state's output.
 */
@Component
class EventWaitRoutes extends RouteBuilder {

    private final EventWaits waits;
    private final ParkedRuns parked;
    private final ObjectMapper mapper;

    EventWaitRoutes(EventWaits waits, ParkedRuns parked, ObjectMapper mapper) {
        this.waits = waits;
        this.parked = parked;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        from("bus:*?subscriber=engine.event-waits").routeId("engine.event-waits").process(exchange -> {
            String name = exchange.getIn().getHeader(BusComponent.EVENT_NAME, String.class);
            JsonNode payload = mapper.readTree(exchange.getIn().getBody(String.class));
            for (EventWaits.Wait wait : waits.matching(name, payload)) {
                parked.deliver(new EventWaits.Match(wait.executionId(), wait.state(), name, payload));
            }
        });
    }
}
