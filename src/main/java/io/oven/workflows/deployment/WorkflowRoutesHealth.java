package io.oven.workflows.deployment;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "workflowRoutes": how many workflow versions are deployed
 * and which workflows failed to deploy, with the reason. A broken workflow is reported here but
 * does not make the whole service unhealthy.
 */
@Component("workflowRoutes")
class WorkflowRoutesHealth implements HealthIndicator {

    private final WorkflowDeployer deployer;

    WorkflowRoutesHealth(WorkflowDeployer deployer) {
        this.deployer = deployer;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("deployed", deployer.deployedCount())
                .withDetail("failed", deployer.failures())
                .build();
    }
}
