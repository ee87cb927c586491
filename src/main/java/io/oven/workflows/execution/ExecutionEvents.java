package io.oven.workflows.execution;

import io.oven.workflows.eventbus.ServiceEvent;

/** The {@code workflows.execution.*} events: what happened to a run, as records. */
final class ExecutionEvents {

    private ExecutionEvents() {
    }

    private static String correlation(long executionId) {
        return "execution-" + executionId;
    }

    /** A new execution began ({@code rerunOf}: the one it re-runs or retries). */
    record Started(long executionId, long workflowId, int version, Long rerunOf) implements ServiceEvent {
        public String name() {
            return "workflows.execution.started";
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }

    /** A run left its route: completed, failed, cancelled, waiting or paused (the name says which). */
    record Settled(long executionId, long workflowId, int version, String status, String error) implements ServiceEvent {
        public String name() {
            return "workflows.execution." + status;
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }

    /** A caller paused the run (it parks at its next node boundary). */
    record PauseRequested(long executionId) implements ServiceEvent {
        public String name() {
            return "workflows.execution.paused";
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }

    /** A caller resumed a paused run. */
    record Resumed(long executionId) implements ServiceEvent {
        public String name() {
            return "workflows.execution.resumed";
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }

    /** A waiting run took a signal. */
    record Signalled(long executionId, String signal) implements ServiceEvent {
        public String name() {
            return "workflows.execution.signalled";
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }

    /** A waiting run took the event it waited for. */
    record EventReceived(long executionId, String event) implements ServiceEvent {
        public String name() {
            return "workflows.execution.event-received";
        }

        public String correlationId() {
            return correlation(executionId);
        }
    }
}
