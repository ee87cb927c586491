package io.oven.workflows.security;

import io.oven.workflows.cluster.Leadership;
import io.oven.workflows.settings.SecuritySettings;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The audit log's own retention: route {@code security.audit-retention} (daily, and on demand at
 * {@code direct:security.audit-retention}) deletes rows older than {@code oven.audit.retention}
 * (default 365 days; {@code 0} keeps them for ever). No other retention touches the audit log.
 */
@Component
class AuditRetention extends RouteBuilder {

    private final AuditLog audit;
    private final Duration retention;
    private final Duration every;
    private final Leadership leadership;

    AuditRetention(AuditLog audit, SecuritySettings settings, Leadership leadership) {
        this.leadership = leadership;
        this.audit = audit;
        this.retention = settings.audit().retention();
        this.every = settings.audit().retentionCheck();
    }

    @Override
    public void configure() throws Exception {
        // One instance of the cluster prunes: the leader of "audit-retention".
        from("timer:security.audit-retention?period=" + every.toMillis() + "&delay=" + every.toMillis())
                .routeId("security.audit-retention.timer")
                .routePolicy(ClusteredRoutePolicy.forNamespace(leadership, "audit-retention"))
                .to("direct:security.audit-retention");
        from("direct:security.audit-retention").routeId("security.audit-retention")
                .process(exchange -> exchange.getMessage().setBody(retention.isZero() ? 0
                        : audit.deleteOlderThan(Instant.now().minus(retention))));
    }
}
