package io.oven.workflows.compiler;

import io.oven.workflows.kit.StepInfo;
import org.apache.camel.model.RouteDefinition;

import java.util.List;
import java.util.Map;

/**
 * A workflow version ready to deploy: its routes (the main one, {@code wf.<slug>.v<n>}, and one
 * per parallel region and loop body), the beans they reference by name, and their steps.
 */
public record CompiledWorkflow(
        String routeId,
        String endpointUri,
        List<String> routeIds,
        List<RouteDefinition> routes,
        Map<String, Object> beans,
        List<StepInfo> steps) {
}
