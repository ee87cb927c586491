package io.oven.workflows.eventbus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Service events as records: their components are the payload, nothing else is. */
class ServiceEventTest {

    record Moved(long executionId, String to, Long from) implements ServiceEvent {
        public String name() {
            return "workflows.test.moved";
        }

        public String correlationId() {
            return "execution-" + executionId;
        }
    }

    @Test
    void thePayloadIsTheComponentsWithoutNullsNameOrCorrelation() {
        Moved moved = new Moved(7, "b", null);
        assertThat(moved.payload().toString()).isEqualTo("{\"executionId\":7,\"to\":\"b\"}");
        assertThat(new Moved(7, "b", 3L).payload().get("from").asLong()).isEqualTo(3);
        assertThat(moved.correlationId()).isEqualTo("execution-7");
    }
}
