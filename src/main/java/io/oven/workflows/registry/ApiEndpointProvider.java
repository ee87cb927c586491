package io.oven.workflows.registry;

import java.util.List;

/** A source of api-call nodes (a module's REST endpoints, an imported OpenAPI document). */
public interface ApiEndpointProvider {

    List<ApiEndpoint> apiEndpoints();
}
