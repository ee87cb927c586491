package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.cluster.Leadership;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/cluster}: the instances of the service on this database, which are alive, which
 * answers, what each runs, and who leads each singleton.
 */
@Component
class ClusterApi extends ApiRoutes {

    private final Instances instances;
    private final Leadership leadership;

    ClusterApi(ObjectMapper mapper, Instances instances, Leadership leadership) {
        super(mapper);
        this.instances = instances;
        this.leadership = leadership;
    }

    @Override
    protected void api() {
        rest("/api/cluster").get().routeId("api.cluster").to("direct:api.cluster");
        from("direct:api.cluster").routeId("api.cluster.handler").process(exchange ->
        {
            ObjectNode answer = instances.describe();
            ObjectNode singletons = answer.putObject("leaders");
            leadership.leaders().forEach(singletons::put);
            respond(exchange, 200, answer);
        });
    }
}
