package io.oven.workflows.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.engine.TestNodes;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarantee the generator checks, on the whole service (real HTTP, real PostgreSQL): a
 * definition is either refused with at least one pointer, or it saves, deploys and each run of it
 * ends — completed, or failed with its error recorded — within the bound; never a 5xx, a hang, or
 * a route left behind once the workflow is deleted.
 */
final class GeneratedRuns implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NODE_STATUSES = Set.of("pending", "running", "completed", "failed", "skipped");

    private final ConfigurableApplicationContext app;
    private final ApiClient api;
    private final CamelContext camel;
    private final AtomicLong counter = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Time spent saving, running and deleting, summed over the checks (ns). */
    final AtomicLong saving = new AtomicLong();
    final AtomicLong running = new AtomicLong();
    final AtomicLong deleting = new AtomicLong();

    GeneratedRuns(String tag) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.engine.max-steps=300", "--camel.main.jmx-enabled=false", "--oven.engine.max-wait=20s", "--oven.engine.timer-threshold-ms=60000",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN, "--logging.level.io.oven=WARN", "--logging.level.org.apache.camel=WARN"));
        String url = TestDatabase.fresh(tag);
        if (url != null) {
            args.add("--spring.datasource.url=" + url);
            args.add("--spring.datasource.username=" + TestDatabase.user());
        } else {
            args.add("--oven.data-dir=" + TestDatabase.embeddedDataDir().resolveSibling("generator-" + tag));
        }
        app = new SpringApplicationBuilder(OvenWorkflowsApplication.class, TestNodes.class).run(args.toArray(String[]::new));
        String port = app.getEnvironment().getProperty("local.server.port");
        api = ApiClient.at("http://127.0.0.1:" + port);
        camel = app.getBean(CamelContext.class);
        Awaitility.await("readiness").atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/actuator/health/readiness").status() == 200);
    }

    /** Definitions checked side by side in one try (the service runs many workflows at once anyway). */
    static final int BATCH = 4;

    private final ExecutorService pool = Executors.newFixedThreadPool(BATCH);

    /**
     * Checks one definition per seed, side by side; a seed whose low digit is below 3 is mutated.
     * The first failure is rethrown with its seed, so it can be reproduced with {@link Definitions#of}.
     */
    void checkAll(List<Long> seeds) {
        List<Future<?>> checks = new ArrayList<>();
        for (long seed : seeds) {
            boolean mutated = Math.floorMod(seed, 10) < 3;
            checks.add(pool.submit(() -> check(Definitions.of(seed, mutated), Definitions.params(seed))));
        }
        for (int i = 0; i < checks.size(); i++) {
            try {
                checks.get(i).get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new AssertionError("seed " + seeds.get(i) + " (Definitions.of(" + seeds.get(i) + "L, "
                        + (Math.floorMod(seeds.get(i), 10) < 3) + ")): " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("seed " + seeds.get(i) + " did not finish its check", e);
            }
        }
    }

    /** Checks one definition end to end; the assertion messages carry the definition. */
    void check(ObjectNode definition, ObjectNode params) {
        String name = "gen-" + counter.incrementAndGet();
        long t0 = System.nanoTime();
        Response saved = api.post("/api/workflows", MAPPER.createObjectNode().put("name", name).set("definition", definition));
        assertThat(saved.status()).as("save of %s answered %s", definition, saved.text()).isIn(201, 400);
        if (saved.status() == 400) {
            JsonNode details = saved.json().get("details");
            assertThat(details).as("a refusal of %s names its problems", definition).isNotEmpty();
            details.forEach(d -> {
                assertThat(d.path("path").isTextual()).as("pointer of %s", d).isTrue();
                assertThat(d.path("message").asText()).as("message of %s", d).isNotBlank();
            });
            refused.incrementAndGet();
            return;
        }
        long id = saved.json().get("id").asLong();
        String slug = saved.json().get("slug").asText();
        long t1 = System.nanoTime();
        saving.addAndGet(t1 - t0);
        Response run = api.post("/api/workflows/" + id + "/execute?wait=true", MAPPER.createObjectNode().set("params", params));
        assertThat(run.status()).as("run of %s answered %s", definition, run.text()).isEqualTo(200);
        JsonNode execution = run.json();
        String status = execution.get("status").asText();
        assertThat(status).as("run of %s ended: %s", definition, execution).isIn("completed", "failed");
        if (status.equals("failed")) {
            assertThat(execution.path("error").asText()).as("the error of a failed run of %s", definition).isNotBlank();
            failed.incrementAndGet();
        } else {
            completed.incrementAndGet();
        }
        execution.get("nodes").forEach(node -> assertThat(node.get("status").asText())
                .as("node row %s of %s", node, definition).isIn(NODE_STATUSES));

        long t2 = System.nanoTime();
        running.addAndGet(t2 - t1);
        Response deleted = api.delete("/api/workflows/" + id);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        String prefix = "wf." + slug + ".";
        Awaitility.await("routes of " + slug + " removed").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> camel.getRoutes().stream().noneMatch(r -> r.getRouteId().startsWith(prefix)));
        deleting.addAndGet(System.nanoTime() - t2);
    }

    /** One line for the build log: how many of each outcome, and where the time went. */
    String summary() {
        return String.format("%d refused, %d completed, %d failed with their error; saving %d ms, running %d ms, "
                        + "deleting %d ms in all", refused.get(), completed.get(), failed.get(), saving.get() / 1_000_000,
                running.get() / 1_000_000, deleting.get() / 1_000_000);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        app.close();
    }
}
