package io.oven.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.definition.ValidationReport;
import io.oven.workflows.deployment.WorkflowDeployer;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.execution.StepTester;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.kit.Run;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.settings.ApiSettings;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowService;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.Semaphore;

/** {@code /api/workflows}: CRUD, validation, version history, execute, test a step and compile (DESIGN §8). */
@Component
class WorkflowApi extends ApiRoutes {

    private final WorkflowService workflows;
    private final ExecutionService executions;
    private final WorkflowDeployer deployer;
    private final StepTester tester;

    /** Requests holding a server thread while their run goes on; more answer 202 at once. */
    private final Semaphore waiters;

    private final Instances instances;

    WorkflowApi(ObjectMapper mapper, WorkflowService workflows, ExecutionService executions, WorkflowDeployer deployer,
                StepTester tester, ApiSettings settings, Instances instances) {
        super(mapper);
        this.instances = instances;
        this.tester = tester;
        this.waiters = new Semaphore(settings.maxWaitingRequests());
        this.workflows = workflows;
        this.executions = executions;
        this.deployer = deployer;
    }

    /** {@code ?days=}: 1 to 90, 14 when not given. */
    private static int days(Exchange exchange) {
        String text = exchange.getIn().getHeader("days", String.class);
        if (text == null || text.isBlank()) {
            return 14;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= 90) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.invalid("days", "must be a whole number of days from 1 to 90");
    }

    @Override
    protected void api() {
        rest("/api/workflows")
                .get().routeId("api.workflows.list").to("direct:api.workflows.list")
                .post().routeId("api.workflows.create").to("direct:api.workflows.create")
                .post("/validate").routeId("api.workflows.validate").to("direct:api.workflows.validate")
                .get("/{id}").routeId("api.workflows.get").to("direct:api.workflows.get")
                .put("/{id}").routeId("api.workflows.update").to("direct:api.workflows.update")
                .delete("/{id}").routeId("api.workflows.delete").to("direct:api.workflows.delete")
                .get("/{id}/versions").routeId("api.workflows.versions").to("direct:api.workflows.versions")
                .get("/{id}/versions/{versionId}").routeId("api.workflows.version").to("direct:api.workflows.version")
                .get("/{id}/sql-writes").routeId("api.workflows.sqlWrites").to("direct:api.workflows.sqlWrites")
                .put("/{id}/sql-writes").routeId("api.workflows.sqlWrites.set").to("direct:api.workflows.sqlWrites.set")
                .post("/{id}/versions/{versionId}/restore").routeId("api.workflows.restore")
                .to("direct:api.workflows.restore")
                .post("/{id}/execute").routeId("api.workflows.execute").to("direct:api.workflows.execute")
                .post("/{id}/compile").routeId("api.workflows.compile").to("direct:api.workflows.compile")
                .post("/{id}/test-step").routeId("api.workflows.testStep").to("direct:api.workflows.testStep")
                .get("/{id}/stats").routeId("api.workflows.stats").to("direct:api.workflows.stats");

        from("direct:api.workflows.execute").routeId("api.workflows.execute.handler").process(exchange -> {
            Run run = executions.execute(id(exchange), body(exchange), null);
            if (!"true".equalsIgnoreCase(exchange.getIn().getHeader("wait", String.class))) {
                executions.awaitCreated(run);
                respond(exchange, 202, mapper.createObjectNode().put("executionId", run.executionId));
                return;
            }
            if (!waiters.tryAcquire()) {
                // Every waiting slot is taken: do not hold one more thread, answer as a run still going.
                executions.awaitCreated(run);
                respond(exchange, 202, executions.detail(run.executionId));
                return;
            }
            boolean finished;
            try {
                finished = executions.await(run, executions.maxWait());
            } finally {
                waiters.release();
            }
            if (!finished) {
                executions.awaitCreated(run);
            }
            respond(exchange, finished ? 200 : 202, executions.detail(run.executionId));
        });
        from("direct:api.workflows.testStep").routeId("api.workflows.testStep.handler").process(exchange ->
                respond(exchange, 200, tester.test(id(exchange), requiredBody(exchange))));
        from("direct:api.workflows.stats").routeId("api.workflows.stats.handler").process(exchange -> {
            long id = id(exchange);
            workflows.get(id); // 404 for a workflow that does not exist
            respond(exchange, 200, executions.stats(id, days(exchange)));
        });
        from("direct:api.workflows.compile").routeId("api.workflows.compile.handler").process(exchange ->
                respond(exchange, 200, deployer.compileToYaml(id(exchange))));

        from("direct:api.workflows.list").routeId("api.workflows.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, WorkflowService.sorts(), "updatedAt", false);
            respondPage(exchange, "workflows", query, workflows.list(query));
        });
        from("direct:api.workflows.create").routeId("api.workflows.create.handler").process(exchange -> {
            WorkflowService.Saved saved = workflows.create(requiredBody(exchange));
            respond(exchange, 201, withWarnings(saved));
            exchange.getMessage().setHeader("Location", "/api/workflows/" + saved.workflow().id());
        });
        from("direct:api.workflows.validate").routeId("api.workflows.validate.handler").process(exchange -> {
            ValidationReport report = workflows.validate(requiredBody(exchange));
            ObjectNode answer = mapper.createObjectNode();
            answer.put("valid", report.valid());
            answer.set("errors", mapper.valueToTree(report.errors()));
            answer.set("warnings", mapper.valueToTree(report.warnings()));
            respond(exchange, 200, answer);
        });
        from("direct:api.workflows.get").routeId("api.workflows.get.handler").process(exchange ->
                respond(exchange, 200, workflows.get(id(exchange))));
        from("direct:api.workflows.update").routeId("api.workflows.update.handler").process(exchange ->
                respond(exchange, 200, withWarnings(workflows.update(id(exchange), requiredBody(exchange)))));
        from("direct:api.workflows.delete").routeId("api.workflows.delete.handler").process(exchange -> {
            ObjectNode deleted = mapper.valueToTree(workflows.delete(id(exchange)));
            deleted.set("deployment", instances.awaitDeployed(deleted.get("id").asLong(), null));
            respond(exchange, 200, deleted);
        });
        from("direct:api.workflows.versions").routeId("api.workflows.versions.handler").process(exchange -> {
            var versions = workflows.versions(id(exchange));
            respond(exchange, 200, versions);
            exchange.getMessage().setHeader("Content-Range",
                    versions.isEmpty() ? "versions */0" : "versions 0-" + (versions.size() - 1) + "/" + versions.size());
        });
        from("direct:api.workflows.version").routeId("api.workflows.version.handler").process(exchange ->
                respond(exchange, 200, workflows.version(id(exchange), version(exchange))));
        from("direct:api.workflows.restore").routeId("api.workflows.restore.handler").process(exchange ->
                respond(exchange, 200, withWarnings(workflows.restore(id(exchange), version(exchange)))));
        from("direct:api.workflows.sqlWrites").routeId("api.workflows.sqlWrites.handler").process(exchange ->
                respond(exchange, 200, Map.of("allowed", workflows.sqlWrites(id(exchange)))));
        from("direct:api.workflows.sqlWrites.set").routeId("api.workflows.sqlWrites.set.handler").process(exchange -> {
            requireAdmin(exchange, "letting a workflow's core.sql write");
            JsonNode allowed = requiredBody(exchange).get("allowed");
            if (allowed == null || !allowed.isBoolean()) {
                throw Problem.invalid("allowed", "must be true or false");
            }
            respond(exchange, 200, Map.of("allowed", workflows.sqlWrites(id(exchange), allowed.asBoolean(),
                    exchange.getIn().getHeader(CALLER, String.class))));
        });
    }

    private long id(Exchange exchange) {
        return pathId(exchange, "id", "workflow");
    }

    private int version(Exchange exchange) {
        long version = pathId(exchange, "versionId", "version");
        if (version > Integer.MAX_VALUE) {
            throw Problem.notFound("version " + version);
        }
        return (int) version;
    }

    /**
     * The saved workflow, with its definition's warnings when there are any, once every live
     * instance runs it (or {@code oven.cluster.deploy-wait} has passed): {@code deployment} says
     * which instances run which version.
     */
    private JsonNode withWarnings(WorkflowService.Saved saved) {
        ObjectNode node = mapper.valueToTree(saved.workflow());
        if (!saved.warnings().isEmpty()) {
            node.set("warnings", mapper.valueToTree(saved.warnings()));
        }
        Workflow workflow = saved.workflow();
        node.set("deployment", instances.awaitDeployed(workflow.id(), workflow.enabled() ? workflow.version() : null));
        return node;
    }

}
