package io.oven.workflows.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.kit.ApiCallFailure;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.registry.ApiEndpoint;
import io.oven.workflows.registry.EgressPolicy;
import io.oven.workflows.registry.HttpBase;
import io.oven.workflows.registry.LocalService;
import io.oven.workflows.registry.NodeType;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.DefaultExchange;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An api-call node: the endpoint's in-process {@code direct:} route ({@code direct}), real HTTP
 * through camel-http ({@code network}), or nothing at all ({@code none}, a dry run that records
 * the input). The input is flat (path parameters by name, the rest to the query string for
 * GET/DELETE or the JSON body otherwise) or structured as {@code { params, pathParams, body }}.
 */
public final class ApiCallNode implements NodeExecutor {

    private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> STRUCTURED = Set.of("params", "pathParams", "body");

    private final ApiEndpoint endpoint;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final ObjectMapper mapper;
    private final LocalService local;
    private final List<String> pathParams = new ArrayList<>();
    /** The checked base of an external API; null for a local module (called on this service's own port). */
    private final HttpBase base;
    private final EgressPolicy egress;
    private static final int MAX_REDIRECTS = 5;

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public ApiCallNode(ApiEndpoint endpoint, CamelContext camel, ProducerTemplate template, ObjectMapper mapper,
                       LocalService local, EgressPolicy egress) {
        this.egress = egress;
        this.endpoint = endpoint;
        this.camel = camel;
        this.template = template;
        this.mapper = mapper;
        this.local = local;
        if (endpoint.baseUrl() == null) {
            this.base = null;
        } else {
            HttpBase.Parsed parsed = HttpBase.parse(endpoint.baseUrl());
            this.base = parsed.base().orElseThrow(() -> new IllegalArgumentException("base URL of "
                    + endpoint.type().id() + " " + parsed.problem()));
        }
        if (!HttpBase.plainRoute(endpoint.type().route())) {
            throw new IllegalArgumentException("route of " + endpoint.type().id() + " is not a plain path");
        }
        Matcher m = PATH_PARAM.matcher(endpoint.type().route());
        while (m.find()) {
            pathParams.add(m.group(1));
        }
    }

    @Override
    public NodeType nodeType() {
        return endpoint.type();
    }

    @Override
    public JsonNode execute(NodeCall call) throws Exception {
        String strategy = call.strategy() == null ? endpoint.defaultStrategy() : call.strategy();
        Request request = request(call.input());
        return switch (strategy) {
            case "none" -> null;
            case "direct" -> direct(request);
            case "network" -> network(request);
            default -> throw new NodeFailure("unknown execution strategy '" + strategy + "'");
        };
    }

    private record Request(Map<String, String> path, Map<String, String> query, JsonNode body, String uri) {
    }

    private Request request(ObjectNode input) {
        boolean structured = input.size() > 0 && input.properties().stream().allMatch(e -> STRUCTURED.contains(e.getKey()));
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean sendsBody = Set.of("POST", "PUT", "PATCH").contains(endpoint.type().method());
        if (structured) {
            fields(input.get("pathParams"), path::put);
            fields(input.get("params"), query::put);
            JsonNode b = input.get("body");
            if (b != null && b.isObject()) {
                body.setAll((ObjectNode) b);
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (pathParams.contains(e.getKey())) {
                    path.put(e.getKey(), text(e.getValue()));
                } else if (sendsBody) {
                    body.set(e.getKey(), e.getValue());
                } else if (!e.getValue().isNull()) {
                    query.put(e.getKey(), text(e.getValue()));
                }
            }
        }
        String uri = endpoint.type().route();
        for (String name : pathParams) {
            String value = path.get(name);
            if (value == null || value.isEmpty()) {
                throw new NodeFailure("path parameter '" + name + "' of " + endpoint.type().method() + " "
                        + endpoint.type().route() + " is missing");
            }
            uri = uri.replace(":" + name, URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return new Request(path, query, sendsBody ? body : null, uri);
    }

    private JsonNode direct(Request request) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        // The module's route reads its parameters from headers, as the REST consumer gives them;
        // a name Camel reads as an instruction (CamelHttpQuery, in any letter case) is refused.
        for (Map<String, String> params : List.of(request.path(), request.query())) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (reserved(e.getKey())) {
                    throw new NodeFailure("input '" + e.getKey() + "' of " + endpoint.type().id() + " is not a parameter: "
                            + "names starting with 'camel' are reserved");
                }
                exchange.getIn().setHeader(e.getKey(), e.getValue());
            }
        }
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, endpoint.type().method());
        if (request.body() != null) {
            exchange.getIn().setBody(mapper.writeValueAsString(request.body()));
        }
        Exchange done = template.send(resolved(endpoint.directUri()), exchange);
        if (done.getException() != null) {
            throw new NodeFailure(endpoint.type().id() + " failed: " + done.getException().getMessage(), done.getException());
        }
        return answer(done);
    }

    private JsonNode network(Request request) throws Exception {
        String query = null;
        if (!request.query().isEmpty()) {
            StringBuilder q = new StringBuilder();
            request.query().forEach((k, v) -> q.append(q.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            query = q.toString();
        }
        String method = endpoint.type().method();
        String body = request.body() == null ? null : mapper.writeValueAsString(request.body());
        if (base == null) {
            // One of this service's own modules, on its own port: no egress rule applies, no redirect is expected.
            Exchange done = send(local.baseUrl().get() + "?throwExceptionOnFailure=false&followRedirects=false",
                    method, request.uri(), query, body, local.authorization());
            return answer(redirectRefused(done));
        }
        HttpBase target = base;
        String path = base.path() + request.uri();
        for (int hop = 0; ; hop++) {
            Optional<String> refused = egress.refusal(target.host());
            if (refused.isPresent()) {
                throw new NodeFailure(endpoint.type().id() + " may not call out: " + refused.get());
            }
            Exchange done = send(target.originUri(), method, path, query, body, null);
            int status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
            if (status < 300 || status >= 400 || status == 304) {
                return answer(done);
            }
            // Redirects are followed here, each hop checked against the egress rules like the first.
            String location = done.getMessage().getHeader("Location", String.class);
            if (location == null || hop >= MAX_REDIRECTS) {
                throw new NodeFailure(endpoint.type().id() + " answered " + status + (location == null
                        ? " without a Location" : " after " + MAX_REDIRECTS + " redirects") + ": not followed");
            }
            URI next;
            try {
                next = URI.create(target.originUri().replaceFirst("\\?.*$", "") + path).resolve(location);
            } catch (IllegalArgumentException e) {
                throw new NodeFailure(endpoint.type().id() + " redirected to a malformed location: " + location);
            }
            HttpBase.Parsed origin = HttpBase.parse(next.getScheme() + "://" + next.getRawAuthority());
            if (origin.base().isEmpty()) {
                throw new NodeFailure(endpoint.type().id() + " redirected to " + location + ", which " + origin.problem());
            }
            target = origin.base().get();
            path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
            query = next.getRawQuery();
            if (status == 303 || (status == 301 || status == 302) && !"GET".equals(method)) {
                method = "GET";
                body = null;
            }
        }
    }

    /** One HTTP call; {@code authorization} only for this service's own modules, never for another host. */
    private Exchange send(String uri, String method, String path, String query, String body, String authorization) {
        Exchange exchange = new DefaultExchange(camel);
        if (authorization != null) {
            exchange.getIn().setHeader("Authorization", authorization);
        }
        // As camel-http's own enum: given as text, every call would go through a type converter lookup.
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, httpMethod(method));
        exchange.getIn().setHeader(Exchange.HTTP_PATH, path);
        if (query != null) {
            exchange.getIn().setHeader(Exchange.HTTP_QUERY, query);
        }
        if (body != null) {
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getIn().setBody(body);
        }
        Exchange done = template.send(resolved(uri), exchange);
        if (done.getException() != null) {
            throw new NodeFailure(endpoint.type().id() + " could not be reached: " + done.getException().getMessage(),
                    done.getException());
        }
        return done;
    }

    /**
     * The camel-http endpoint of an origin, resolved once: a URI given as text is normalised and
     * looked up on every send. Origins are few (a base URL, the hosts its redirects lead to).
     */
    private Endpoint resolved(String uri) {
        if (endpoints.size() > 64) {
            endpoints.clear();
        }
        return endpoints.computeIfAbsent(uri, camel::getEndpoint);
    }

    private static Object httpMethod(String method) {
        try {
            return HttpMethods.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notOneOfThem) {
            return method;
        }
    }

    private Exchange redirectRefused(Exchange done) {
        int status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        if (status >= 300 && status < 400 && status != 304) {
            throw new NodeFailure(endpoint.type().id() + " answered " + status + ": redirects are not followed");
        }
        return done;
    }

    /** The answer's JSON; a 4xx or 5xx fails the node with the error the endpoint gave. */
    private JsonNode answer(Exchange done) throws Exception {
        Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String text = done.getMessage().getBody(String.class);
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? JsonNodeFactory.instance.nullNode() : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            if (status >= 400) {
                throw new ApiCallFailure(endpoint.type().method() + " " + endpoint.type().route() + " answered "
                        + status + ": " + shown, status, null);
            }
            throw new NodeFailure(endpoint.type().method() + " " + endpoint.type().route() + " answered " + status
                    + " with a body that is not JSON: " + shown);
        }
        if (status >= 400) {
            String error = body.has("error") ? body.get("error").asText() : text;
            JsonNode details = body.get("details");
            StringBuilder message = new StringBuilder(endpoint.type().method() + " " + endpoint.type().route()
                    + " answered " + status + ": " + error);
            if (details != null && details.isArray()) {
                for (JsonNode detail : details) {
                    String path = detail.path("path").asText("");
                    message.append(message.indexOf(" — ") < 0 ? " — " : "; ")
                            .append(path.isEmpty() ? "" : path + ": ").append(detail.path("message").asText(detail.toString()));
                }
            }
            throw new ApiCallFailure(message.toString(), status, details != null && details.isArray() ? details : null);
        }
        return body;
    }

    /**
     * Header names Camel components read as instructions ({@code CamelHttpQuery}, …) and the
     * caller headers the security chain sets ({@code Oven-Caller*}), in any letter case.
     */
    public static boolean reserved(String name) {
        return name.regionMatches(true, 0, "camel", 0, 5) || name.regionMatches(true, 0, "oven-caller", 0, 11);
    }

    private static void fields(JsonNode node, BiConsumer<String, String> into) {
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> into.accept(e.getKey(), text(e.getValue())));
        }
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
