package io.oven.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.Dispatches;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowApiIT extends IntegrationTest {

    static final String DEFINITION = """
            { "initial": "greet", "states": {
                "greet": { "invoke": { "src": "core.log", "input": { "message": "%s" }, "onDone": "done" } },
                "done": { "type": "final" } } }""";

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = api();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    Response create(String name, String message) {
        return api.post("/api/workflows", """
                { "name": "%s", "description": "made by a test", "definition": %s }"""
                .formatted(name, DEFINITION.formatted(message)));
    }

    long createdId(String name) {
        Response response = create(name, "hello");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    @Nested
    class Serving {

        @Test
        void answersEachApiRequestInOneServletDispatch() {
            long id = createdId("served " + tag);
            long requests = Dispatches.REQUESTS.get();
            long async = Dispatches.ASYNC.get();

            Response run = api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"params\": {} }");
            Response list = api.get("/api/workflows?range=" + ApiClient.query("[0,4]"));

            assertThat(run.status()).as(run.text()).isEqualTo(200);
            assertThat(list.status()).isEqualTo(200);
            assertThat(Dispatches.REQUESTS.get() - requests).as("the two requests were seen").isGreaterThanOrEqualTo(2);
            assertThat(Dispatches.ASYNC.get() - async)
                    .as("no request went through the filters and Spring MVC a second time (async dispatch)").isZero();
        }
    }

    @Nested
    class Create {

        @Test
        void answers201WithTheWorkflowAtVersionOneAndADerivedSlug() {
            Response response = create("Player Spawn " + tag, "hi");

            assertThat(response.status()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.get("slug").asText()).isEqualTo("player-spawn-" + tag);
            assertThat(body.get("version").asInt()).isEqualTo(1);
            assertThat(body.get("enabled").asBoolean()).isTrue();
            assertThat(body.at("/definition/states/greet/invoke/input/message").asText()).isEqualTo("hi");
            assertThat(response.header("Location")).hasValue("/api/workflows/" + body.get("id").asLong());
        }

        @Test
        void keepsUnknownDefinitionKeys() {
            Response response = api.post("/api/workflows", """
                    { "name": "keys %s", "definition": { "initial": "done", "x-team": "gameplay",
                      "states": { "done": { "type": "final", "meta": { "position": { "x": 1, "y": 2 } }, "note": "kept" } } } }"""
                    .formatted(tag));

            assertThat(response.status()).isEqualTo(201);
            JsonNode stored = api.get("/api/workflows/" + response.json().get("id").asLong()).json();
            assertThat(stored.at("/definition/x-team").asText()).isEqualTo("gameplay");
            assertThat(stored.at("/definition/states/done/note").asText()).isEqualTo("kept");
            assertThat(stored.at("/definition/states/done/meta/position/y").asInt()).isEqualTo(2);
        }

        @Test
        void refusesADuplicateSlugWith409() {
            String body = """
                    { "name": "first %s", "slug": "dup-%s", "definition": %s }""".formatted(tag, tag, DEFINITION.formatted("x"));
            assertThat(api.post("/api/workflows", body).status()).isEqualTo(201);

            Response second = api.post("/api/workflows", body.replace("first", "second"));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("error").asText()).contains("dup-" + tag);
            assertThat(second.json().at("/details/0/path").asText()).isEqualTo("slug");
        }

        @Test
        void listsEveryProblemOfAnInvalidDefinitionWithItsPointer() {
            Response response = api.post("/api/workflows", """
                    { "name": "broken %s", "definition": { "initial": "nowhere", "states": {
                        "a": { "invoke": { "src": "core.unknown", "onDone": "ghost" } },
                        "b": { "loop": { "type": "forEach", "collection": "$.items", "bodyInitial": "x",
                               "bodyStates": { "x": { "type": "final" } } }, "onDone": "done" },
                        "done": { "type": "final" } } } }""".formatted(tag));

            assertThat(response.status()).isEqualTo(400);
            JsonNode body = response.json();
            assertThat(body.get("error").asText()).contains("4 problems");
            assertThat(paths(body)).containsExactlyInAnyOrder(
                    "/initial", "/states/a/invoke/onDone", "/states/a/invoke/src", "/states/b/loop/maxIterations");
            assertThat(api.get("/api/workflows?filter=" + query("{\"q\":\"broken " + tag + "\"}")).json()).isEmpty();
        }

        @Test
        void listsMissingFieldsAndUnknownOnesTogether() {
            Response response = api.post("/api/workflows", "{ \"nmae\": \"typo\", \"enabled\": \"yes\" }");

            assertThat(response.status()).isEqualTo(400);
            assertThat(paths(response.json())).containsExactlyInAnyOrder("nmae", "enabled", "name", "definition");
        }

        @Test
        void refusesMalformedJsonWithWhereItBroke() {
            Response response = api.post("/api/workflows", "{ \"name\": \"x\", ");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).contains("malformed JSON").contains("line 1");
        }

        @Test
        void refusesABodyThatIsNotAnObject() {
            Response response = api.post("/api/workflows", "[1,2]");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().at("/details/0/message").asText()).contains("JSON object");
        }

        @Test
        void refusesAFormBodyWith415() {
            Response response = api.send(api.request("/api/workflows")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("{bad")));

            assertThat(response.status()).isEqualTo(415);
            assertThat(response.json().get("error").asText()).contains("application/json");
        }

        @Test
        void refusesABodyAboveTheSizeLimitWith413() {
            String big = "{ \"name\": \"big\", \"description\": \"" + "x".repeat(1_100_000) + "\" }";

            Response response = api.post("/api/workflows", big);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("error").asText()).contains("too large");
        }

        @Test
        void refusesAChunkedBodyAboveTheSizeLimitWith413() {
            byte[] chunk = "x".repeat(64 * 1024).getBytes();
            List<InputStream> parts = new ArrayList<>();
            parts.add(new java.io.ByteArrayInputStream("{ \"name\": \"big\", \"description\": \"".getBytes()));
            for (int i = 0; i < 20; i++) {
                parts.add(new java.io.ByteArrayInputStream(chunk));
            }
            parts.add(new java.io.ByteArrayInputStream("\" }".getBytes()));
            InputStream body = new java.io.SequenceInputStream(Collections.enumeration(parts));

            Response response = api.send(api.request("/api/workflows").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));

            assertThat(response.status()).isEqualTo(413);
        }
    }

    @Nested
    class Read {

        @Test
        void answersOneWorkflowById() {
            long id = createdId("read " + tag);

            Response response = api.get("/api/workflows/" + id);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("name").asText()).isEqualTo("read " + tag);
            assertThat(response.json().has("createdAt")).isTrue();
        }

        @Test
        void givesTheDefinitionBackAsWrittenKeyOrderIncluded() {
            Response created = api.post("/api/workflows", """
                    { "name": "ordered %s", "definition": { "initial": "zeta", "states": {
                        "zeta": { "invoke": { "src": "core.log", "input": { "message": "z" } }, "onDone": "alpha" },
                        "alpha": { "always": "mid" },
                        "mid": { "type": "final" } } } }""".formatted(tag));
            long id = created.json().get("id").asLong();

            java.util.List<String> order = new java.util.ArrayList<>();
            api.get("/api/workflows/" + id).json().get("definition").get("states").fieldNames().forEachRemaining(order::add);
            assertThat(order).containsExactly("zeta", "alpha", "mid");
            java.util.List<String> versioned = new java.util.ArrayList<>();
            api.get("/api/workflows/" + id + "/versions/1").json().get("definition").get("states").fieldNames()
                    .forEachRemaining(versioned::add);
            assertThat(versioned).containsExactly("zeta", "alpha", "mid");
        }

        @Test
        void answers404ForAnUnknownOrMalformedId() {
            assertThat(api.get("/api/workflows/987654321").status()).isEqualTo(404);
            Response malformed = api.get("/api/workflows/not-a-number");
            assertThat(malformed.status()).isEqualTo(404);
            assertThat(malformed.json().get("error").asText()).contains("not found");
        }

        @Test
        void answers404InTheErrorShapeForAnUnknownPath() {
            Response response = api.get("/api/no-such-thing");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().has("error")).isTrue();
            assertThat(response.json().get("details").isArray()).isTrue();
        }
    }

    @Nested
    class List_ {

        @Test
        void sortsPagesAndFiltersLikeReactAdmin() {
            for (String name : List.of("charlie", "alpha", "bravo")) {
                createdId(name + " " + tag);
            }
            String filter = query("{\"q\":\"" + tag + "\"}");

            Response page = api.get("/api/workflows?sort=" + query("[\"name\",\"ASC\"]") + "&range=" + query("[0,1]")
                    + "&filter=" + filter);

            assertThat(page.status()).isEqualTo(200);
            assertThat(names(page.json())).containsExactly("alpha " + tag, "bravo " + tag);
            assertThat(page.header("Content-Range")).hasValue("workflows 0-1/3");

            Response second = api.get("/api/workflows?sort=" + query("[\"name\",\"DESC\"]") + "&range=" + query("[2,3]")
                    + "&filter=" + filter);
            assertThat(names(second.json())).containsExactly("alpha " + tag);
            assertThat(second.header("Content-Range")).hasValue("workflows 2-2/3");
        }

        @Test
        void pagesTheSameWhenTheBrowserAlsoSendsARangeHeader() {
            for (String name : List.of("charlie", "alpha", "bravo")) {
                createdId(name + " " + tag);
            }
            // ra-data-simple-rest sends both: ?range=[0,1] and "Range: workflows=0-1".
            Response page = api.send(api.request("/api/workflows?sort=" + query("[\"name\",\"ASC\"]") + "&range="
                    + query("[0,1]") + "&filter=" + query("{\"q\":\"" + tag + "\"}")).header("Range", "workflows=0-1").GET());

            assertThat(page.status()).isEqualTo(200);
            assertThat(names(page.json())).containsExactly("alpha " + tag, "bravo " + tag);
            assertThat(page.header("Content-Range")).hasValue("workflows 0-1/3");
        }

        @Test
        void searchesOverNameAndSlug() {
            api.post("/api/workflows", """
                    { "name": "Named plainly", "slug": "slug-only-%s", "definition": %s }"""
                    .formatted(tag, DEFINITION.formatted("x")));

            Response found = api.get("/api/workflows?filter=" + query("{\"q\":\"only-" + tag + "\"}"));

            assertThat(names(found.json())).containsExactly("Named plainly");
        }

        @Test
        void filtersByEnabledAndByIds() {
            long on = createdId("on " + tag);
            Response off = api.post("/api/workflows", """
                    { "name": "off %s", "enabled": false, "definition": %s }""".formatted(tag, DEFINITION.formatted("x")));
            long offId = off.json().get("id").asLong();

            Response disabled = api.get("/api/workflows?filter=" + query("{\"q\":\"" + tag + "\",\"enabled\":false}"));
            assertThat(names(disabled.json())).containsExactly("off " + tag);

            Response many = api.get("/api/workflows?filter=" + query("{\"id\":[" + on + "," + offId + "]}"));
            assertThat(names(many.json())).containsExactlyInAnyOrder("on " + tag, "off " + tag);
        }

        @Test
        void answersAnEmptyPageWithItsTotal() {
            Response empty = api.get("/api/workflows?filter=" + query("{\"q\":\"nothing-matches-" + tag + "\"}"));

            assertThat(empty.json()).isEmpty();
            assertThat(empty.header("Content-Range")).hasValue("workflows */0");
        }

        @Test
        void refusesBadSortRangeAndFilterWith400() {
            assertBadParameter("sort=" + query("[\"colour\",\"ASC\"]"), "sort");
            assertBadParameter("sort=" + query("[\"name\",\"SIDEWAYS\"]"), "sort");
            assertBadParameter("range=" + query("[5,1]"), "range");
            assertBadParameter("range=" + query("[0"), "range");
            assertBadParameter("filter=" + query("{\"owner\":\"me\"}"), "filter.owner");
            assertBadParameter("filter=" + query("[]"), "filter");
        }

        void assertBadParameter(String queryString, String path) {
            Response response = api.get("/api/workflows?" + queryString);
            assertThat(response.status()).as(queryString).isEqualTo(400);
            assertThat(response.json().at("/details/0/path").asText()).as(queryString).isEqualTo(path);
        }

        @Test
        void exposesContentRangeToBrowsers() {
            Response preflight = api.send(api.request("/api/workflows")
                    .header("Origin", "http://localhost:5173")
                    .header("Access-Control-Request-Method", "PUT")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

            Response list = api.send(api.request("/api/workflows").header("Origin", "http://localhost:5173").GET());
            assertThat(list.header("Access-Control-Expose-Headers").orElse("")).contains("Content-Range");
        }
    }

    @Nested
    class Update {

        @Test
        void aSaveThatCouldNotRunIsRefusedAndTheDeployedVersionKeepsAnswering() {
            long id = createdId("keeps running " + tag);

            // A state with only onDone: it would do nothing (and once, it saved, failed to compile and
            // took the workflow offline).
            Response refused = api.put("/api/workflows/" + id, """
                    { "definition": { "initial": "a", "states": {
                        "a": { "onDone": "done" }, "done": { "type": "final" } } } }""");
            Response run = api.post("/api/workflows/" + id + "/execute?wait=true", "{}");

            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("details")).extracting(d -> d.get("path").asText()).contains("/states/a");
            assertThat(refused.json().toString()).doesNotContain("Exception", "java.");
            assertThat(api.get("/api/workflows/" + id).json().get("version").asInt()).isEqualTo(1);
            assertThat(run.status()).as(run.text()).isEqualTo(200);
            assertThat(run.json().get("status").asText()).isEqualTo("completed");
            assertThat(run.json().get("workflowVersion").asInt()).isEqualTo(1);
        }

        @Test
        void aFieldTheStatesKindWouldIgnoreIsRefused() {
            long id = createdId("ignored field " + tag);

            Response refused = api.put("/api/workflows/" + id, """
                    { "definition": { "initial": "a", "states": {
                        "a": { "invoke": { "src": "core.log", "input": { "message": "m" }, "onDone": "done" },
                               "after": { "1000": "done" } },
                        "done": { "type": "final" } } } }""");

            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("details")).anySatisfy(d -> {
                assertThat(d.get("path").asText()).isEqualTo("/states/a/after");
                assertThat(d.get("message").asText()).contains("is not used by an invoke state");
            });
        }

        @Test
        void bumpsTheVersionAndRecordsEachOne() {
            long id = createdId("update " + tag);

            Response first = api.put("/api/workflows/" + id, "{ \"definition\": " + DEFINITION.formatted("v2") + " }");
            Response second = api.put("/api/workflows/" + id, "{ \"description\": \"third\" }");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().get("version").asInt()).isEqualTo(2);
            assertThat(second.json().get("version").asInt()).isEqualTo(3);
            assertThat(second.json().at("/definition/states/greet/invoke/input/message").asText()).isEqualTo("v2");
            JsonNode versions = api.get("/api/workflows/" + id + "/versions").json();
            assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(3, 2, 1);
        }

        @Test
        void refusesAStaleVersionWith409AndKeepsTheNewerOne() {
            long id = createdId("stale " + tag);
            api.put("/api/workflows/" + id, "{ \"description\": \"saved by someone else\", \"version\": 1 }");

            Response stale = api.put("/api/workflows/" + id, "{ \"description\": \"mine\", \"version\": 1 }");

            assertThat(stale.status()).isEqualTo(409);
            assertThat(api.get("/api/workflows/" + id).json().get("description").asText())
                    .isEqualTo("saved by someone else");
        }

        @Test
        void acceptsTheWholeRecordAsReactAdminSendsIt() {
            long id = createdId("whole " + tag);
            JsonNode record = api.get("/api/workflows/" + id).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) record).put("name", "whole renamed " + tag);

            Response response = api.put("/api/workflows/" + id, record);

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().get("name").asText()).isEqualTo("whole renamed " + tag);
        }

        @Test
        void leavesTheWorkflowUntouchedWhenTheSaveIsInvalid() {
            long id = createdId("untouched " + tag);

            Response response = api.put("/api/workflows/" + id, """
                    { "definition": { "initial": "a", "states": { "a": { "always": "ghost" } } } }""");

            assertThat(response.status()).isEqualTo(400);
            assertThat(paths(response.json())).contains("/states/a/always");
            JsonNode stored = api.get("/api/workflows/" + id).json();
            assertThat(stored.get("version").asInt()).isEqualTo(1);
            assertThat(stored.at("/definition/initial").asText()).isEqualTo("greet");
            assertThat(api.get("/api/workflows/" + id + "/versions").json()).hasSize(1);
        }

        @Test
        void refusesARenameOntoAnotherSlugWith409() {
            long first = createdId("taken " + tag);
            long second = createdId("other " + tag);
            String takenSlug = api.get("/api/workflows/" + first).json().get("slug").asText();

            Response response = api.put("/api/workflows/" + second, "{ \"slug\": \"" + takenSlug + "\" }");

            assertThat(response.status()).isEqualTo(409);
        }

        @Test
        void answers404ForAnUnknownWorkflow() {
            assertThat(api.put("/api/workflows/987654321", "{ \"description\": \"x\" }").status()).isEqualTo(404);
        }
    }

    @Nested
    class Versions {

        @Test
        void readsAndRestoresAnOldVersionAsANewOne() {
            long id = createdId("restore " + tag);
            api.put("/api/workflows/" + id, "{ \"definition\": " + DEFINITION.formatted("second") + " }");

            JsonNode v1 = api.get("/api/workflows/" + id + "/versions/1").json();
            assertThat(v1.at("/definition/states/greet/invoke/input/message").asText()).isEqualTo("hello");

            Response restored = api.post("/api/workflows/" + id + "/versions/1/restore", "");

            assertThat(restored.status()).isEqualTo(200);
            assertThat(restored.json().get("version").asInt()).isEqualTo(3);
            assertThat(restored.json().get("definition")).isEqualTo(v1.get("definition"));
            assertThat(api.get("/api/workflows/" + id + "/versions").header("Content-Range"))
                    .hasValue("versions 0-2/3");
        }

        @Test
        void answers404ForAnUnknownVersion() {
            long id = createdId("no version " + tag);

            assertThat(api.get("/api/workflows/" + id + "/versions/9").status()).isEqualTo(404);
            assertThat(api.post("/api/workflows/" + id + "/versions/9/restore", "").status()).isEqualTo(404);
            assertThat(api.get("/api/workflows/987654321/versions").status()).isEqualTo(404);
        }
    }

    @Nested
    class Delete {

        @Test
        void removesTheWorkflowAndItsHistory() {
            long id = createdId("delete " + tag);

            Response deleted = api.delete("/api/workflows/" + id);

            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.json().get("id").asLong()).isEqualTo(id);
            assertThat(api.get("/api/workflows/" + id).status()).isEqualTo(404);
            assertThat(api.get("/api/workflows/" + id + "/versions").status()).isEqualTo(404);
            assertThat(api.delete("/api/workflows/" + id).status()).isEqualTo(404);
        }
    }

    @Nested
    class Validate {

        @Test
        void reportsErrorsAndWarningsWithoutSaving() {
            Response response = api.post("/api/workflows/validate", """
                    { "initial": "a", "states": {
                        "a": { "always": "done" }, "lost": { "always": "done" },
                        "done": { "type": "final", "x": 1 }, "bad": { "after": { "later": "done" } } } }""");

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("valid").asBoolean()).isFalse();
            assertThat(body.get("errors")).extracting(e -> e.get("path").asText()).containsExactly("/states/bad/after/later");
            assertThat(body.get("warnings")).extracting(e -> e.get("path").asText())
                    .containsExactlyInAnyOrder("/states/lost", "/states/bad");
        }
    }

    static List<String> paths(JsonNode errorBody) {
        List<String> paths = new ArrayList<>();
        errorBody.get("details").forEach(d -> paths.add(d.get("path").asText()));
        return paths;
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(w -> names.add(w.get("name").asText()));
        return names;
    }
}
