package io.oven.workflows.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.compiler.StateKinds;
import io.oven.workflows.definition.JsonTypes;
import io.oven.workflows.definition.WorkflowValidator;
import io.oven.workflows.openapi.ImportedApis;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.ModuleRegistry;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** {@code GET /api/modules} and {@code GET /api/node-types}: what the editor builds palettes and forms from. */
@Component
class RegistryApi extends ApiRoutes {

    private final ModuleRegistry modules;
    private final NodeTypeRegistry nodeTypes;
    private final ImportedApis imports;

    private final StateKinds kinds;

    RegistryApi(ObjectMapper mapper, ModuleRegistry modules, NodeTypeRegistry nodeTypes, ImportedApis imports,
                StateKinds kinds) {
        super(mapper);
        this.kinds = kinds;
        this.modules = modules;
        this.nodeTypes = nodeTypes;
        this.imports = imports;
    }

    @Override
    protected void api() {
        rest("/api")
                .get("/modules").routeId("api.modules.list").to("direct:api.modules.list")
                .get("/modules/{name}").routeId("api.modules.get").to("direct:api.modules.get")
                .get("/node-types").routeId("api.node-types.list").to("direct:api.node-types.list")
                .post("/node-types/import").routeId("api.node-types.import").to("direct:api.node-types.import")
                .get("/node-types/imports").routeId("api.node-types.imports").to("direct:api.node-types.imports")
                .delete("/node-types/imports/{name}").routeId("api.node-types.imports.delete")
                .to("direct:api.node-types.imports.delete")
                .get("/node-types/{id}").routeId("api.node-types.get").to("direct:api.node-types.get")
                .get("/state-kinds").routeId("api.state-kinds").to("direct:api.state-kinds");

        // The kinds, guard operators and JSON types the server knows, so the editor's lists cannot drift.
        from("direct:api.state-kinds").routeId("api.state-kinds.handler").process(exchange -> {
            ObjectNode answer = mapper.createObjectNode();
            answer.set("kinds", mapper.valueToTree(kinds.descriptions()));
            WorkflowValidator.OPERATORS.stream().sorted().forEach(answer.putArray("operators")::add);
            JsonTypes.NAMES.stream().sorted().forEach(answer.putArray("types")::add);
            answer.put("stateId", WorkflowValidator.STATE_ID.pattern());
            respond(exchange, 200, answer);
        });

        from("direct:api.node-types.import").routeId("api.node-types.import.handler").process(exchange ->
                respond(exchange, 201, imports.importDocument(requiredBody(exchange))));
        from("direct:api.node-types.imports").routeId("api.node-types.imports.handler").process(exchange ->
                all(exchange, "imports", imports.list().stream().map(i -> (Object) i).toList()));
        from("direct:api.node-types.imports.delete").routeId("api.node-types.imports.delete.handler").process(exchange ->
                respond(exchange, 200, imports.delete(exchange.getIn().getHeader("name", String.class))));

        from("direct:api.modules.list").routeId("api.modules.list.handler").process(exchange ->
                all(exchange, "modules", modules.all().stream().map(m -> (Object) m).toList()));
        from("direct:api.modules.get").routeId("api.modules.get.handler").process(exchange -> {
            String name = exchange.getIn().getHeader("name", String.class);
            ModuleDescriptor module = modules.find(name).orElseThrow(() -> Problem.notFound("module '" + name + "'"));
            respond(exchange, 200, module);
        });
        from("direct:api.node-types.list").routeId("api.node-types.list.handler").process(exchange -> {
            JsonNode filter = filter(exchange);
            String q = filter.path("q").asText("").toLowerCase(Locale.ROOT);
            String module = filter.path("module").asText(null);
            String category = filter.path("category").asText(null);
            List<Object> types = nodeTypes.all().stream()
                    .filter(t -> q.isEmpty() || t.id().toLowerCase(Locale.ROOT).contains(q)
                            || t.label().toLowerCase(Locale.ROOT).contains(q))
                    .filter(t -> module == null || module.equals(t.module()))
                    .filter(t -> category == null || category.equals(t.category()))
                    .map(t -> (Object) t).toList();
            all(exchange, "node-types", types);
        });
        from("direct:api.node-types.get").routeId("api.node-types.get.handler").process(exchange -> {
            String id = exchange.getIn().getHeader("id", String.class);
            NodeType type = nodeTypes.find(id).orElseThrow(() -> Problem.notFound("node type '" + id + "'"));
            respond(exchange, 200, type);
        });
    }

    private JsonNode filter(Exchange exchange) {
        String text = exchange.getIn().getHeader("filter", String.class);
        if (text == null || text.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode filter = mapper.readTree(text);
            if (!filter.isObject()) {
                throw Problem.invalid("filter", "must be a JSON object, e.g. {\"module\":\"sessions\"}");
            }
            return filter;
        } catch (JsonProcessingException e) {
            throw Problem.invalid("filter", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Small, fixed lists: answered whole, with the Content-Range react-admin expects. */
    private void all(Exchange exchange, String resource, List<Object> items) {
        respond(exchange, 200, items);
        exchange.getMessage().setHeader("Content-Range", items.isEmpty() ? resource + " */0"
                : resource + " 0-" + (items.size() - 1) + "/" + items.size());
    }
}
