package io.oven.workflows.robustness;

import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.engine.TestNodes;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood beyond the bound of runs in progress is answered 429 with Retry-After at once, the
 * service stays healthy, and once the runs in progress end new ones are taken again.
 */
class OverloadIT {

    @TempDir
    Path dataDir;

    @Test
    void aFloodBeyondTheBoundGets429AndTheServiceStaysHealthy() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.engine.max-active-runs=20", "--oven.admin.token=" + ApiClient.ADMIN_TOKEN));
        String url = TestDatabase.fresh("overload");
        if (url != null) {
            args.add("--spring.datasource.url=" + url);
            args.add("--spring.datasource.username=" + TestDatabase.user());
        } else {
            args.add("--oven.data-dir=" + dataDir);
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class, TestNodes.class)
                .run(args.toArray(String[]::new))) {
            ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/actuator/health/readiness").status() == 200);
            String gate = "overload-" + System.nanoTime();
            Response created = api.post("/api/workflows", """
                    {"name":"held","definition":{"initial":"hold","states":{
                      "hold":{"invoke":{"src":"test.gate","input":{"gate":"%s"},"onDone":"done"}},
                      "done":{"type":"final"}}}}""".formatted(gate));
            long id = created.json().get("id").asLong();

            List<Integer> statuses = new ArrayList<>();
            Response refused = null;
            for (int i = 0; i < 30; i++) {
                Response r = api.post("/api/workflows/" + id + "/execute", "{}");
                statuses.add(r.status());
                if (r.status() == 429 && refused == null) {
                    refused = r;
                }
            }
            assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(20);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(10);
            assertThat(refused.header("Retry-After")).hasValue("1");
            assertThat(refused.json().get("error").asText()).contains("oven.engine.max-active-runs");
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

            TestNodes.GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();
            Awaitility.await("the held runs end").atMost(Duration.ofSeconds(30)).until(() ->
                    api.post("/api/workflows/" + id + "/execute?wait=true", "{}").status() == 200);
        }
    }
}
