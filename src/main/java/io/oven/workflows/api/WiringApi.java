package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.wiring.WiringStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /api/event-wirings}: CRUD of wirings (each change replaces the wiring's route live), and
 * {@code /api/wiring-firings} (filter {@code wiringId}, {@code status}): what each wiring did.
 */
@Component
class WiringApi extends ApiRoutes {

    private final WiringStore wirings;

    WiringApi(ObjectMapper mapper, WiringStore wirings) {
        super(mapper);
        this.wirings = wirings;
    }

    @Override
    protected void api() {
        rest("/api/event-wirings")
                .get().routeId("api.wirings.list").to("direct:api.wirings.list")
                .post().routeId("api.wirings.create").to("direct:api.wirings.create")
                .get("/{id}").routeId("api.wirings.get").to("direct:api.wirings.get")
                .put("/{id}").routeId("api.wirings.update").to("direct:api.wirings.update")
                .delete("/{id}").routeId("api.wirings.delete").to("direct:api.wirings.delete");
        rest("/api/wiring-firings")
                .get().routeId("api.firings.list").to("direct:api.firings.list");

        from("direct:api.wirings.list").routeId("api.wirings.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, WiringStore.SORTS, "id", true);
            respondPage(exchange, "event-wirings", query, wirings.list(query));
        });
        from("direct:api.wirings.create").routeId("api.wirings.create.handler").process(exchange ->
                respond(exchange, 201, wirings.create(requiredBody(exchange))));
        from("direct:api.wirings.get").routeId("api.wirings.get.handler").process(exchange ->
                respond(exchange, 200, wirings.get(id(exchange))));
        from("direct:api.wirings.update").routeId("api.wirings.update.handler").process(exchange ->
                respond(exchange, 200, wirings.update(id(exchange), requiredBody(exchange))));
        from("direct:api.wirings.delete").routeId("api.wirings.delete.handler").process(exchange ->
                respond(exchange, 200, wirings.delete(id(exchange))));
        from("direct:api.firings.list").routeId("api.firings.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, WiringStore.FIRING_SORTS, "id", false);
            respondPage(exchange, "wiring-firings", query, wirings.firings(query));
        });
    }

    private long id(Exchange exchange) {
        return pathId(exchange, "id", "wiring");
    }
}
