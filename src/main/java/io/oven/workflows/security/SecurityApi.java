package io.oven.workflows.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.ApiRoutes;
import io.oven.workflows.jdbc.ListQuery;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /api/users} (CRUD; never a password hash), {@code /api/tokens} (list, make — the answer
 * holds the token, shown once —, revoke with {@code DELETE}) and {@code /api/audit-log} (filter
 * {@code actor}, {@code action}, {@code targetType}, {@code targetId}, {@code since}): admins only
 * ({@link SecurityConfiguration}).
 */
@Component
class SecurityApi extends ApiRoutes {

    private final Users users;
    private final ApiTokens tokens;
    private final AuditLog audit;

    SecurityApi(ObjectMapper mapper, Users users, ApiTokens tokens, AuditLog audit) {
        super(mapper);
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void api() {
        rest("/api/users")
                .get().routeId("api.users.list").to("direct:api.users.list")
                .post().routeId("api.users.create").to("direct:api.users.create")
                .get("/{id}").routeId("api.users.get").to("direct:api.users.get")
                .put("/{id}").routeId("api.users.update").to("direct:api.users.update")
                .delete("/{id}").routeId("api.users.delete").to("direct:api.users.delete");
        rest("/api/tokens")
                .get().routeId("api.tokens.list").to("direct:api.tokens.list")
                .post().routeId("api.tokens.create").to("direct:api.tokens.create")
                .get("/{id}").routeId("api.tokens.get").to("direct:api.tokens.get")
                .delete("/{id}").routeId("api.tokens.revoke").to("direct:api.tokens.revoke");
        rest("/api/audit-log")
                .get().routeId("api.audit.list").to("direct:api.audit.list");

        from("direct:api.users.list").routeId("api.users.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, Users.SORTS, "id", true);
            respondPage(exchange, "users", query, users.list(query));
        });
        from("direct:api.users.create").routeId("api.users.create.handler").process(exchange ->
                respond(exchange, 201, users.create(requiredBody(exchange))));
        from("direct:api.users.get").routeId("api.users.get.handler").process(exchange ->
                respond(exchange, 200, users.get(id(exchange, "user"))));
        from("direct:api.users.update").routeId("api.users.update.handler").process(exchange ->
                respond(exchange, 200, users.update(id(exchange, "user"), requiredBody(exchange))));
        from("direct:api.users.delete").routeId("api.users.delete.handler").process(exchange ->
                respond(exchange, 200, users.delete(id(exchange, "user"))));

        from("direct:api.tokens.list").routeId("api.tokens.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, ApiTokens.SORTS, "id", false);
            respondPage(exchange, "tokens", query, tokens.list(query));
        });
        from("direct:api.tokens.create").routeId("api.tokens.create.handler").process(exchange ->
                respond(exchange, 201, tokens.create(requiredBody(exchange),
                        exchange.getIn().getHeader(Caller.NAME, String.class))));
        from("direct:api.tokens.get").routeId("api.tokens.get.handler").process(exchange ->
                respond(exchange, 200, tokens.get(id(exchange, "token"))));
        from("direct:api.tokens.revoke").routeId("api.tokens.revoke.handler").process(exchange ->
                respond(exchange, 200, tokens.revoke(id(exchange, "token"))));

        from("direct:api.audit.list").routeId("api.audit.list.handler").process(exchange -> {
            ListQuery query = listQuery(exchange, AuditLog.SORTS, "id", false);
            respondPage(exchange, "audit-log", query, audit.list(query));
        });
    }

    private long id(Exchange exchange, String resource) {
        return pathId(exchange, "id", resource);
    }
}
