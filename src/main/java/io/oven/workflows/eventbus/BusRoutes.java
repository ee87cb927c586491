package io.oven.workflows.eventbus;

import io.oven.workflows.settings.EventBusSettings;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The outbox relay as Camel routes: {@code bus.relay} moves committed events on (woken by
 * LISTEN/NOTIFY through {@link OutboxListener}), {@code bus.relay.poll} is its fallback timer.
 */
@Component
class BusRoutes extends RouteBuilder {

    private final EventRelay relay;
    private final long pollMillis;

    BusRoutes(EventRelay relay, EventBusSettings settings) {
        this.relay = relay;
        this.pollMillis = settings.pollInterval().toMillis();
    }

    @Override
    public void configure() {
        from("direct:bus.relay").routeId("bus.relay")
                .process(exchange -> exchange.getMessage().setBody(relay.relay()));
        from("timer:bus.relay?period=" + pollMillis + "&delay=" + pollMillis).routeId("bus.relay.poll")
                .to("direct:bus.relay");
    }
}
