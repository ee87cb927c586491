package io.oven.workflows.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends IntegrationTest {

    @Autowired
    Instances instances;

    @Test
    void prometheusShowsWorkflowAndNodeMetricsWithTheirTags() {
        ApiClient api = api();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode workflow = api.post("/api/workflows", """
                { "name": "metered %s", "definition": { "initial": "ok", "states": {
                    "ok": { "invoke": { "src": "core.setVariable", "input": { "name": "x", "value": 1 }, "onDone": "bad" } },
                    "bad": { "invoke": { "src": "test.fail", "input": { "message": "no" }, "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(tag)).json();
        String slug = workflow.get("slug").asText();
        api.post("/api/workflows/" + workflow.get("id").asLong() + "/execute?wait=true", "{}");
        api.post("/api/workflows/" + workflow.get("id").asLong() + "/execute?wait=true", "{}");

        String metrics = api.get("/actuator/prometheus").text();
        String instance = "oven_instance=\"" + instances.id() + "\"";

        assertThat(metrics).contains("oven_workflow_executions_started_total{" + instance + ",version=\"1\",workflow=\"" + slug + "\"} 2.0");
        assertThat(metrics).contains("oven_workflow_executions_finished_total{" + instance + ",status=\"failed\",version=\"1\",workflow=\""
                + slug + "\"} 2.0");
        assertThat(metrics).contains("oven_workflow_node_failures_total{node=\"bad\"," + instance + ",type=\"test.fail\",workflow=\""
                + slug + "\"} 2.0");
        assertThat(metrics).contains("oven_workflow_node_duration_seconds_count{node=\"ok\"," + instance + ",type=\"core.setVariable\",workflow=\""
                + slug + "\"} 2");
        assertThat(metrics).contains("oven_tracking_queue_depth");
        assertThat(metrics).contains("oven_tracking_flush_seconds_count");
    }

    @Test
    void theGrafanaDashboardReadsMetricsTheServiceExports() throws Exception {
        ApiClient api = api();
        String event = "test.metered." + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/events", "{\"name\": \"" + event + "\"}");
        long wiring = api.post("/api/event-wirings", "{\"sourceEvent\": \"" + event + "\", \"targetAction\": \"core.log\", "
                + "\"transform\": {\"message\": \"metered\"}}").json().get("id").asLong();
        api.post("/api/events", "{\"name\": \"" + event + "\"}");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> api.get(
                "/api/wiring-firings?filter=" + ApiClient.query("{\"wiringId\":" + wiring + "}")).json().size() == 1);
        JsonNode workflow = api.post("/api/workflows", """
                { "name": "dashboard %s", "definition": { "initial": "ok", "states": {
                    "ok": { "invoke": { "src": "test.fail", "input": { "message": "no" }, "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(UUID.randomUUID())).json();
        api.post("/api/workflows/" + workflow.get("id").asLong() + "/execute?wait=true", "{}");

        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("ops/grafana/oven-workflows.json"));
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("oven_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            used.add(m.group());
        }
        // These two appear only once a subscriber failed or an event came twice.
        used.removeAll(java.util.Set.of("oven_eventbus_failed_total", "oven_eventbus_redelivered_total"));
        assertThat(used).hasSizeGreaterThan(10);
        String metrics = api.get("/actuator/prometheus").text();
        assertThat(used).allSatisfy(name -> assertThat(metrics).as(name).contains(name));
        api.delete("/api/event-wirings/" + wiring);
    }

    @Test
    void aLogLineFromInsideAnExecutionCarriesItsExecutionWorkflowAndNode(CapturedOutput output) {
        ApiClient api = api();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode workflow = api.post("/api/workflows", """
                { "name": "logged %s", "definition": { "initial": "say", "states": {
                    "say": { "invoke": { "src": "core.log", "input": { "message": "hello %s" }, "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(tag, tag)).json();

        JsonNode run = api.post("/api/workflows/" + workflow.get("id").asLong() + "/execute?wait=true", "{}").json();

        String mdc = "[" + run.get("id").asLong() + " " + workflow.get("slug").asText() + "/say]";
        assertThat(output.getOut()).containsPattern(java.util.regex.Pattern.quote(mdc) + ".*hello " + tag);
    }

    @Test
    void healthReportsTheDeployedWorkflowRoutes() {
        JsonNode health = api().get("/actuator/health").json();

        assertThat(health.at("/components/workflowRoutes/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/workflowRoutes/details/deployed").asInt()).isPositive();
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    }
}
