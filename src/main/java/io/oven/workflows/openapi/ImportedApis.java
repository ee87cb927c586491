package io.oven.workflows.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.registry.ApiEndpoint;
import io.oven.workflows.registry.EgressPolicy;
import io.oven.workflows.registry.ModuleRegistry;
import io.oven.workflows.registry.NodeTypeRegistry;
import io.oven.workflows.settings.ServiceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Imported OpenAPI documents: stored in {@code api_imports}, registered as node types at start
 * and on each import (an import of the same name replaces the previous one entirely).
 */
@Component
public class ImportedApis {

    private static final Logger log = LoggerFactory.getLogger(ImportedApis.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final NodeTypeRegistry registry;
    private final ModuleRegistry modules;
    private final List<String> allowedHosts;
    private final EgressPolicy egress;
    private final Map<String, ApiEndpoint> endpoints = new ConcurrentHashMap<>();

    ImportedApis(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, NodeTypeRegistry registry, ModuleRegistry modules,
                 ServiceSettings settings, EgressPolicy egress) {
        List<String> allowedHosts = settings.openapi().allowedHosts();
        this.egress = egress;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.registry = registry;
        this.modules = modules;
        this.allowedHosts = allowedHosts.stream().filter(h -> !h.isBlank()).toList();
        jdbc.query("select name, base_url, document::text as document from api_imports order by name", Map.of(),
                (rs, n) -> {
                    String name = rs.getString("name");
                    OpenApiReader.Result read = OpenApiReader.read(name, rs.getString("base_url"),
                            tree(rs.getString("document")));
                    if (read.problems().isEmpty()) {
                        register(name, read.endpoints());
                    } else {
                        log.error("stored OpenAPI import {} no longer reads: {}", name, read.problems());
                    }
                    return null;
                });
    }

    /** The api-call endpoint of an imported node type. */
    public Optional<ApiEndpoint> endpoint(String nodeType) {
        return Optional.ofNullable(endpoints.get(nodeType));
    }

    /** Imports {@code { name, baseUrl, document | url }}; answers what was registered. */
    public ObjectNode importDocument(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "send { name, baseUrl, document } or { name, baseUrl, url }");
        }
        String name = body.path("name").asText(null);
        String baseUrl = body.path("baseUrl").asText(null);
        JsonNode document = body.get("document");
        if (document == null && body.hasNonNull("url")) {
            document = fetch(body.get("url").asText());
        }
        if (name != null && modules.find(name).isPresent()) {
            throw Problem.conflict("'" + name + "' is a module of this service; pick another name", "name");
        }
        OpenApiReader.Result read = OpenApiReader.read(name, baseUrl, document);
        if (!read.problems().isEmpty()) {
            throw Problem.invalid("the OpenAPI document cannot be imported: " + read.problems().size()
                    + (read.problems().size() == 1 ? " problem" : " problems"), read.problems());
        }
        try {
            register(name, read.endpoints());
        } catch (IllegalArgumentException e) {
            throw Problem.conflict(e.getMessage(), "name");
        }
        jdbc.update("insert into api_imports (name, base_url, document) values (:name, :baseUrl, cast(:document as jsonb)) "
                        + "on conflict (name) do update set base_url = excluded.base_url, document = excluded.document, "
                        + "updated_at = now()",
                new MapSqlParameterSource().addValue("name", name).addValue("baseUrl", baseUrl)
                        .addValue("document", json(document)));
        ObjectNode answer = mapper.createObjectNode().put("name", name).put("baseUrl", baseUrl);
        read.endpoints().forEach(e -> answer.withArray("nodeTypes").add(e.type().id()));
        return answer;
    }

    public List<ObjectNode> list() {
        return jdbc.query("select name, base_url, created_at, updated_at from api_imports order by name", Map.of(),
                (rs, n) -> {
                    ObjectNode row = mapper.createObjectNode();
                    row.put("id", rs.getString("name"));
                    row.put("name", rs.getString("name"));
                    row.put("baseUrl", rs.getString("base_url"));
                    row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    row.put("updatedAt", rs.getTimestamp("updated_at").toInstant().toString());
                    String name = rs.getString("name");
                    endpoints.values().stream().filter(e -> e.type().module().equals(name)).map(e -> e.type().id())
                            .sorted().forEach(id -> row.withArray("nodeTypes").add(id));
                    return row;
                });
    }

    public ObjectNode delete(String name) {
        int removed = jdbc.update("delete from api_imports where name = :name", Map.of("name", name));
        if (removed == 0) {
            throw Problem.notFound("OpenAPI import '" + name + "'");
        }
        register(name, List.of());
        return mapper.createObjectNode().put("id", name).put("name", name);
    }

    private synchronized void register(String name, List<ApiEndpoint> imported) {
        registry.replaceModule(name, imported.stream().map(ApiEndpoint::type).toList());
        endpoints.values().removeIf(e -> e.type().module().equals(name));
        imported.forEach(e -> endpoints.put(e.type().id(), e));
    }

    /** Reads a document from a URL whose host is on {@code oven.openapi.allowed-hosts}. */
    private JsonNode fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("url", "is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !allowedHosts.contains(uri.getHost())) {
            throw Problem.invalid("url", "host '" + uri.getHost() + "' is not on the allow-list "
                    + "(oven.openapi.allowed-hosts): send the document in the body instead");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw Problem.invalid("url", "must be an http(s) URL");
        }
        // Listed for imports, the host must still not resolve to an internal address unless listed for egress.
        Optional<String> internal = new EgressPolicy(Stream.concat(allowedHosts.stream(),
                egress.allowed().stream()).toList()).refusal(uri.getHost());
        if (internal.isPresent()) {
            throw Problem.invalid("url", internal.get());
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw Problem.invalid("url", "answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw Problem.invalid("url", "did not answer a JSON document: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.invalid("url", "could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.invalid("url", "reading it was interrupted");
        }
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
