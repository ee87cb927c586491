package io.oven.workflows.kit;

/**
 * What a step id in a compiled route stands for: {@code wf.<slug>.v<n>.<state>} maps back to
 * the user's state id and the node type it runs.
 */
public record StepInfo(String stepId, String routeId, String stateId, String nodeType) {
}
