package io.oven.workflows.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code oven.engine.retention.keep-per-workflow}: only the newest N ended executions of each
 * workflow stay (with their node rows); another workflow's, and runs still waiting, are untouched.
 */
class KeepPerWorkflowIT {

    @TempDir
    Path dataDir;

    @Test
    void theNewestNOfEachWorkflowStayAndWaitingRunsAreNotTouched() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN, "--oven.engine.retention.keep-per-workflow=2",
                "--oven.engine.timer-threshold-ms=1000"));
        String url = TestDatabase.fresh("keepn");
        if (url != null) {
            args.add("--spring.datasource.url=" + url);
            args.add("--spring.datasource.username=" + TestDatabase.user());
        } else {
            args.add("--oven.data-dir=" + dataDir);
            args.add("--spring.datasource.url=");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run(args.toArray(String[]::new))) {
            ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            String quick = "{\"initial\":\"a\",\"states\":{\"a\":{\"invoke\":{\"src\":\"core.setVariable\","
                    + "\"input\":{\"name\":\"x\",\"value\":1},\"onDone\":\"done\"}},\"done\":{\"type\":\"final\"}}}";
            long first = api.post("/api/workflows", "{\"name\":\"keep one\",\"definition\":" + quick + "}").json().get("id").asLong();
            long second = api.post("/api/workflows", "{\"name\":\"keep two\",\"definition\":" + quick + "}").json().get("id").asLong();
            long parked = api.post("/api/workflows", "{\"name\":\"keep parked\",\"definition\":{\"initial\":\"w\","
                    + "\"states\":{\"w\":{\"after\":{\"600000\":\"done\"}},\"done\":{\"type\":\"final\"}}}}").json().get("id").asLong();
            List<Long> ofFirst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ofFirst.add(api.post("/api/workflows/" + first + "/execute?wait=true", "{}").json().get("id").asLong());
            }
            List<Long> ofSecond = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ofSecond.add(api.post("/api/workflows/" + second + "/execute?wait=true", "{}").json().get("id").asLong());
            }
            List<Long> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(api.post("/api/workflows/" + parked + "/execute?wait=true", "{}").json().get("id").asLong());
            }

            Object removed = app.getBean(org.apache.camel.CamelContext.class).createProducerTemplate()
                    .requestBody("direct:engine.retention", (Object) null);

            assertThat(((Number) removed).longValue()).isEqualTo(3);
            for (long gone : ofFirst.subList(0, 3)) {
                assertThat(api.get("/api/workflow-executions/" + gone).status()).isEqualTo(404);
            }
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from node_executions where execution_id = any (?)", Long.class,
                    (Object) ofFirst.subList(0, 3).toArray(Long[]::new))).isZero();
            for (long kept : List.of(ofFirst.get(3), ofFirst.get(4), ofSecond.get(0), ofSecond.get(1))) {
                JsonNode execution = api.get("/api/workflow-executions/" + kept).json();
                assertThat(execution.get("nodes")).as("execution %d keeps its rows", kept).hasSize(2);
            }
            for (long still : waiting) {
                assertThat(api.get("/api/workflow-executions/" + still).json().get("status").asText()).isEqualTo("waiting");
            }
        }
    }
}
