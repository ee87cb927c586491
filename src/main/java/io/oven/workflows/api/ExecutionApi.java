package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.runtime.ExecutionService;
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
                .post("/{id}/cancel").routeId("api.executions.cancel").to("direct:api.executions.cancel");

        from("direct:api.executions.list").routeId("api.executions.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, ExecutionService.sorts(), "id", false);
            respondPage(exchange, "workflow-executions", query, executions.list(query));
        });
        from("direct:api.executions.get").routeId("api.executions.get.handler").process(exchange ->
                respond(exchange, 200, executions.detail(pathId(exchange, "id", "execution"))));
        from("direct:api.executions.cancel").routeId("api.executions.cancel.handler").process(exchange -> {
            ExecutionService.Cancelled cancelled = executions.cancel(pathId(exchange, "id", "execution"));
            respond(exchange, cancelled.stopped() ? 200 : 202, cancelled.execution());
        });
    }
}
