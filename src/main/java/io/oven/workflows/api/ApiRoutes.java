package io.oven.workflows.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.jdbc.PostgresText;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of every REST DSL route builder: reading JSON bodies and path ids, writing JSON answers
 * and react-admin pages. Failures are answered by {@link ApiErrors}, the route configuration
 * every route built here uses.
 */
public abstract class ApiRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

    /**
     * Set on every API request by the security chain: the caller's name and role ({@code viewer},
     * {@code editor}, {@code admin}); whatever a client sent under these names is dropped first.
     */
    public static final String CALLER = "Oven-Caller";
    public static final String CALLER_ROLE = "Oven-Caller-Role";

    protected final ObjectMapper mapper;

    protected ApiRoutes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public final void configure() {
        api();
        // Every handler route of this feature answers failures through the API's one mapping.
        getRouteCollection().getRoutes().forEach(route -> route.routeConfigurationId(ApiErrors.ID));
    }

    /** A 403 unless the caller is an admin: for what only an admin may change inside a body. */
    protected static void requireAdmin(Exchange exchange, String what) {
        if (!"admin".equals(exchange.getIn().getHeader(CALLER_ROLE, String.class))) {
            throw Problem.forbidden(what + " is for admins");
        }
    }

    /** The REST DSL definitions of this feature. */
    protected abstract void api();

    /**
     * The request body as JSON; null when there is none. Malformed JSON and strings holding a NUL
     * character (which PostgreSQL cannot store) are a 400 saying where (bytes that are not UTF-8
     * never get here: {@link ApiRequestFilter} answers them).
     */
    protected JsonNode body(Exchange exchange) {
        byte[] bytes = exchange.getIn().getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        // ApiRequestFilter has refused bytes that are not UTF-8 before the route ran.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Problem.invalid("", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (text.contains("\\u0000")) {
            List<Violation> problems = new ArrayList<>();
            nulls(json, "", problems);
            if (!problems.isEmpty()) {
                throw Problem.invalid("the body holds NUL characters (\\u0000), which cannot be stored", problems);
            }
        }
        return json;
    }

    private static void nulls(JsonNode node, String at, List<Violation> problems) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            problems.add(new Violation(at, "holds a NUL character (\\u0000)"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulls(node.get(i), Pointer.child(at, i), problems);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = Pointer.child(at, e.getKey().replace('\u0000', PostgresText.REPLACEMENT));
                if (e.getKey().indexOf('\u0000') >= 0) {
                    problems.add(new Violation(child, "the key holds a NUL character (\\u0000)"));
                }
                nulls(e.getValue(), child, problems);
            });
        }
    }

    protected JsonNode requiredBody(Exchange exchange) {
        JsonNode body = body(exchange);
        if (body == null) {
            throw Problem.invalid("", "a JSON body is required");
        }
        return body;
    }

    /** A numeric path parameter; anything else is a 404 for that resource, as no such id exists. */
    protected long pathId(Exchange exchange, String header, String resource) {
        String value = exchange.getIn().getHeader(header, String.class);
        if (value == null || !value.matches("\\d{1,18}")) {
            throw Problem.notFound(resource + " '" + value + "'");
        }
        return Long.parseLong(value);
    }

    protected ListQuery listQuery(Exchange exchange, Map<String, String> sorts, String defaultSort, boolean ascending) {
        Message in = exchange.getIn();
        // Read from the query string itself: the browser's "Range: workflows=0-24" header would
        // otherwise shadow ?range=[0,24] (Camel headers are case-insensitive).
        Map<String, String> query = queryParameters(in.getHeader(Exchange.HTTP_QUERY, String.class));
        return ListQuery.parse(mapper, query.getOrDefault("sort", in.getHeader("sort", String.class)),
                query.getOrDefault("range", in.getHeader("range", String.class)),
                query.getOrDefault("filter", in.getHeader("filter", String.class)), sorts, defaultSort, ascending);
    }

    private static Map<String, String> queryParameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    protected void respondPage(Exchange exchange, String resource, ListQuery query, Page<?> page) {
        respond(exchange, 200, page.items());
        exchange.getMessage().setHeader("Content-Range", query.contentRange(resource, page.items().size(), page.total()));
    }

    /** Answers with a JSON body; request headers are dropped so they are not echoed back. */
    protected void respond(Exchange exchange, int status, Object body) {
        ApiErrors.respond(exchange, mapper, status, body);
    }
}
