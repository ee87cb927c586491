package io.oven.workflows.eventbus;

import io.oven.workflows.jdbc.NotificationListener;
import io.oven.workflows.settings.EventBusSettings;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import javax.sql.DataSource;

/**
 * Holds one connection that LISTENs: a committed insert into the outbox wakes the relay route
 * at once, and newly ordered events (from any instance) wake the subscribers. Without
 * notifications both still run every {@code oven.eventbus.poll-interval}. It starts once the
 * application is ready: a SmartLifecycle depending on Camel would start Camel before its routes
 * are added.
 */
@Component
class OutboxListener {

    private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);
    /** Notified by the outbox's insert trigger, and once events are put in the delivery order. */
    private static final String INSERTED = "oven_events";
    private static final String ORDERED = "oven_event_seq";

    private final EventDelivery delivery;
    private final CamelContext camel;
    private final long pollMillis;
    private final NotificationListener listener;
    /** When the outbox and the subscribers were last polled (the listener's thread only). */
    private long lastPoll;
    private ProducerTemplate template;

    OutboxListener(DataSource dataSource, EventDelivery delivery, CamelContext camel,
                   EventBusSettings settings) {
        this.delivery = delivery;
        this.camel = camel;
        this.pollMillis = settings.pollInterval().toMillis();
        this.listener = new NotificationListener(dataSource, "oven-bus-listener", List.of(INSERTED, ORDERED),
                Math.min(pollMillis, 250), this::connected, this::received);
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void listenWhenReady() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        listener.start();
    }

    private void connected() {
        relay();
        delivery.signalAll();
        lastPoll = System.nanoTime();
    }

    private void received(List<PGNotification> notifications) {
        boolean inserted = notifications.stream().anyMatch(n -> INSERTED.equals(n.getName()));
        boolean ordered = notifications.stream().anyMatch(n -> ORDERED.equals(n.getName()));
        boolean poll = System.nanoTime() - lastPoll >= pollMillis * 1_000_000L;
        if (inserted || poll) {
            relay();
        }
        if (ordered || poll) {
            delivery.signalAll();
        }
        if (poll) {
            lastPoll = System.nanoTime();
        }
    }

    private void relay() {
        try {
            template.sendBody("direct:bus.relay", null);
        } catch (RuntimeException e) {
            // The events stay in the outbox; the next wake-up or poll tries again.
            log.warn("relaying events failed: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    @PreDestroy
    public void stop() {
        listener.stop();
    }

}
