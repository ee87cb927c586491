package io.oven.workflows.eventbus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event bus meters: events published (by source), delivered, redelivered (a receipt already
 * existed, so nothing was done twice), failed and dead-lettered (by subscriber), the time
 * from emission to delivery, and the outbox backlog (events not yet ordered or relayed).
 */
@Component
class BusMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    BusMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        Gauge.builder("oven.eventbus.outbox.backlog", jdbc, j -> {
            Long n = j.queryForObject("select count(*) from event_log where seq is null", Long.class);
            return n == null ? 0 : n;
        }).description("Events in the outbox not yet delivered in order (or relayed to Kafka)").register(registry);
        counter("oven.eventbus.deadlettered", "Malformed messages sent to the dead-letter topic");
    }

    void published(String source) {
        counter("oven.eventbus.published", "Events appended to the outbox", "source", source).increment();
    }

    void delivered(String subscriber, Duration sinceEmitted) {
        counter("oven.eventbus.delivered", "Events handled by a subscriber", "subscriber", subscriber).increment();
        latencies.computeIfAbsent(subscriber, s -> Timer.builder("oven.eventbus.delivery.latency")
                .description("From emission to delivery").tag("subscriber", s).publishPercentileHistogram()
                .register(registry)).record(sinceEmitted);
    }

    void redelivered(String subscriber) {
        counter("oven.eventbus.redelivered", "Events delivered again and skipped (already handled)", "subscriber",
                subscriber).increment();
    }

    void failed(String subscriber) {
        counter("oven.eventbus.failed", "Events whose subscriber failed", "subscriber", subscriber).increment();
    }

    void deadLettered() {
        counter("oven.eventbus.deadlettered", "Malformed messages sent to the dead-letter topic").increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
