package io.oven.workflows.eventbus;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code /actuator/health} component "eventBus", part of readiness: the mode, the outbox backlog
 * and, with Kafka, whether the brokers answer. An unreachable Kafka makes the service not ready
 * (events still queue safely in the outbox meanwhile).
 */
@Component("eventBus")
class EventBusHealth implements HealthIndicator, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Optional<KafkaBridge> kafka;
    private volatile Admin admin;

    EventBusHealth(JdbcTemplate jdbc, Optional<KafkaBridge> kafka) {
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        Long backlog = jdbc.queryForObject(kafka.isPresent()
                ? "select count(*) from event_log where relayed_at is null"
                : "select count(*) from event_log where seq is null", Long.class);
        if (kafka.isEmpty()) {
            return Health.up().withDetail("mode", "embedded").withDetail("outboxBacklog", backlog).build();
        }
        Health.Builder health;
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            health = Health.up().withDetail("brokers", nodes);
        } catch (Exception e) {
            health = Health.down().withDetail("error", "Kafka at " + kafka.get().brokers() + " does not answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return health.withDetail("mode", "kafka").withDetail("bootstrapServers", kafka.get().brokers())
                .withDetail("outboxBacklog", backlog).build();
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get().brokers(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
                }
            }
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
