package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The {@code bus:} Camel component, how routes reach the event bus.
 * <ul>
 * <li>{@code to("bus:server.heartbeat")} publishes an event of that name; the body (JSON text, a
 * map or a JsonNode) is its payload; headers {@code OvenEventSource} (default {@code routes}) and
 * {@code OvenEventCorrelationId} are optional.</li>
 * <li>{@code from("bus:players.player.created?subscriber=my-route")} consumes events whose name
 * matches (an exact name, or a prefix ending in {@code *}). The subscriber id is durable: a
 * stopped route catches up on start, and each event is handled once per subscriber. The body
 * is the payload as JSON text; headers {@code OvenEventId}, {@code OvenEventName},
 * {@code OvenEventSource}, {@code OvenEventCorrelationId}, {@code OvenEventEmittedAt}.</li>
 * </ul>
 */
@Component("bus")
public class BusComponent extends DefaultComponent {

    public static final String EVENT = "OvenEvent";
    public static final String EVENT_ID = "OvenEventId";
    public static final String EVENT_NAME = "OvenEventName";
    public static final String EVENT_SOURCE = "OvenEventSource";
    public static final String CORRELATION_ID = "OvenEventCorrelationId";
    public static final String EMITTED_AT = "OvenEventEmittedAt";
    /** The exchange property holding the delivered {@link Event}. */
    public static final String EVENT_PROPERTY = "ovenEvent";
    /** The exchange property holding the event's row id in {@code event_log}. */
    public static final String LOG_ID_PROPERTY = "ovenEventLogId";

    private final EventBus bus;
    private final EventDelivery delivery;
    private final ObjectMapper mapper;

    BusComponent(EventBus bus, EventDelivery delivery, ObjectMapper mapper) {
        this.bus = bus;
        this.delivery = delivery;
        this.mapper = mapper;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String subscriber = getAndRemoveParameter(parameters, "subscriber", String.class);
        if (!EventNames.isPattern(remaining)) {
            throw new IllegalArgumentException("bus: needs an event name or a prefix ending in '*' (like players.*), got '"
                    + remaining + "'");
        }
        return new BusEndpoint(uri, this, remaining, subscriber);
    }

    final class BusEndpoint extends DefaultEndpoint {
        private final String pattern;
        private final String subscriber;

        BusEndpoint(String uri, BusComponent component, String pattern, String subscriber) {
            super(uri, component);
            this.pattern = pattern;
            this.subscriber = subscriber;
        }

        @Override
        public Producer createProducer() {
            if (pattern.endsWith("*")) {
                throw new IllegalArgumentException("bus: publishes to one event name, not a pattern: " + pattern);
            }
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) throws Exception {
                    Event event = bus.publish(pattern, exchange.getMessage().getHeader(EVENT_SOURCE, "routes", String.class),
                            payload(exchange), exchange.getMessage().getHeader(CORRELATION_ID, String.class));
                    exchange.getMessage().setHeader(EVENT_ID, event.id());
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            if (subscriber == null || subscriber.isBlank()) {
                throw new IllegalArgumentException("a bus: consumer needs ?subscriber=<a durable id>: " + getEndpointUri());
            }
            return new DefaultConsumer(this, processor) {
                private EventDelivery.Pump pump;

                @Override
                protected void doStart() throws Exception {
                    super.doStart();
                    pump = delivery.start(subscriber, pattern, this::deliver);
                }

                @Override
                protected void doStop() throws Exception {
                    if (pump != null) {
                        delivery.stop(pump);
                    }
                    super.doStop();
                }

                private void deliver(EventDelivery.LoggedEvent logged) throws Exception {
                    Event event = logged.event();
                    Exchange exchange = createExchange(false);
                    try {
                        exchange.setProperty(EVENT_PROPERTY, event);
                        exchange.setProperty(LOG_ID_PROPERTY, logged.logId());
                        exchange.getIn().setHeader(EVENT_ID, event.id());
                        exchange.getIn().setHeader(EVENT_NAME, event.name());
                        exchange.getIn().setHeader(EVENT_SOURCE, event.source());
                        exchange.getIn().setHeader(CORRELATION_ID, event.correlationId());
                        exchange.getIn().setHeader(EMITTED_AT, event.emittedAt().toString());
                        exchange.getIn().setBody(mapper.writeValueAsString(event.payload()));
                        getProcessor().process(exchange);
                        if (exchange.getException() != null) {
                            throw exchange.getException();
                        }
                    } finally {
                        releaseExchange(exchange, false);
                    }
                }
            };
        }
    }

    private JsonNode payload(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (body instanceof JsonNode node) {
            return node;
        }
        if (body instanceof String || body instanceof byte[]) {
            String text = exchange.getMessage().getBody(String.class);
            return text.isBlank() ? JsonNodeFactory.instance.objectNode() : mapper.readTree(text);
        }
        return mapper.valueToTree(body);
    }
}
