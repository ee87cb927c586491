package io.oven.workflows.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed definitions, bodies, content types, encodings and path ids sent to every endpoint (the
 * module endpoints read from {@code GET /api/modules}): never a 5xx, always the JSON error shape,
 * and a refused create changes no list. A fixed seed and count in the build;
 * {@code -Doven.fuzz.requests=N -Doven.fuzz.seed=S} for more.
 */
class ApiFuzzIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int REQUESTS = Integer.getInteger("oven.fuzz.requests", 1500);
    static final long SEED = Long.getLong("oven.fuzz.seed", 20261202L);
    /** Ids no row has (the fuzzer must not delete or change the rows other tests rely on), and odd ones. */
    static final List<String> IDS = List.of("0", "-1", "987654321", "99999999999999999999", "abc", "1.5", "%00",
            "..%2f..%2fetc", "%2e%2e", "987654321;x=y", "%20", "null", "9e9", "%C0%AE", "x%00y");
    static final List<String> TYPES = List.of("application/json", "application/json; charset=utf-8", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png",
            "application/json; charset=utf-16", "application/xml", "application/merge-patch+json");
    static final List<String> FIELDS = List.of("name", "slug", "definition", "params", "states", "initial", "triggerEvent",
            "enabled", "version", "sourceEvent", "targetAction", "transform", "condition", "moduleName", "key", "value",
            "scope", "scopeId", "payload", "username", "playerId", "mapId", "document", "baseUrl", "strategy", "id");

    record Endpoint(String method, String path) {
    }

    @Test
    void noRequestIsAnsweredWithAServerErrorOrWithoutTheErrorShape() throws Exception {
        ApiClient api = api();
        List<Endpoint> endpoints = endpoints(api);
        Random random = new Random(SEED);
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String path = endpoint.path().replaceAll("\\{[^}]+}", IDS.get(random.nextInt(IDS.size())));
            boolean create = endpoint.method().equals("POST") && path.indexOf('/', "/api/".length()) < 0;
            int before = create ? count(api, path) : 0;
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
            } catch (IllegalArgumentException e) {
                continue; // not a URI a client can send
            }
            byte[] body = body(random);
            if (endpoint.method().equals("GET") || endpoint.method().equals("DELETE")) {
                request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                if (random.nextInt(5) > 0) {
                    request.header("Content-Type", TYPES.get(random.nextInt(TYPES.size())));
                }
                request.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
            }
            Response response = api.send(request);
            String what = endpoint.method() + " " + path + " with " + new String(body, StandardCharsets.UTF_8)
                    .substring(0, Math.min(body.length, 300)) + " answered " + response.status() + " " + response.text();
            statuses.merge(endpoint.method() + " " + (response.status() / 100) + "xx", 1, Integer::sum);
            assertThat(response.status()).as(what).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type").orElse("")).as(what).startsWith("application/json");
                JsonNode error = response.json();
                assertThat(error.path("error").isTextual()).as(what).isTrue();
                assertThat(error.path("details").isArray()).as(what).isTrue();
                assertThat(response.text()).as(what).doesNotContain("Exception", "<html", "\tat ");
                if (create) {
                    assertThat(count(api, path)).as("a refused %s stored nothing", what).isEqualTo(before);
                }
            }
        }
        System.out.println("api fuzz: " + REQUESTS + " requests, seed " + SEED + ": " + statuses);
    }

    /** Every endpoint: the service's own, and each module endpoint it lists. */
    List<Endpoint> endpoints(ApiClient api) {
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                new Endpoint("GET", "/api/workflows"), new Endpoint("POST", "/api/workflows"),
                new Endpoint("GET", "/api/workflows/{id}"), new Endpoint("PUT", "/api/workflows/{id}"),
                new Endpoint("DELETE", "/api/workflows/{id}"), new Endpoint("POST", "/api/workflows/validate"),
                new Endpoint("GET", "/api/workflows/{id}/versions"), new Endpoint("GET", "/api/workflows/{id}/versions/{v}"),
                new Endpoint("POST", "/api/workflows/{id}/versions/{v}/restore"),
                new Endpoint("POST", "/api/workflows/{id}/execute"), new Endpoint("POST", "/api/workflows/{id}/compile"),
                new Endpoint("GET", "/api/workflow-executions"), new Endpoint("GET", "/api/workflow-executions/{id}"),
                new Endpoint("POST", "/api/workflow-executions/{id}/cancel"),
                new Endpoint("GET", "/api/node-types"), new Endpoint("GET", "/api/node-types/{id}"),
                new Endpoint("POST", "/api/node-types/import"), new Endpoint("GET", "/api/node-types/imports"),
                new Endpoint("DELETE", "/api/node-types/imports/{id}"), new Endpoint("GET", "/api/state-kinds"),
                new Endpoint("GET", "/api/modules"), new Endpoint("GET", "/api/modules/{id}"),
                new Endpoint("GET", "/api/event-wirings"), new Endpoint("POST", "/api/event-wirings"),
                new Endpoint("GET", "/api/event-wirings/{id}"), new Endpoint("PUT", "/api/event-wirings/{id}"),
                new Endpoint("DELETE", "/api/event-wirings/{id}"), new Endpoint("GET", "/api/wiring-firings"),
                new Endpoint("GET", "/api/events"), new Endpoint("POST", "/api/events"), new Endpoint("GET", "/api/events/{id}"),
                new Endpoint("GET", "/api/module-configs"), new Endpoint("POST", "/api/module-configs"),
                new Endpoint("GET", "/api/module-configs/{id}"), new Endpoint("PUT", "/api/module-configs/{id}"),
                new Endpoint("DELETE", "/api/module-configs/{id}"), new Endpoint("GET", "/api/module-configs/resolve"),
                new Endpoint("POST", "/api/module-configs/resolve")));
        for (JsonNode module : api.get("/api/modules").json()) {
            for (JsonNode e : module.path("endpoints")) {
                endpoints.add(new Endpoint(e.get("method").asText(), e.get("route").asText().replaceAll(":([A-Za-z_]+)", "{$1}")));
            }
        }
        return endpoints;
    }

    /** How many rows a list endpoint reports (Content-Range), to see that a refused create stored nothing. */
    int count(ApiClient api, String path) {
        Response list = api.get(path + "?range=" + ApiClient.query("[0,0]"));
        String range = list.header("Content-Range").orElse("");
        return range.contains("/") ? Integer.parseInt(range.substring(range.lastIndexOf('/') + 1)) : -1;
    }

    byte[] body(Random random) throws Exception {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.UTF_8);
            case 2 -> new byte[]{(byte) 0xC3, (byte) 0x28, '{', '}'};
            case 3 -> "{\"name\":\"a\\u0000b\",\"definition\":{\"initial\":\"x\\u0000\"}}".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[" + "[".repeat(2000) + "]".repeat(2000) + "]").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"name\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 6 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 7 -> "null".getBytes(StandardCharsets.UTF_8);
            default -> MAPPER.writeValueAsBytes(object(random, 3));
        };
    }

    Object object(Random random, int depth) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            map.put(FIELDS.get(random.nextInt(FIELDS.size())), value(random, depth - 1));
        }
        return map;
    }

    Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 9)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextDouble() * 1e300;
            case 3 -> random.nextBoolean();
            case 4 -> "${sysenv.HOME}";
            case 5 -> "{% $pad('x', 99999999) %}";
            case 6 -> "";
            case 7 -> "$.a.b";
            case 8 -> List.of();
            case 9 -> object(random, depth);
            default -> java.util.Arrays.asList(value(random, depth - 1), value(random, depth - 1));
        };
    }
}
