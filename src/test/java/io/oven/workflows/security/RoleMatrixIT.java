package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every REST endpoint the service has (read from Camel's REST registry, so a new one is covered
 * without being listed here) and the console, called with no credentials, a revoked and an
 * expired token (401), and a viewer, editor and admin token: a role below the endpoint's is a
 * 403, a role at or above it gets past the login (whatever the endpoint then answers to a
 * made-up id or an empty body). Then spellings of an admin path that must not reach it as a viewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT extends IntegrationTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    final Map<String, ApiClient> callers = new LinkedHashMap<>();

    @BeforeAll
    void tokens() {
        String stamp = UUID.randomUUID().toString().substring(0, 8);
        for (String role : List.of("viewer", "editor", "admin")) {
            callers.put(role, api().withToken(token(role + "-" + stamp, role)));
        }
        String revoked = token("revoked-" + stamp, "admin");
        long revokedId = api().get("/api/tokens?filter=" + ApiClient.query("{\"q\":\"revoked-" + stamp + "\"}"))
                .json().get(0).get("id").asLong();
        assertThat(api().delete("/api/tokens/" + revokedId).json().get("revokedAt").isNull()).isFalse();
        String expired = token("expired-" + stamp, "admin");
        jdbc.update("update api_tokens set expires_at = now() - interval '1 second' where name = ?", "expired-" + stamp);
        callers.put("none", api().anonymous());
        callers.put("revoked", api().withToken(revoked));
        callers.put("expired", api().withToken(expired));
        callers.put("unknown", api().withToken("oven_not-a-token-anyone-made-0000000000"));
    }

    private String token(String name, String role) {
        ApiClient.Response made = api().post("/api/tokens", Map.of("name", name, "role", role, "expiresInDays", 30));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.json().get("token").asText()).startsWith("oven_");
        return made.json().get("token").asText();
    }

    record Endpoint(String method, String path, Role needs) {
    }

    /** Every REST endpoint, path parameters filled with an id no row has. */
    List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (RestRegistry.RestService service : camel.getRestRegistry().listAllRestServices()) {
            String path = service.getUrl().replaceFirst("^https?://[^/]+", "").replaceAll("\\{[^}]+}", "987654321");
            String method = service.getMethod().toUpperCase();
            all.add(new Endpoint(method, path, needs(method, path)));
        }
        assertThat(all).hasSizeGreaterThan(60);
        all.add(new Endpoint("GET", "/actuator/prometheus", Role.VIEWER));
        all.add(new Endpoint("GET", "/actuator/jolokia/version", Role.VIEWER));
        all.add(new Endpoint("GET", "/actuator/hawtio/", Role.ADMIN));
        all.add(new Endpoint("GET", "/actuator/env", Role.ADMIN));
        all.add(new Endpoint("GET", "/actuator/loggers", Role.ADMIN));
        return all;
    }

    private static Role needs(String method, String path) {
        if (path.startsWith("/api/users") || path.startsWith("/api/tokens") || path.startsWith("/api/audit-log")
                || method.equals("PUT") && path.endsWith("/sql-writes")) {
            return Role.ADMIN;
        }
        return method.equals("GET") || method.equals("HEAD") ? Role.VIEWER : Role.EDITOR;
    }

    private ApiClient.Response call(ApiClient client, Endpoint endpoint) {
        HttpRequest.Builder request = client.request(endpoint.path());
        return switch (endpoint.method()) {
            case "GET" -> client.send(request.GET());
            case "DELETE" -> client.send(request.DELETE());
            default -> client.send(request.header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}")));
        };
    }

    @Test
    void everyEndpointAsksForALoginAndTheRightRole() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, ApiClient> caller : callers.entrySet()) {
                ApiClient.Response response = call(caller.getValue(), endpoint);
                Role role = Role.of(caller.getKey()).orElse(null);
                int expected = role == null ? 401 : role.atLeast(endpoint.needs()) ? 0 : 403;
                boolean ok = expected == 0 ? response.status() != 401 && response.status() != 403 && response.status() < 500
                        : response.status() == expected;
                if (!ok) {
                    wrong.add(caller.getKey() + " " + endpoint.method() + " " + endpoint.path() + " -> " + response.status()
                            + " (wanted " + (expected == 0 ? "past the login" : expected) + "): " + response.text());
                } else if (expected != 0) {
                    JsonNode body = response.json();
                    if (!body.path("error").isTextual() || !body.path("details").isArray()) {
                        wrong.add(caller.getKey() + " " + endpoint.path() + ": not the error shape: " + response.text());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void healthAndTheDashboardPageNeedNoLogin() {
        assertThat(callers.get("none").get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(callers.get("none").get("/api/auth/me").status()).isEqualTo(401);
        JsonNode me = callers.get("viewer").get("/api/auth/me").json();
        assertThat(me.get("role").asText()).isEqualTo("viewer");
        assertThat(me.get("username").asText()).startsWith("token:viewer-");
    }

    @Test
    void noSpellingOfAnAdminPathLetsAViewerIn() {
        ApiClient viewer = callers.get("viewer");
        List<String> spellings = List.of("/api/users", "/api/users/", "/api//users", "/api/./users", "/api/%75sers",
                "/api/users;x=y", "/api/users%2F", "/api/users%2f1", "/api/tokens/..;/users", "/api/x/../users",
                "/api/users.json", "/api/USERS", "/api/%2e/users", "/api/users?x=/../workflows", "/api/audit-log%3B",
                "/api/tokens/%2e%2e/workflows", "/api/audit-log/", "/actuator/hawtio/../jolokia/../hawtio/");
        List<String> wrong = new ArrayList<>();
        for (String path : spellings) {
            ApiClient.Response response = viewer.get(path);
            if (response.status() < 400 || response.status() >= 500 || response.text().contains("passwordHash")
                    || response.text().contains("\"username\"")) {
                wrong.add(path + " -> " + response.status() + ": " + response.text());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aClientCannotClaimARoleThroughTheCallerHeaders() {
        ApiClient viewer = callers.get("viewer");
        ApiClient.Response claimed = viewer.send(viewer.request("/api/workflows").header("Oven-Caller-Role", "admin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(claimed.status()).isEqualTo(403);

        // An editor cannot make a secret config value by claiming to be an admin either.
        ApiClient editor = callers.get("editor");
        ApiClient.Response secret = editor.send(editor.request("/api/module-configs").header("Oven-Caller-Role", "admin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"moduleName\":\"players\",\"key\":\"K" + UUID.randomUUID().toString().substring(0, 6)
                                + "\",\"value\":\"s3cret\",\"secret\":true}")));
        assertThat(secret.status()).as(secret.text()).isEqualTo(403);
        assertThat(secret.json().get("error").asText()).contains("for admins");
    }
}
