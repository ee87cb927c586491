package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.config.ConfigResolver;

import java.time.Instant;

/** What compiled routes tell the engine (tracking, parked runs, bounds) beyond the step events it already sees. */
public interface EngineHooks {

    void configLookup(Run run, String nodeId, ConfigResolver.Resolved resolved);

    /** The run stops here and resumes at {@code stateId} at {@code resumeAt} (a persisted timer). */
    void park(Run run, String stateId, Instant resumeAt, int afterIndex);

    /** The state the run parks at also waits for this event, its payload containing {@code match}. */
    default void awaitEvent(Run run, String eventName, JsonNode match) {
        run.awaitEvent(eventName, match);
    }

    /** Runs longer than this wait on a persisted timer instead of a delayer. */
    long timerThresholdMs();

    /** The most states one run may pass through (back edges included) before it is failed. */
    long maxSteps();

    /** The largest context (about, written as JSON) a run may build before the node that grows it fails. */
    default long maxContextBytes() {
        return 1L << 20;
    }

    /** Whether this instance still runs {@code run} (no other took it over); asked at every state. */
    default boolean stillOurs(Run run) {
        return true;
    }
}
