package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a user writes — state ids, inputs, guard values, event payloads, imported base URLs and
 * paths, api-call input keys — is data: no Camel language (Simple, {@code {{placeholders}}}, bean,
 * OGNL) ever reads it and no endpoint URI is spliced from it. And a web page of another origin
 * cannot drive the API or Jolokia.
 */
class UserTextStaysDataIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> EXPRESSIONS = List.of("${sysenv.HOME}", "${properties:spring.datasource.url}",
            "${bean:executionService?method=maxWait}", "{{spring.datasource.url}}", "{{env:PATH}}", "#{1+1}",
            "$simple{sysenv.HOME}", "${bean:type:java.lang.Runtime?method=getRuntime().exec('touch /tmp/x')}",
            "a?b=c", "a&b", "a#b");

    JsonNode run(String definition, String params) {
        ApiClient api = api();
        Response created = api.post("/api/workflows", "{\"name\":\"data " + UUID.randomUUID() + "\",\"definition\":"
                + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Response done = api.post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true",
                "{\"params\":" + params + "}");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json();
    }

    @Nested
    class StateIds {

        @ParameterizedTest
        @ValueSource(strings = {"${sysenv.HOME}", "${properties:spring.datasource.url}",
                "${bean:executionService?method=maxWait}", "{{spring.datasource.url}}", "#{1+1}", "$simple{x}",
                "a?b", "a&b", "a#b", "a b", "a'b", "ok_but_far_too_long_for_a_state_id_because_it_has_more_than_64_chars"})
        void anIdThatIsNotAnIdentifierIsRefusedWithItsPointer(String id) throws Exception {
            ObjectNode definition = MAPPER.createObjectNode().put("initial", id);
            definition.putObject("states").putObject(id).put("type", "final");
            Response saved = api().post("/api/workflows", MAPPER.createObjectNode().put("name", "ids " + UUID.randomUUID())
                    .set("definition", definition));

            assertThat(saved.status()).as(saved.text()).isEqualTo(400);
            assertThat(saved.json().get("details")).anySatisfy(d -> {
                assertThat(d.get("path").asText()).isEqualTo("/states/" + id);
                assertThat(d.get("message").asText()).contains("must be 1 to 64 letters, digits, _ or -");
            });
        }

        @Test
        void regionAndLoopBodyIdsFollowTheSameRule() {
            Response saved = api().post("/api/workflows", "{\"name\":\"regions " + UUID.randomUUID() + "\",\"definition\":"
                    + "{\"initial\":\"fork\",\"states\":{\"fork\":{\"type\":\"parallel\",\"onDone\":\"done\",\"states\":"
                    + "{\"${sysenv.HOME}\":{\"initial\":\"e\",\"states\":{\"e\":{\"type\":\"final\"}}}}},"
                    + "\"each\":{\"loop\":{\"type\":\"forEach\",\"collection\":\"$.xs\",\"maxIterations\":2,"
                    + "\"bodyInitial\":\"{{x}}\",\"bodyStates\":{\"{{x}}\":{\"type\":\"final\"}}},\"onDone\":\"done\"},"
                    + "\"done\":{\"type\":\"final\"}}}}");

            assertThat(saved.status()).as(saved.text()).isEqualTo(400);
            assertThat(saved.json().get("details")).extracting(d -> d.get("path").asText())
                    .contains("/states/fork/states/${sysenv.HOME}", "/states/each/loop/bodyStates/{{x}}");
        }
    }

    @Nested
    class DefinitionText {

        @Test
        void expressionsInInputsGuardsAndParamsStayLiteral() throws Exception {
            for (String text : EXPRESSIONS) {
                String quoted = MAPPER.writeValueAsString(text);
                JsonNode execution = run("""
                        {"initial":"keep","states":{
                          "keep":{"invoke":{"src":"core.setVariable","input":{"name":"kept","value":%s}},
                            "always":[{"guard":{"type":"condition","params":{"key":"given","operator":"==","value":%s}},
                                       "target":"same"},{"target":"different"}]},
                          "same":{"invoke":{"src":"core.log","input":{"message":%s},"onDone":"done"}},
                          "different":{"type":"final"},
                          "done":{"type":"final"}}}""".formatted(quoted, quoted, quoted),
                        MAPPER.createObjectNode().put("given", text).toString());

                assertThat(execution.get("status").asText()).as(text).isEqualTo("completed");
                assertThat(execution.get("context").get("kept").asText()).as(text).isEqualTo(text);
                assertThat(execution.get("currentState").asText()).as("the literal equals itself: %s", text).isEqualTo("done");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"${sysenv.HOME}", "x", "players", "a?subscriber=b", "a.b&c", "{{x}}.y"})
        void aTriggerEventThatIsNotAnEventNameIsRefusedAndNothingIsStored(String event) throws Exception {
            String name = "trigger " + UUID.randomUUID();
            Response saved = api().post("/api/workflows", MAPPER.createObjectNode().put("name", name)
                    .put("triggerEvent", event).set("definition", MAPPER.readTree(
                            "{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}")));

            assertThat(saved.status()).as(saved.text()).isEqualTo(400);
            assertThat(saved.json().get("details")).extracting(d -> d.get("path").asText()).contains("triggerEvent");
            Response listed = api().get("/api/workflows?filter=" + ApiClient.query("{\"q\":\"" + name + "\"}"));
            assertThat(listed.json()).isEmpty();
        }

        @Test
        void anEventPayloadWithExpressionsAndCamelHeaderNamesStartsItsWorkflowAsData() throws Exception {
            String event = "inject.test" + UUID.randomUUID().toString().substring(0, 8) + ".fired";
            Response saved = api().post("/api/workflows", MAPPER.createObjectNode().put("name", "evt " + UUID.randomUUID())
                    .put("triggerEvent", event).set("definition", MAPPER.readTree(
                            "{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}")));
            assertThat(saved.status()).as(saved.text()).isEqualTo(201);
            long workflowId = saved.json().get("id").asLong();
            ObjectNode payload = MAPPER.createObjectNode().put("text", "${sysenv.HOME}").put("CamelHttpQuery", "range=[0,0]")
                    .put("camelbeanmethodname", "{{spring.datasource.url}}");

            Response emitted = api().post("/api/events", MAPPER.createObjectNode().put("name", event).set("payload", payload));
            assertThat(emitted.status()).as(emitted.text()).isIn(200, 201, 202);

            JsonNode execution = Awaitility.await("the triggered run").atMost(Duration.ofSeconds(20))
                    .until(() -> api().get("/api/workflow-executions?filter="
                            + ApiClient.query("{\"workflowId\":" + workflowId + "}")).json(), list -> list.size() == 1
                            && "completed".equals(list.get(0).get("status").asText())).get(0);
            JsonNode detail = api().get("/api/workflow-executions/" + execution.get("id").asLong()).json();
            assertThat(detail.get("context")).isEqualTo(payload);
        }
    }

    @Nested
    class Wirings {

        @Test
        void aWiringsConditionTransformAndPayloadStayData() throws Exception {
            String event = "inject.wiring" + UUID.randomUUID().toString().substring(0, 8) + ".fired";
            ObjectNode payload = MAPPER.createObjectNode().put("text", "${sysenv.HOME}").put("kind", "{{spring.datasource.url}}");
            assertThat(api().post("/api/events", MAPPER.createObjectNode().put("name", event).set("payload", payload))
                    .status()).isIn(200, 201, 202);
            ObjectNode wiring = MAPPER.createObjectNode().put("sourceEvent", event).put("targetAction", "core.setVariable");
            wiring.putObject("condition").put("kind", "{{spring.datasource.url}}");
            wiring.putObject("transform").put("name", "kept").put("value", "$.text");
            Response created = api().post("/api/event-wirings", wiring);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long id = created.json().get("id").asLong();

            api().post("/api/events", MAPPER.createObjectNode().put("name", event).set("payload", payload));

            JsonNode firing = Awaitility.await("the wiring's firing").atMost(Duration.ofSeconds(20))
                    .until(() -> api().get("/api/wiring-firings?filter=" + ApiClient.query("{\"wiringId\":" + id + "}")).json(),
                            list -> list.size() == 1).get(0);
            assertThat(firing.get("status").asText()).as(firing.toString()).isEqualTo("completed");
            assertThat(firing.get("output").get("name").asText()).isEqualTo("kept");
            assertThat(firing.get("output").get("value").asText()).isEqualTo("${sysenv.HOME}");
        }
    }

    @Nested
    class ApiCalls {

        @Test
        void aCamelHeaderNameAsADirectInputIsRefusedNotObeyed() {
            JsonNode execution = run("""
                    {"initial":"list","states":{
                      "list":{"invoke":{"src":"players.list","input":{"CamelHttpQuery":"range=[0,0]"},
                        "onDone":"done","onError":"refused"}},
                      "refused":{"type":"final"},"done":{"type":"final"}}}""", "{}");

            assertThat(execution.get("currentState").asText()).isEqualTo("refused");
            assertThat(execution.get("context").get("list_error").get("message").asText())
                    .contains("names starting with 'camel' are reserved");
        }

        @Test
        void aCamelHeaderInTheQueryOrHeadersOfARestRequestChangesNothing() {
            for (int i = 0; i < 2; i++) {
                Response created = api().post("/api/players", "{\"username\":\"h" + UUID.randomUUID().toString()
                        .substring(0, 8) + "\"}");
                assertThat(created.status()).as(created.text()).isEqualTo(201);
            }
            Response plain = api().get("/api/players?range=" + ApiClient.query("[0,1]"));
            Response smuggled = api().get("/api/players?range=" + ApiClient.query("[0,1]") + "&CamelHttpQuery="
                    + ApiClient.query("range=[0,0]") + "&camelhttpquery=" + ApiClient.query("range=[0,0]"));
            Response header = api().send(api().request("/api/players?range=" + ApiClient.query("[0,1]"))
                    .header("CamelHttpQuery", "range=[0,0]").GET());

            assertThat(plain.json().size()).isEqualTo(2);
            assertThat(smuggled.json()).isEqualTo(plain.json());
            assertThat(header.json()).isEqualTo(plain.json());
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1/{{env:PATH}}", "http://127.0.0.1:1/?httpMethod=DELETE&",
                "http://127.0.0.1/a?customHostHeader=evil", "http://127.0.0.1/#x", "http://u:p@127.0.0.1/",
                "http://127.0.0.1/${sysenv.HOME}", "http://127.0.0.1/a&b=c", "ftp://127.0.0.1/", "http://{{host}}/",
                "http://127.0.0.1/RAW(x)", "http://127.0.0.1/a%7B%7Bx%7D%7D"})
        void anImportedBaseUrlThatIsNotPlainIsRefused(String baseUrl) {
            Response imported = api().post("/api/node-types/import", MAPPER.createObjectNode().put("name", "bad-base")
                    .put("baseUrl", baseUrl).set("document", document("/items")));

            assertThat(imported.status()).as(imported.text()).isEqualTo(400);
            assertThat(imported.json().get("details")).extracting(d -> d.get("path").asText()).contains("baseUrl");
        }

        @Test
        void anImportedPathWithUriMetacharactersIsRefused() {
            Response imported = api().post("/api/node-types/import", MAPPER.createObjectNode().put("name", "bad-path")
                    .put("baseUrl", "http://127.0.0.1:9").set("document", document("/items?httpMethod=DELETE")));

            assertThat(imported.status()).as(imported.text()).isEqualTo(400);
            assertThat(imported.json().get("details")).extracting(d -> d.get("path").asText())
                    .contains("/paths/items?httpMethod=DELETE".replace("/paths/", "/paths/~1"));
        }

        @Test
        void networkInputsReachTheRemoteServerAsDataOnly() throws Exception {
            List<String> seen = new CopyOnWriteArrayList<>();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                        + URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8)
                        + " host=" + exchange.getRequestHeaders().getFirst("Host"));
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                String name = "remote" + UUID.randomUUID().toString().substring(0, 6);
                String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/base";
                Response imported = api().post("/api/node-types/import", MAPPER.createObjectNode().put("name", name)
                        .put("baseUrl", base).set("document", document("/items/{id}")));
                assertThat(imported.status()).as(imported.text()).isEqualTo(201);
                String value = "{{spring.datasource.url}}&httpMethod=DELETE";
                JsonNode execution = run("""
                        {"initial":"call","states":{
                          "call":{"invoke":{"src":"%s.getItem","input":{"id":"${sysenv.HOME}","q":%s},"onDone":"done"}},
                          "done":{"type":"final"}}}""".formatted(name, MAPPER.writeValueAsString(value)), "{}");

                assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("completed");
                assertThat(seen).hasSize(1);
                assertThat(seen.get(0)).startsWith("GET /base/items/%24%7Bsysenv.HOME%7D q=" + value + " host=127.0.0.1:");
            } finally {
                server.stop(0);
            }
        }

        JsonNode document(String path) {
            ObjectNode doc = MAPPER.createObjectNode().put("openapi", "3.0.3");
            ObjectNode get = doc.putObject("paths").putObject(path).putObject("get").put("operationId", "getItem");
            if (path.contains("{id}")) {
                get.putArray("parameters").addObject().put("name", "id").put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
                ((com.fasterxml.jackson.databind.node.ArrayNode) get.get("parameters")).addObject().put("name", "q")
                        .put("in", "query").putObject("schema").put("type", "string");
            }
            get.putObject("responses").putObject("200").put("description", "ok");
            return doc;
        }
    }

    @Nested
    class FromAnotherWebPage {

        static final String EVIL = "http://evil.example";

        @Test
        void aTextPlainBodyIsRefusedWith415AndNothingIsStored() {
            String name = "plain " + UUID.randomUUID();
            Response plain = api().send(api().request("/api/workflows").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"definition\":"
                            + "{\"initial\":\"d\",\"states\":{\"d\":{\"type\":\"final\"}}}}")));
            Response utf16 = api().send(api().request("/api/workflows").header("Content-Type", "application/json; charset=utf-16")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            Response none = api().send(api().request("/api/workflows").POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(plain.status()).isEqualTo(415);
            assertThat(plain.json().get("error").asText()).contains("application/json");
            assertThat(utf16.status()).isEqualTo(415);
            assertThat(none.status()).isEqualTo(415);
            assertThat(api().get("/api/workflows?filter=" + ApiClient.query("{\"q\":\"" + name + "\"}")).json()).isEmpty();
        }

        @Test
        void aRequestFromAnotherOriginIsRefusedAndGetsNoCorsAnswer() {
            Response preflight = api().send(api().request("/api/workflows").header("Origin", EVIL)
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            Response post = api().send(api().request("/api/workflows").header("Origin", EVIL)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
            Response read = api().send(api().request("/api/workflows").header("Origin", EVIL).GET());

            assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
            assertThat(post.status()).isEqualTo(403);
            assertThat(read.status()).isEqualTo(403);
            assertThat(read.header("Access-Control-Allow-Origin")).isEmpty();
        }

        @Test
        void theServicesOwnOriginIsAllowed() {
            Response own = api().send(api().request("/api/workflows").header("Origin", "http://127.0.0.1:" + port).GET());

            assertThat(own.status()).isEqualTo(200);
        }

        @Test
        void jolokiaRefusesAnotherOriginEvenWithTheLogin() {
            ApiClient admin = api().withLogin("admin", ApiClient.ADMIN_PASSWORD);
            String body = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc()\"}";
            Response evil = admin.send(admin.request("/actuator/jolokia").header("Origin", EVIL)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
            Response own = admin.send(admin.request("/actuator/jolokia")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(evil.status()).isEqualTo(403);
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.json().get("status").asInt()).isEqualTo(200);
        }
    }
}
