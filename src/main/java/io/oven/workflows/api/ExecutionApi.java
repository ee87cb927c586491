package io.oven.workflows.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.kit.Run;
import io.oven.workflows.problem.Problem;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code /api/workflow-executions}: list, detail with nodes, cancel (DESIGN §8). */
@Component
class ExecutionApi extends ApiRoutes {

    private final ExecutionService executions;

    ExecutionApi(ObjectMapper mapper, ExecutionService executions) {
        super(mapper);
        this.executions = executions;
    }

    @Override
    protected void api() {
        rest("/api/workflow-executions")
                .get().routeId("api.executions.list").to("direct:api.executions.list")
                .get("/{id}").routeId("api.executions.get").to("direct:api.executions.get")
                .post("/{id}/cancel").routeId("api.executions.cancel").to("direct:api.executions.cancel")
                .post("/{id}/pause").routeId("api.executions.pause").to("direct:api.executions.pause")
                .post("/{id}/resume").routeId("api.executions.resume").to("direct:api.executions.resume")
                .post("/{id}/signal").routeId("api.executions.signal").to("direct:api.executions.signal")
                .post("/{id}/retry").routeId("api.executions.retry").to("direct:api.executions.retry")
                .post("/{id}/rerun").routeId("api.executions.rerun").to("direct:api.executions.rerun");

        from("direct:api.executions.retry").routeId("api.executions.retry.handler").process(exchange ->
                started(exchange, executions.retry(pathId(exchange, "id", "execution"))));
        from("direct:api.executions.rerun").routeId("api.executions.rerun.handler").process(exchange ->
                started(exchange, executions.rerun(pathId(exchange, "id", "execution"), requiredBody(exchange))));

        from("direct:api.executions.signal").routeId("api.executions.signal.handler").process(exchange ->
                respond(exchange, 200, executions.signal(pathId(exchange, "id", "execution"), requiredBody(exchange))));

        from("direct:api.executions.pause").routeId("api.executions.pause.handler").process(exchange ->
                respond(exchange, 200, executions.pause(pathId(exchange, "id", "execution"))));
        from("direct:api.executions.resume").routeId("api.executions.resume.handler").process(exchange ->
                respond(exchange, 200, executions.resumePaused(pathId(exchange, "id", "execution"))));

        from("direct:api.executions.list").routeId("api.executions.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, ExecutionService.sorts(), "id", false);
            respondPage(exchange, "workflow-executions", query, executions.list(query));
        });
        from("direct:api.executions.get").routeId("api.executions.get.handler").process(exchange -> {
            long id = pathId(exchange, "id", "execution");
            String range = exchange.getIn().getHeader("nodes", String.class);
            if (range == null) {
                respond(exchange, 200, executions.detail(id));
                return;
            }
            int[] bounds = nodeRange(range);
            respond(exchange, 200, executions.detail(id, bounds[0], bounds[1]));
        });
        from("direct:api.executions.cancel").routeId("api.executions.cancel.handler").process(exchange -> {
            ExecutionService.Cancelled cancelled = executions.cancel(pathId(exchange, "id", "execution"));
            respond(exchange, cancelled.stopped() ? 200 : 202, cancelled.execution());
        });
    }

    /** {@code ?nodes=[from,to]}: which node rows (inclusive, at most {@link ExecutionService#DETAIL_NODES}). */
    private int[] nodeRange(String text) {
        try {
            JsonNode range = mapper.readTree(text);
            if (range.isArray() && range.size() == 2 && range.get(0).canConvertToInt() && range.get(1).canConvertToInt()) {
                int from = range.get(0).asInt();
                int to = range.get(1).asInt();
                if (from >= 0 && to >= from && to - from < ExecutionService.DETAIL_NODES) {
                    return new int[]{from, to};
                }
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw Problem.invalid("nodes", "must be [from,to]: 0 <= from <= to, at most "
                + ExecutionService.DETAIL_NODES + " rows");
    }

    /** A new execution's answer: 202 with its id, or with {@code ?wait=true} the execution once it ends (at most max-wait). */
    private void started(Exchange exchange, Run run) {
        executions.awaitCreated(run);
        if ("true".equalsIgnoreCase(exchange.getIn().getHeader("wait", String.class))) {
            boolean finished = executions.await(run, executions.maxWait());
            respond(exchange, finished ? 200 : 202, executions.detail(run.executionId));
            return;
        }
        respond(exchange, 202, mapper.createObjectNode().put("executionId", run.executionId));
    }
}
