package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's session as a browser holds it (cookies, the CSRF token echoed in a header),
 * users and their roles, per-token limits, and the audit rows every kind of change leaves.
 */
class LoginAndAuditIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.CamelContext camel;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A browser: a cookie jar, same-origin requests. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> send(String method, String path, String body, boolean csrf) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (csrf && cookie("XSRF-TOKEN") != null) {
                request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
            return send("POST", "/api/auth/login", MAPPER.writeValueAsString(Map.of("username", user, "password", password)), false);
        }
    }

    private JsonNode audit(String filter) {
        return api().get("/api/audit-log?filter=" + ApiClient.query(filter) + "&range=" + ApiClient.query("[0,99]")).json();
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenForChangesAndEndsAtLogout() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.send("GET", "/api/workflows", null, false).statusCode()).isEqualTo(401);

        HttpResponse<String> wrong = browser.login("admin", "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("wrong user name or password");

        HttpResponse<String> login = browser.login("admin", ApiClient.ADMIN_PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(login.body()).get("role").asText()).isEqualTo("admin");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();

        assertThat(browser.send("GET", "/api/workflows", null, false).statusCode()).isEqualTo(200);
        String event = "{\"name\":\"security.csrf.probe\",\"payload\":{}}";
        HttpResponse<String> forged = browser.send("POST", "/api/events", event, false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        assertThat(browser.send("POST", "/api/events", event, true).statusCode()).isEqualTo(201);

        assertThat(browser.send("POST", "/api/auth/logout", null, true).statusCode()).isEqualTo(200);
        assertThat(browser.send("GET", "/api/workflows", null, false).statusCode()).isEqualTo(401);

        assertThat(audit("{\"action\":\"auth.login\",\"actor\":\"admin\"}").size()).isPositive();
        assertThat(audit("{\"action\":\"auth.login.failed\",\"actor\":\"admin\"}").size()).isPositive();
        assertThat(audit("{\"action\":\"auth.logout\",\"actor\":\"admin\"}").size()).isPositive();
    }

    @Test
    void aSessionIdIsNewAfterLogin() throws Exception {
        Browser browser = new Browser();
        browser.send("GET", "/api/auth/me", null, false);
        browser.login("admin", ApiClient.ADMIN_PASSWORD);
        String first = browser.cookie("JSESSIONID");
        browser.login("admin", ApiClient.ADMIN_PASSWORD);
        assertThat(browser.cookie("JSESSIONID")).isNotBlank().isNotEqualTo(first);
    }

    /** A token or Basic caller is stateless: no HTTP session is made for it (each one used to live 12 h). */
    @Test
    void tokenAndBasicCallersGetNoSession() {
        ApiClient.Response withToken = api().post("/api/workflows/validate", "{\"initial\":\"a\",\"states\":{\"a\":{\"type\":\"final\"}}}");
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.headers().allValues("Set-Cookie")).as("token").noneMatch(c -> c.startsWith("JSESSIONID"));
        ApiClient.Response withBasic = ApiClient.at("http://127.0.0.1:" + port).withLogin("admin", ApiClient.ADMIN_PASSWORD)
                .get("/api/workflows");
        assertThat(withBasic.status()).isEqualTo(200);
        assertThat(withBasic.headers().allValues("Set-Cookie")).as("basic").noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void usersHaveRolesAndTheLastAdminStays() throws Exception {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response made = api().post("/api/users", Map.of("username", name, "password", "a long password 1", "role", "viewer"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.text()).doesNotContain("password");
        long id = made.json().get("id").asLong();

        ApiClient viewer = api().withLogin(name, "a long password 1");
        assertThat(viewer.get("/api/workflows").status()).isEqualTo(200);
        assertThat(viewer.post("/api/workflows", Map.of("name", "nope")).status()).isEqualTo(403);
        assertThat(viewer.get("/api/users").status()).isEqualTo(403);

        assertThat(api().put("/api/users/" + id, Map.of("role", "editor")).status()).isEqualTo(200);
        assertThat(viewer.post("/api/workflows/validate", Map.of("initial", "a")).status()).isNotIn(401, 403);
        assertThat(api().put("/api/users/" + id, Map.of("disabled", true)).status()).isEqualTo(200);
        assertThat(viewer.get("/api/workflows").status()).isEqualTo(401);

        ApiClient.Response bad = api().post("/api/users", Map.of("username", "x y", "password", "short", "role", "root",
                "extra", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").findValuesAsText("path")).contains("username", "password", "role", "extra");
        assertThat(api().post("/api/users", Map.of("username", name, "password", "a long password 1", "role", "viewer"))
                .status()).isEqualTo(409);

        long admin = api().get("/api/users?filter=" + ApiClient.query("{\"q\":\"admin\",\"role\":\"admin\"}")).json()
                .get(0).get("id").asLong();
        List<Long> others = new ArrayList<>();
        api().get("/api/users?filter=" + ApiClient.query("{\"role\":\"admin\"}")).json()
                .forEach(u -> others.add(u.get("id").asLong()));
        if (others.size() == 1) {
            ApiClient.Response demote = api().put("/api/users/" + admin, Map.of("role", "viewer"));
            assertThat(demote.status()).isEqualTo(409);
            assertThat(api().delete("/api/users/" + admin).status()).isEqualTo(409);
        }
        assertThat(api().get("/api/users/" + admin).json().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void aTokensRequestRateAndExecutionsPerHourAreLimited() {
        String stamp = UUID.randomUUID().toString().substring(0, 8);
        ApiClient limited = api().withToken(api().post("/api/tokens", Map.of("name", "rate-" + stamp, "role", "viewer",
                "requestsPerMinute", 5)).json().get("token").asText());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(limited.get("/api/workflows").status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        ApiClient.Response refused = limited.get("/api/workflows");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(refused.json().get("error").asText()).contains("requestsPerMinute");

        ApiClient runner = api().withToken(api().post("/api/tokens", Map.of("name", "quota-" + stamp, "role", "editor",
                "executionsPerHour", 2)).json().get("token").asText());
        long workflow = api().post("/api/workflows", Map.of("name", "quota " + stamp, "definition", Map.of("initial", "done",
                "states", Map.of("done", Map.of("type", "final"))))).json().get("id").asLong();
        assertThat(runner.post("/api/workflows/" + workflow + "/execute?wait=true", Map.of()).status()).isEqualTo(200);
        assertThat(runner.post("/api/workflows/" + workflow + "/execute?wait=true", Map.of()).status()).isEqualTo(200);
        ApiClient.Response third = runner.post("/api/workflows/" + workflow + "/execute", Map.of());
        assertThat(third.status()).as(third.text()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isPresent();
        assertThat(runner.get("/api/workflows/" + workflow).status()).isEqualTo(200); // reads are not executions

        ApiClient.Response bad = api().post("/api/tokens", Map.of("name", "bad", "role", "viewer", "requestsPerMinute", 0,
                "executionsPerHour", "lots", "expiresInDays", -1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").findValuesAsText("path"))
                .contains("requestsPerMinute", "executionsPerHour", "expiresInDays");
    }

    @Test
    void everyKindOfChangeLeavesAnAuditRowNamingWhoDidIt() {
        String stamp = UUID.randomUUID().toString().substring(0, 8);
        String tokenName = "audit-" + stamp;
        ApiClient.Response made = api().post("/api/tokens", Map.of("name", tokenName, "role", "editor"));
        ApiClient editor = api().withToken(made.json().get("token").asText());
        String actor = "token:" + tokenName + " (#" + made.json().get("id").asLong() + ")";

        long workflow = editor.post("/api/workflows", Map.of("name", "audited " + stamp, "definition", Map.of("initial", "ask",
                "states", Map.of("ask", Map.of("on", Map.of("approve", "done")), "done", Map.of("type", "final")))))
                .json().get("id").asLong();
        assertThat(editor.put("/api/workflows/" + workflow, Map.of("description", "changed")).status()).isEqualTo(200);
        long execution = editor.post("/api/workflows/" + workflow + "/execute?wait=true", Map.of()).json().get("id").asLong();
        assertThat(editor.post("/api/workflow-executions/" + execution + "/signal", Map.of("name", "approve")).status())
                .isEqualTo(200);
        long wiring = editor.post("/api/event-wirings", Map.of("sourceEvent", "players.player.created",
                "targetAction", "workflow.execute", "targetWorkflowId", workflow)).json().path("id").asLong();
        editor.delete("/api/event-wirings/" + wiring);
        assertThat(editor.delete("/api/workflows/" + workflow).status()).isEqualTo(200);
        assertThat(editor.get("/api/users").status()).isEqualTo(403);

        // A change's row is stored right after its answer went out.
        List<String> actions = Awaitility.await("the audit rows of " + actor).atMost(Duration.ofSeconds(10))
                .until(() -> {
                    List<String> seen = new ArrayList<>();
                    audit("{\"actor\":\"" + actor + "\"}").forEach(r -> seen.add(r.get("action").asText() + " "
                            + r.get("status").asInt()));
                    return seen;
                }, seen -> seen.containsAll(List.of("workflows.create 201", "workflows.update 200",
                        "workflows.execute 200", "workflow-executions.signal 200", "workflows.delete 200", "users.list 403")));
        assertThat(actions).contains("workflows.create 201", "workflows.update 200", "workflows.execute 200",
                "workflow-executions.signal 200", "workflows.delete 200", "users.list 403");
        assertThat(actions).anyMatch(a -> a.startsWith("event-wirings.create"));
        JsonNode update = audit("{\"actor\":\"" + actor + "\",\"action\":\"workflows.update\"}").get(0);
        assertThat(update.get("targetType").asText()).isEqualTo("workflows");
        assertThat(update.get("targetId").asText()).isEqualTo(Long.toString(workflow));
        assertThat(update.get("role").asText()).isEqualTo("editor");

        // The admin's own changes to tokens and users are there too.
        assertThat(audit("{\"action\":\"tokens.create\"}").size()).isPositive();
        assertThat(api().anonymous().get("/api/audit-log").status()).isEqualTo(401);
        assertThat(editor.get("/api/audit-log").status()).isEqualTo(403);
    }

    @Test
    void onlyTheAuditLogsOwnRetentionDeletesItsRows() {
        String stamp = UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into audit_log (at, actor, action) values (now() - interval '400 days', ?, 'test.old'), "
                + "(now() - interval '40 days', ?, 'test.month')", "old-" + stamp, "month-" + stamp);
        camel.createProducerTemplate().requestBody("direct:engine.retention", (Object) null); // executions: 30 days
        assertThat(audit("{\"actor\":\"month-" + stamp + "\"}").size()).isEqualTo(1);

        camel.createProducerTemplate().requestBody("direct:security.audit-retention", (Object) null);

        assertThat(audit("{\"actor\":\"old-" + stamp + "\"}").size()).isZero();
        assertThat(audit("{\"actor\":\"month-" + stamp + "\"}").size()).isEqualTo(1);
    }
}
