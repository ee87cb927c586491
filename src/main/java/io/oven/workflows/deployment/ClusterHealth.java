package io.oven.workflows.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.workflow.WorkflowService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health} component "cluster": the live instances, and which of them lag — a
 * heartbeat later than two beats, or a workflow whose stored version it does not run (nor failed
 * to deploy). Another instance lagging is reported, not made this one's problem; this instance is
 * DOWN only when its own heartbeat has not been written within the lease, as then the others may
 * take its runs over.
 */
@Component("cluster")
class ClusterHealth implements HealthIndicator {

    private final Instances instances;
    private final WorkflowService workflows;

    ClusterHealth(Instances instances, WorkflowService workflows) {
        this.instances = instances;
        this.workflows = workflows;
    }

    @Override
    public Health health() {
        JsonNode cluster = instances.describe();
        Map<Long, Integer> stored = workflows.versions();
        double late = instances.lagAfter().toMillis() / 1000.0;
        List<String> live = new ArrayList<>();
        Map<String, Object> lagging = new LinkedHashMap<>();
        for (JsonNode instance : cluster.get("instances")) {
            if (!instance.get("alive").asBoolean()) {
                continue;
            }
            String id = instance.get("id").asText();
            live.add(id);
            List<String> why = new ArrayList<>();
            double since = instance.get("secondsSinceHeartbeat").asDouble();
            if (since > late) {
                why.add("last heartbeat " + since + " s ago");
            }
            List<Long> behind = new ArrayList<>();
            stored.forEach((workflowId, version) -> {
                String key = Long.toString(workflowId);
                if (version > 0 && instance.get("deployed").path(key).asInt(0) != version
                        && !instance.get("deployFailures").has(key)) {
                    behind.add(workflowId);
                }
            });
            if (!behind.isEmpty()) {
                why.add("does not run the stored version of workflows " + behind.subList(0, Math.min(20, behind.size())));
            }
            if (!why.isEmpty()) {
                lagging.put(id, why);
            }
        }
        Health.Builder health = instances.lapsed() ? Health.down().withDetail("self",
                "this instance's heartbeat has not been written within the lease: others may take its runs over")
                : Health.up();
        return health.withDetail("instance", instances.id()).withDetail("live", live).withDetail("lagging", lagging).build();
    }
}
