package io.oven.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.config.ConfigStore;
import io.oven.workflows.config.Masking;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/module-configs}: CRUD of config rows, {@code GET /resolve?moduleName=&key=&scopeId=}
 * and the batch {@code POST /resolve} with {@code { moduleName, keys: [...], scopeId }} or
 * {@code { lookups: [ { moduleName, key, scopeId } ] }}. Secret values are masked in every answer.
 */
@Component
class ConfigApi extends ApiRoutes {

    private final ConfigStore configs;

    ConfigApi(ObjectMapper mapper, ConfigStore configs) {
        super(mapper);
        this.configs = configs;
    }

    @Override
    protected void api() {
        rest("/api/module-configs")
                .get().routeId("api.configs.list").to("direct:api.configs.list")
                .post().routeId("api.configs.create").to("direct:api.configs.create")
                .get("/resolve").routeId("api.configs.resolve").to("direct:api.configs.resolve")
                .post("/resolve").routeId("api.configs.resolveBatch").to("direct:api.configs.resolveBatch")
                .get("/{id}").routeId("api.configs.get").to("direct:api.configs.get")
                .put("/{id}").routeId("api.configs.update").to("direct:api.configs.update")
                .delete("/{id}").routeId("api.configs.delete").to("direct:api.configs.delete");

        from("direct:api.configs.list").routeId("api.configs.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, ConfigStore.SORTS, "id", true);
            respondPage(exchange, "module-configs", query, configs.list(query));
        });
        from("direct:api.configs.create").routeId("api.configs.create.handler").process(exchange -> {
            JsonNode body = requiredBody(exchange);
            if (body.path("secret").asBoolean(false)) {
                requireAdmin(exchange, "a secret config value");
            }
            respond(exchange, 201, configs.create(body));
        });
        from("direct:api.configs.get").routeId("api.configs.get.handler").process(exchange ->
                respond(exchange, 200, configs.get(id(exchange))));
        from("direct:api.configs.update").routeId("api.configs.update.handler").process(exchange -> {
            JsonNode body = requiredBody(exchange);
            if (body.path("secret").asBoolean(false) || configs.get(id(exchange)).path("secret").asBoolean(false)) {
                requireAdmin(exchange, "a secret config value");
            }
            respond(exchange, 200, configs.update(id(exchange), body));
        });
        from("direct:api.configs.delete").routeId("api.configs.delete.handler").process(exchange -> {
            if (configs.get(id(exchange)).path("secret").asBoolean(false)) {
                requireAdmin(exchange, "a secret config value");
            }
            respond(exchange, 200, configs.delete(id(exchange)));
        });
        from("direct:api.configs.resolve").routeId("api.configs.resolve.handler").process(exchange -> {
            String module = exchange.getIn().getHeader("moduleName", String.class);
            String key = exchange.getIn().getHeader("key", String.class);
            List<Violation> problems = new ArrayList<>();
            if (module == null || module.isBlank()) {
                problems.add(new Violation("moduleName", "is required"));
            }
            if (key == null || key.isBlank()) {
                problems.add(new Violation("key", "is required"));
            }
            if (!problems.isEmpty()) {
                throw Problem.invalid("moduleName and key are required", problems);
            }
            respond(exchange, 200, resolved(module, key, exchange.getIn().getHeader("scopeId", String.class)));
        });
        from("direct:api.configs.resolveBatch").routeId("api.configs.resolveBatch.handler").process(exchange -> {
            JsonNode body = requiredBody(exchange);
            ArrayNode answers = mapper.createArrayNode();
            if (body.has("lookups")) {
                JsonNode lookups = body.get("lookups");
                if (!lookups.isArray()) {
                    throw Problem.invalid("lookups", "must be an array of { moduleName, key, scopeId }");
                }
                for (JsonNode lookup : lookups) {
                    answers.add(resolved(lookup.path("moduleName").asText(null), lookup.path("key").asText(null),
                            lookup.path("scopeId").isMissingNode() || lookup.get("scopeId").isNull() ? null
                                    : lookup.get("scopeId").asText()));
                }
            } else {
                JsonNode keys = body.get("keys");
                if (!body.path("moduleName").isTextual() || keys == null || !keys.isArray()) {
                    throw Problem.invalid("invalid batch", List.of(
                            new Violation("", "send { moduleName, keys: [..], scopeId } or { lookups: [ { moduleName, key, scopeId } ] }")));
                }
                String scopeId = body.path("scopeId").isMissingNode() || body.get("scopeId").isNull() ? null
                        : body.get("scopeId").asText();
                keys.forEach(k -> answers.add(resolved(body.get("moduleName").asText(), k.asText(), scopeId)));
            }
            respond(exchange, 200, answers);
        });
    }

    private ObjectNode resolved(String module, String key, String scopeId) {
        if (module == null || key == null) {
            throw Problem.invalid("moduleName and key are required in every lookup", List.of());
        }
        ConfigResolver.Resolved r = configs.resolve(module, key, scopeId)
                .orElseThrow(() -> Problem.notFound("config key " + module + "." + key));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("moduleName", module);
        answer.put("key", key);
        answer.set("value", r.secret() ? mapper.getNodeFactory().textNode(Masking.MASK) : r.value());
        answer.put("source", r.source());
        answer.put("scopeId", scopeId);
        answer.put("secret", r.secret());
        return answer;
    }

    private long id(Exchange exchange) {
        return pathId(exchange, "id", "config");
    }
}
