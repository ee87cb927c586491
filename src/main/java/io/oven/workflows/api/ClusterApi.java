package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.cluster.Instances;
import org.springframework.stereotype.Component;

/** {@code GET /api/cluster}: the instances of the service on this database, which are alive, which answers. */
@Component
class ClusterApi extends ApiRoutes {

    private final Instances instances;

    ClusterApi(ObjectMapper mapper, Instances instances) {
        super(mapper);
        this.instances = instances;
    }

    @Override
    protected void api() {
        rest("/api/cluster").get().routeId("api.cluster").to("direct:api.cluster");
        from("direct:api.cluster").routeId("api.cluster.handler").process(exchange ->
                respond(exchange, 200, instances.describe()));
    }
}
