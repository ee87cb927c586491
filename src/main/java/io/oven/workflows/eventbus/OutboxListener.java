package io.oven.workflows.eventbus;

import io.oven.workflows.settings.EventBusSettings;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    private final DataSource dataSource;
    private final EventDelivery delivery;
    private final CamelContext camel;
    private final long pollMillis;
    private volatile boolean running;
    private Thread thread;
    private ProducerTemplate template;

    OutboxListener(DataSource dataSource, EventDelivery delivery, CamelContext camel,
                   EventBusSettings settings) {
        Duration pollInterval = settings.pollInterval();
        this.dataSource = dataSource;
        this.delivery = delivery;
        this.camel = camel;
        this.pollMillis = pollInterval.toMillis();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void listenWhenReady() {
        if (running) {
            return;
        }
        running = true;
        template = camel.createProducerTemplate();
        thread = new Thread(this::listen, "oven-bus-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen oven_events");
                    statement.execute("listen oven_event_seq");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                relay();
                delivery.signalAll();
                long lastPoll = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) Math.min(pollMillis, 250));
                    boolean inserted = false;
                    boolean ordered = false;
                    for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
                        inserted |= "oven_events".equals(n.getName());
                        ordered |= "oven_event_seq".equals(n.getName());
                    }
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
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("event bus listener lost its connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
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

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

}
