package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api-call nodes reach only allowed hosts (here {@code 127.0.0.1}, as the tests configure): any other
 * spelling of loopback is refused, and a redirect is followed by the service only to an allowed host.
 */
class EgressIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    HttpServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(path);
            if (path.startsWith("/hop")) {
                exchange.getResponseHeaders().add("Location", path.endsWith("/out")
                        ? "http://localhost:" + server.getAddress().getPort() + "/landed"
                        : "/landed");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    JsonNode call(String host, String path) throws Exception {
        String name = "egress" + UUID.randomUUID().toString().substring(0, 6);
        ObjectNode doc = MAPPER.createObjectNode().put("openapi", "3.0.3");
        doc.putObject("paths").putObject(path).putObject("get").put("operationId", "get")
                .putObject("responses").putObject("200").put("description", "ok");
        Response imported = api().post("/api/node-types/import", MAPPER.createObjectNode().put("name", name)
                .put("baseUrl", "http://" + host + ":" + server.getAddress().getPort()).set("document", doc));
        if (imported.status() == 400) {
            // Refused even earlier: the base URL itself is not a plain one.
            return null;
        }
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        Response created = api().post("/api/workflows", "{\"name\":\"" + name + "\",\"definition\":{\"initial\":\"c\","
                + "\"states\":{\"c\":{\"invoke\":{\"src\":\"" + name + ".get\",\"onDone\":\"done\",\"onError\":\"refused\"}},"
                + "\"done\":{\"type\":\"final\"},\"refused\":{\"type\":\"final\"}}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api().post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true", "{}").json();
    }

    @Test
    void anAllowedHostIsCalled() throws Exception {
        JsonNode run = call("127.0.0.1", "/items");

        assertThat(run.get("currentState").asText()).as(run.toString()).isEqualTo("done");
        assertThat(seen).containsExactly("/items");
    }

    @Test
    void everyOtherSpellingOfLoopbackIsRefusedAndNothingIsSent() throws Exception {
        int calledAndRefused = 0;
        for (String host : List.of("localhost", "127.1", "2130706433", "[::1]", "0.0.0.0", "[::ffff:127.0.0.1]")) {
            JsonNode run = call(host, "/items");
            if (run == null) {
                continue;
            }
            calledAndRefused++;
            assertThat(run.get("currentState").asText()).as(host + ": " + run).isEqualTo("refused");
            assertThat(run.get("context").get("c_error").get("message").asText()).as(host)
                    .contains("not on the egress allow-list");
        }
        assertThat(calledAndRefused).isGreaterThanOrEqualTo(4);
        assertThat(seen).isEmpty();
    }

    @Test
    void aRedirectIsFollowedOnlyToAnAllowedHost() throws Exception {
        JsonNode within = call("127.0.0.1", "/hop/in");
        JsonNode out = call("127.0.0.1", "/hop/out");

        assertThat(within.get("currentState").asText()).as(within.toString()).isEqualTo("done");
        assertThat(out.get("currentState").asText()).as(out.toString()).isEqualTo("refused");
        assertThat(out.get("context").get("c_error").get("message").asText()).contains("localhost", "allow-list");
        assertThat(seen).containsExactly("/hop/in", "/landed", "/hop/out");
    }
}
