package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.openapi.ImportedApis;
import io.oven.workflows.registry.ApiEndpoint;
import io.oven.workflows.registry.ApiEndpointProvider;
import io.oven.workflows.registry.EgressPolicy;
import io.oven.workflows.registry.LocalService;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What executes each node type: the core executors, an api-call executor per module endpoint,
 * and one for an imported API operation when it is asked for (imports come and go at run time).
 * The compiler and wirings both look node types up here.
 */
@Component
public class NodeExecutors {

    private final Map<String, NodeExecutor> byType = new HashMap<>();
    private final Function<String, Optional<ApiEndpoint>> imported;
    private final Function<ApiEndpoint, NodeExecutor> apiCall;

    @Autowired
    NodeExecutors(List<NodeExecutor> executors, List<ApiEndpointProvider> apis, ImportedApis imports, CamelContext camel,
                  ObjectMapper mapper, LocalService local, EgressPolicy egress) {
        this(executors, apis.stream().flatMap(p -> p.apiEndpoints().stream()).toList(), imports::endpoint, camel, mapper,
                local, egress);
    }

    /** Without Spring (tests on a bare CamelContext): the executors and API endpoints given. */
    public NodeExecutors(List<NodeExecutor> executors, List<ApiEndpoint> endpoints,
                         Function<String, Optional<ApiEndpoint>> imported, CamelContext camel, ObjectMapper mapper,
                         LocalService local, EgressPolicy egress) {
        ProducerTemplate template = camel.createProducerTemplate();
        this.apiCall = endpoint -> new ApiCallNode(endpoint, camel, template, mapper, local, egress);
        this.imported = imported;
        executors.forEach(executor -> byType.put(executor.type(), executor));
        endpoints.forEach(endpoint -> byType.put(endpoint.type().id(), apiCall.apply(endpoint)));
    }

    /** What runs a node type, if anything does. */
    public Optional<NodeExecutor> find(String nodeType) {
        NodeExecutor executor = byType.get(nodeType);
        return executor != null ? Optional.of(executor) : imported.apply(nodeType).map(apiCall);
    }
}
