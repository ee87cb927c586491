package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.eventbus.EventLog;
import io.oven.workflows.jdbc.ListQuery;
import org.springframework.stereotype.Component;

/**
 * {@code /api/events}: the event log as a react-admin list (filters {@code name}, which may end
 * in {@code *}, {@code source}, {@code correlationId}, {@code q}), one event, and
 * {@code POST} to emit a test event through the bus.
 */
@Component
class EventsApi extends ApiRoutes {

    private final EventLog events;

    EventsApi(ObjectMapper mapper, EventLog events) {
        super(mapper);
        this.events = events;
    }

    @Override
    protected void api() {
        rest("/api/events")
                .get().routeId("api.events.list").to("direct:api.events.list")
                .post().routeId("api.events.emit").to("direct:api.events.emit")
                .get("/{id}").routeId("api.events.get").to("direct:api.events.get");

        from("direct:api.events.list").routeId("api.events.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, EventLog.SORTS, "id", false);
            respondPage(exchange, "events", query, events.list(query));
        });
        from("direct:api.events.emit").routeId("api.events.emit.handler").process(exchange -> {
            EventLog.Emitted emitted = events.emit(requiredBody(exchange),
                    exchange.getIn().getHeader("Idempotency-Key", String.class));
            // A repeat answers the event stored the first time, with 200 instead of 201.
            respond(exchange, emitted.created() ? 201 : 200, emitted.event());
        });
        from("direct:api.events.get").routeId("api.events.get.handler").process(exchange ->
                respond(exchange, 200, events.get(pathId(exchange, "id", "event"))));
    }
}
