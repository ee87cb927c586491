package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known of one node execution while its step runs: opened by the tracking notifier
 * on StepStarted, filled by the node's processor (input, output, attempts), closed on
 * StepCompleted or StepFailed.
 */
public final class NodeTrace {

    /** One try of the node; a node retried three times leaves three. */
    public record Attempt(int attempt, String status, JsonNode input, JsonNode output, String error,
                          Instant startedAt, Instant completedAt) {
    }

    final StepInfo step;
    public final Instant startedAt;
    public JsonNode input;
    public JsonNode output;
    public String error;
    public boolean failed;
    /** The node did not run: a test run used the output pinned on it. */
    public boolean pinned;
    public int attempt = 1;
    /** The context a top-level node started with; null for nodes inside regions and loop bodies. */
    public JsonNode contextBefore;
    public final List<Attempt> failedAttempts = new ArrayList<>();

    public NodeTrace(StepInfo step, Instant startedAt) {
        this.step = step;
        this.startedAt = startedAt;
    }

    public void input(JsonNode input) {
        this.input = input;
    }

    public void completed(JsonNode output, int attempt) {
        this.output = output;
        this.attempt = attempt;
        this.failed = false;
    }

    /** A test run took the pinned output instead of running the node. */
    public void pinned(JsonNode output) {
        completed(output, 1);
        this.pinned = true;
    }

    public void failed(String error, int attempt) {
        this.error = error;
        this.attempt = attempt;
        this.failed = true;
    }

    /** A try that failed and was retried. */
    public void retried(JsonNode input, String error, int attempt, Instant started, Instant ended) {
        failedAttempts.add(new Attempt(attempt, "failed", input, null, error, started, ended));
    }
}
