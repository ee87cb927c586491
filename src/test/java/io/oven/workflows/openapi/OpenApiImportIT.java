package io.oven.workflows.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

/** An OpenAPI document imported as api-call nodes, executed against a real local HTTP server. */
class OpenApiImportIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    HttpServer shop;
    ApiClient api;
    String name;

    static final String DOCUMENT = """
            { "openapi": "3.0.3", "info": { "title": "Shop", "version": "1" },
              "paths": {
                "/items/{id}": { "get": { "operationId": "getItem", "summary": "Get item",
                  "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } },
                                  { "name": "verbose", "in": "query", "schema": { "type": "boolean" } } ],
                  "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Item" } } } } } } },
                "/items": { "post": { "operationId": "createItem",
                  "requestBody": { "content": { "application/json": { "schema": { "type": "object",
                    "required": [ "name" ], "properties": { "name": { "type": "string" }, "price": { "type": "number" } } } } } },
                  "responses": { "201": { "description": "created" } } } } },
              "components": { "schemas": { "Item": { "type": "object",
                "properties": { "id": { "type": "integer" }, "verbose": { "type": "string" } } } } } }""";

    @BeforeEach
    void setUp() throws IOException {
        api = api();
        name = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/items", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer;
            int status = 200;
            if (exchange.getRequestMethod().equals("POST")) {
                JsonNode body = MAPPER.readTree(exchange.getRequestBody());
                answer = "{\"created\":true,\"name\":\"" + body.path("name").asText() + "\",\"price\":" + body.path("price") + "}";
                status = 201;
            } else if (path.equals("/items/404")) {
                answer = "{\"error\":\"no such item\"}";
                status = 404;
            } else {
                String query = exchange.getRequestURI().getQuery();
                answer = "{\"id\":" + path.substring("/items/".length()) + ",\"verbose\":\"" + query + "\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        shop.start();
    }

    @AfterEach
    void tearDown() {
        api.delete("/api/node-types/imports/" + name);
        shop.stop(0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + shop.getAddress().getPort();
    }

    Response importShop(String document) {
        return api.post("/api/node-types/import", "{ \"name\": \"" + name + "\", \"baseUrl\": \"" + baseUrl()
                + "\", \"document\": " + document + " }");
    }

    @Test
    void registersOneNodePerOperationWithItsSchemas() {
        Response imported = importShop(DOCUMENT);

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.json().get("nodeTypes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(name + ".getItem", name + ".createItem");
        JsonNode getItem = api.get("/api/node-types/" + name + ".getItem").json();
        assertThat(getItem.get("route").asText()).isEqualTo("/items/:id");
        assertThat(getItem.get("inputs")).extracting(i -> i.get("name").asText()).containsExactly("id", "verbose");
        assertThat(getItem.get("outputs")).extracting(o -> o.get("name").asText()).containsExactly("id", "verbose");
        JsonNode createItem = api.get("/api/node-types/" + name + ".createItem").json();
        assertThat(createItem.get("inputs")).extracting(i -> i.get("name").asText() + ":" + i.get("required").asBoolean())
                .containsExactly("name:true", "price:false");
        assertThat(api.get("/api/node-types/imports").json()).extracting(i -> i.get("name").asText()).contains(name);
    }

    @Test
    void importedNodesCallTheApiOverHttpWithPathQueryAndBody() {
        importShop(DOCUMENT);
        Response workflow = api.post("/api/workflows", """
                { "name": "shop %s", "definition": { "initial": "get", "states": {
                    "get": { "invoke": { "src": "%s.getItem", "input": { "id": "$.itemId", "verbose": true },
                             "outputKey": "item", "onDone": "create" } },
                    "create": { "invoke": { "src": "%s.createItem", "input": { "name": "lamp", "price": 9.5 },
                                "outputKey": "created", "onDone": "missing" } },
                    "missing": { "invoke": { "src": "%s.getItem", "input": { "id": 404 }, "onDone": "done", "onError": "done" } },
                    "done": { "type": "final" } } } }""".formatted(name, name, name, name));
        assertThat(workflow.status()).as(workflow.text()).isEqualTo(201);

        JsonNode run = api.post("/api/workflows/" + workflow.json().get("id").asLong() + "/execute?wait=true",
                "{ \"params\": { \"itemId\": 7 } }").json();

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.at("/context/item/id").asInt()).isEqualTo(7);
        assertThat(run.at("/context/item/verbose").asText()).isEqualTo("verbose=true");
        assertThat(run.at("/context/created/name").asText()).isEqualTo("lamp");
        assertThat(run.at("/context/created/price").asDouble()).isEqualTo(9.5);
        assertThat(run.at("/nodes/2/status").asText()).isEqualTo("failed");
        assertThat(run.at("/nodes/2/error").asText()).contains("404").contains("no such item");
    }

    @Test
    void reimportingReplacesTheNodesAndDeletingRemovesThem() {
        importShop(DOCUMENT);
        String onlyGet = DOCUMENT.replace("\"/items\": { \"post\": { \"operationId\": \"createItem\"",
                "\"/other\": { \"get\": { \"operationId\": \"listOther\"");
        assertThat(onlyGet).isNotEqualTo(DOCUMENT);

        Response again = importShop(onlyGet);

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(api.get("/api/node-types/" + name + ".createItem").status()).isEqualTo(404);
        assertThat(api.get("/api/node-types/" + name + ".listOther").status()).isEqualTo(200);
        assertThat(api.delete("/api/node-types/imports/" + name).status()).isEqualTo(200);
        assertThat(api.get("/api/node-types?filter=" + query("{\"module\":\"" + name + "\"}")).json()).isEmpty();
    }

    @Test
    void aBrokenDocumentAnswers400WithWhatIsWrong() {
        Response broken = importShop("""
                { "openapi": "2.0", "paths": { "/items/{id}": { "get": { "parameters": [ { "name": "other", "in": "body" } ] } } } }""");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("details")).extracting(d -> d.get("path").asText())
                .contains("/openapi", "/paths/~1items~1{id}/get/parameters/0/in", "/paths/~1items~1{id}/get/parameters");
        assertThat(api.post("/api/node-types/import", "{ \"name\": \"x\", \"baseUrl\": \"http://127.0.0.1:1\", "
                + "\"url\": \"http://example.invalid/openapi.json\" }").json().at("/details/0/message").asText())
                .contains("allow-list");
        assertThat(api.post("/api/node-types/import", "{ \"name\": \"players\", \"baseUrl\": \"http://127.0.0.1:1\", "
                + "\"document\": " + DOCUMENT + " }").status()).isEqualTo(409);
    }
}
