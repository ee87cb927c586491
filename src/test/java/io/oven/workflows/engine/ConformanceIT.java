package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite: each file under {@code workflows/conformance/} (this product's
 * behaviours) and {@code workflows/oven/} (definitions in Oven's format, ending as Oven's engine
 * ends them, less the differences the README's "Coming from Oven" lists) is a definition, the
 * params of one run, and what that run must end with (status, node path, context — a subset, or
 * with {@code contextExact} the whole of it, {@code "ANY"} matching any value — nodes, config
 * lookups, events). Each runs end to end: saved through the API, compiled into a route,
 * executed, tracked into PostgreSQL, read back through the API.
 */
class ConformanceIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path FIXTURES = Path.of("src/test/resources/workflows");
    static final List<String> FOLDERS = List.of("conformance", "oven");
    static final Comparator<JsonNode> NUMBERS = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1;

    static final List<Event> EMITTED = new CopyOnWriteArrayList<>();
    static AutoCloseable subscription;

    @Autowired
    EventBus bus;

    static Stream<String> fixtures() throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(folder))) {
                files.map(p -> folder + "/" + p.getFileName().toString().replace(".json", "")).sorted().forEach(names::add);
            }
        }
        return names.stream();
    }

    @BeforeAll
    static void noSubscriptionYet() {
        EMITTED.clear();
    }

    @AfterAll
    static void unsubscribe() throws Exception {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void runsAsSpecified(String name) throws Exception {
        if (subscription == null) {
            subscription = bus.subscribe("conformance.", EMITTED::add);
        }
        JsonNode fixture = MAPPER.readTree(FIXTURES.resolve(name + ".json").toFile());
        ApiClient api = api();
        Response created = api.post("/api/workflows", MAPPER.createObjectNode()
                .put("name", name.replace('/', ' ') + " " + UUID.randomUUID().toString().substring(0, 8))
                .set("definition", fixture.get("definition")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String slug = created.json().get("slug").asText();
        // Placeholders: a fresh key per run, and the workflow's own id and slug (for api-call nodes).
        String params = fixture.get("params").toString().replace("UNIQUE", UUID.randomUUID().toString())
                .replace("\"SELF_ID\"", Long.toString(id)).replace("SELF_SLUG", slug);
        JsonNode expect = MAPPER.readTree(fixture.get("expect").toString()
                .replace("\"SELF_ID\"", Long.toString(id)).replace("SELF_SLUG", slug));
        String strategy = fixture.has("strategy") ? ",\"strategy\":\"" + fixture.get("strategy").asText() + "\"" : "";

        Response started = api.post("/api/workflows/" + id + "/execute?wait=true", "{\"params\":" + params + strategy + "}");
        assertThat(started.status()).as(started.text()).isIn(200, 202);
        JsonNode execution = started.json();
        boolean sawWaiting = "waiting".equals(execution.get("status").asText());
        long executionId = execution.get("id").asLong();
        if (!isEnded(execution)) {
            execution = Awaitility.await("execution " + executionId + " to end").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/api/workflow-executions/" + executionId).json(), ConformanceIT::isEnded);
        }

        assertThat(execution.get("status").asText()).as("status; error: %s", execution.get("error"))
                .isEqualTo(expect.get("status").asText());
        if (expect.has("error")) {
            assertThat(execution.get("error").asText()).contains(expect.get("error").asText());
        }
        // A long run's detail carries its node rows a page at a time.
        com.fasterxml.jackson.databind.node.ArrayNode rows = (com.fasterxml.jackson.databind.node.ArrayNode) execution.get("nodes");
        while (rows.size() < execution.get("nodesTotal").asLong()) {
            String range = ApiClient.query("[" + rows.size() + "," + (rows.size() + 999) + "]");
            rows.addAll((com.fasterxml.jackson.databind.node.ArrayNode) api.get("/api/workflow-executions/" + executionId
                    + "?nodes=" + range).json().get("nodes"));
        }
        List<String> path = new ArrayList<>();
        execution.get("nodes").forEach(n -> path.add(n.get("nodeId").asText()));
        if (expect.has("path")) {
            assertThat(path).containsExactlyElementsOf(strings(expect.get("path")));
        }
        if (expect.has("pathContains")) {
            assertThat(path).containsAll(strings(expect.get("pathContains")));
        }
        if (expect.has("pathExcludes")) {
            assertThat(path).doesNotContainAnyElementsOf(strings(expect.get("pathExcludes")));
        }
        if (expect.has("pathCount")) {
            Map<String, Integer> counts = new HashMap<>();
            path.forEach(p -> counts.merge(p, 1, Integer::sum));
            expect.get("pathCount").fields().forEachRemaining(e ->
                    assertThat(counts.getOrDefault(e.getKey(), 0)).as("visits of %s", e.getKey())
                            .isEqualTo(e.getValue().asInt()));
        }
        if (expect.has("context")) {
            assertContains(execution.get("context"), expect.get("context"), "context");
        }
        if (expect.has("contextExact")) {
            assertExactly(execution.get("context"), expect.get("contextExact"), "context");
        }
        if (expect.has("nodes")) {
            assertNodesInOrder(execution.get("nodes"), expect.get("nodes"));
        }
        if (expect.has("configLookups")) {
            for (JsonNode lookup : expect.get("configLookups")) {
                assertThat(execution.get("configLookups")).as("config lookups")
                        .anySatisfy(actual -> assertContains(actual, lookup, "config lookup"));
            }
        }
        if (expect.has("emitted")) {
            JsonNode wanted = expect.get("emitted");
            assertThat(EMITTED).anySatisfy(event -> {
                assertThat(event.name()).isEqualTo(wanted.get("name").asText());
                assertContains(event.payload(), wanted.get("payload"), "event payload");
                assertThat(event.correlationId()).isEqualTo("execution-" + executionId);
            });
        }
        if (expect.has("sawWaiting")) {
            assertThat(sawWaiting).as("the run was parked (waiting) on a persisted timer").isTrue();
        }
    }

    static boolean isEnded(JsonNode execution) {
        return List.of("completed", "failed", "cancelled").contains(execution.get("status").asText());
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    static void assertContains(JsonNode actual, JsonNode expected, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = actual.get(e.getKey());
            if (e.getValue().isNull()) {
                assertThat(value == null || value.isNull()).as("%s.%s is null", what, e.getKey()).isTrue();
                continue;
            }
            assertThat(value).as("%s.%s in %s", what, e.getKey(), actual).isNotNull();
            assertThat(value.equals(NUMBERS, e.getValue()))
                    .as("%s.%s: expected %s, got %s", what, e.getKey(), e.getValue(), value).isTrue();
        }
    }

    /** The same JSON, key for key; the text {@code "ANY"} stands for any value but null. */
    static void assertExactly(JsonNode actual, JsonNode expected, String what) {
        if (expected.isTextual() && "ANY".equals(expected.asText())) {
            assertThat(actual != null && !actual.isNull()).as("%s is set", what).isTrue();
        } else if (expected.isObject()) {
            assertThat(actual != null && actual.isObject()).as("%s is an object: %s", what, actual).isTrue();
            List<String> keys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(keys::add);
            List<String> wanted = new ArrayList<>();
            expected.fieldNames().forEachRemaining(wanted::add);
            assertThat(keys).as("%s's keys in %s", what, actual).containsExactlyInAnyOrderElementsOf(wanted);
            wanted.forEach(k -> assertExactly(actual.get(k), expected.get(k), what + "." + k));
        } else if (expected.isArray()) {
            assertThat(actual != null && actual.isArray() && actual.size() == expected.size())
                    .as("%s is an array of %d: %s", what, expected.size(), actual).isTrue();
            for (int i = 0; i < expected.size(); i++) {
                assertExactly(actual.get(i), expected.get(i), what + "[" + i + "]");
            }
        } else {
            assertThat(actual != null && actual.equals(NUMBERS, expected))
                    .as("%s: expected %s, got %s", what, expected, actual).isTrue();
        }
    }

    /** Each expected node matches a later row than the one before it; "error" matches as a substring. */
    static void assertNodesInOrder(JsonNode rows, JsonNode expected) {
        int from = 0;
        for (JsonNode want : expected) {
            int found = -1;
            for (int i = from; i < rows.size() && found < 0; i++) {
                if (matches(rows.get(i), want)) {
                    found = i;
                }
            }
            assertThat(found).as("a node row like %s after row %d in %s", want, from, rows).isNotNegative();
            from = found + 1;
        }
    }

    static boolean matches(JsonNode row, JsonNode want) {
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = row.get(e.getKey());
            if (value == null) {
                return false;
            }
            boolean ok = "error".equals(e.getKey())
                    ? value.asText().contains(e.getValue().asText())
                    : value.equals(NUMBERS, e.getValue());
            if (!ok) {
                return false;
            }
        }
        return true;
    }

}
