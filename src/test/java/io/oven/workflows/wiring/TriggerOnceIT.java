package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.kit.Run;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event starts a triggered workflow once, also when it is delivered again (a crash lost the
 * subscriber's receipt after the execution was stored): the second delivery finds the execution.
 */
class TriggerOnceIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    ExecutionService executions;

    @Test
    void anEventDeliveredAgainStartsNoSecondExecution() {
        Response created = api().post("/api/workflows", "{\"name\":\"once " + UUID.randomUUID() + "\","
                + "\"triggerEvent\":\"once.test.fired\",\"definition\":{\"initial\":\"done\",\"states\":"
                + "{\"done\":{\"type\":\"final\"}}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String eventId = UUID.randomUUID().toString();
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("params").put("n", 1);

        Optional<Run> first = executions.executeOnce(id, body, "once.test.fired", eventId);
        executions.awaitCreated(first.orElseThrow());
        Optional<Run> again = executions.executeOnce(id, body, "once.test.fired", eventId);
        Optional<Run> another = executions.executeOnce(id, body, "once.test.fired", UUID.randomUUID().toString());

        assertThat(again).isEmpty();
        assertThat(another).isPresent();
        executions.awaitCreated(another.get());
        assertThat(api().get("/api/workflow-executions?filter=" + ApiClient.query("{\"workflowId\":" + id + "}")).json())
                .hasSize(2);
    }
}
