package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state that waits for an event matching its run (a correlation key from the context): parked
 * durably, resumed by the right event only, with the event's payload; timed out without it; and
 * not missing an event that came just before the wait began.
 */
class EventWaitIT extends IntegrationTest {

    static final String WAIT = """
            {"initial":"play","states":{
              "play":{"on":{"%s":{"target":"over","match":{"sessionId":"$.sessionId","reason":"quit"}}},
                      "after":{"%d":"expired"}},
              "over":{"invoke":{"src":"core.setVariable","input":{"name":"score","value":"$.score"},"onDone":"done"}},
              "expired":{"type":"final"},
              "done":{"type":"final"}}}""";

    final String event = "test.session" + UUID.randomUUID().toString().substring(0, 8) + ".ended";

    long workflow(long timeoutMs) {
        Response created = api().post("/api/workflows", "{\"name\":\"event wait " + UUID.randomUUID() + "\",\"definition\":"
                + WAIT.formatted(event, timeoutMs) + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    JsonNode run(long workflow, String session) {
        return api().post("/api/workflows/" + workflow + "/execute?wait=true",
                "{\"params\":{\"sessionId\":\"" + session + "\"}}").json();
    }

    void emit(String session, String reason, int score) {
        Response emitted = api().post("/api/events", "{\"name\":\"" + event + "\",\"payload\":{\"sessionId\":\"" + session
                + "\",\"reason\":\"" + reason + "\",\"score\":" + score + "}}");
        assertThat(emitted.status()).as(emitted.text()).isIn(200, 201);
    }

    JsonNode ended(long id) {
        return Awaitility.await("execution " + id + " ends").atMost(Duration.ofSeconds(20))
                .until(() -> api().get("/api/workflow-executions/" + id).json(),
                        e -> e.get("status").asText().matches("completed|failed|cancelled"));
    }

    @Test
    void theMatchingEventResumesTheRunAndOthersDoNot() {
        long workflow = workflow(600_000);
        JsonNode mine = run(workflow, "s-1");
        JsonNode other = run(workflow, "s-2");
        assertThat(mine.get("status").asText()).as(mine.toString()).isEqualTo("waiting");

        emit("s-1", "timeout", 1);   // not the reason it waits for
        emit("s-9", "quit", 2);      // another session
        emit("s-1", "quit", 42);

        JsonNode done = ended(mine.get("id").asLong());
        assertThat(done.get("currentState").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.at("/context/score").asInt()).isEqualTo(42);
        assertThat(api().get("/api/workflow-executions/" + other.get("id").asLong()).json().get("status").asText())
                .isEqualTo("waiting");

        emit("s-2", "quit", 7);
        assertThat(ended(other.get("id").asLong()).at("/context/score").asInt()).isEqualTo(7);
    }

    @Test
    void withoutTheEventTheTimeoutIsTaken() {
        JsonNode waiting = run(workflow(2_000), "s-late");
        assertThat(waiting.get("status").asText()).isEqualTo("waiting");

        JsonNode done = ended(waiting.get("id").asLong());

        assertThat(done.get("currentState").asText()).isEqualTo("expired");
        emit("s-late", "quit", 3); // too late: nothing waits for it any more
        assertThat(api().get("/api/workflow-executions/" + waiting.get("id").asLong()).json().get("currentState").asText())
                .isEqualTo("expired");
    }

    @Test
    void anEventJustBeforeTheWaitBeganIsNotLost() {
        long workflow = workflow(600_000);
        emit("s-early", "quit", 11);

        JsonNode started = run(workflow, "s-early");

        assertThat(ended(started.get("id").asLong()).at("/context/score").asInt()).isEqualTo(11);
    }

    @Test
    void aMatchThatIsNotAnObjectIsRefusedWithItsPointer() {
        Response refused = api().post("/api/workflows/validate", "{\"initial\":\"w\",\"states\":{"
                + "\"w\":{\"on\":{\"a.b\":{\"target\":\"d\",\"match\":\"sessionId\"}}},\"d\":{\"type\":\"final\"}}}");
        assertThat(refused.json().get("valid").asBoolean()).isFalse();
        assertThat(refused.json().get("errors").findValuesAsText("path")).contains("/states/w/on/a.b/match");
    }
}
