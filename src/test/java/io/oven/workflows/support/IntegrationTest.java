package io.oven.workflows.support;

import io.oven.workflows.engine.TestNodes;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: the whole service on a random port, on real PostgreSQL
 * ({@link TestDatabase}). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oven.engine.timer-threshold-ms=1500",
        "oven.engine.timer-poll-ms=200",
        // Changes made "elsewhere" (DeploymentFollowIT) are found within a second without their notice.
        "oven.cluster.reconcile=1s",
        "oven.api.cors-allowed-origins=http://localhost:5173",
        // Test servers listen on loopback: listed by address, so every other spelling stays refused.
        "oven.egress.allowed-hosts=127.0.0.1",
        // A fixed key for secret config values, so no key file is made in the working directory.
        "oven.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "oven.admin.token=" + ApiClient.ADMIN_TOKEN,
        "oven.admin.password=" + ApiClient.ADMIN_PASSWORD})
@Import({TestNodes.class, Dispatches.class})
@AutoConfigureObservability
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.url();
        if (url != null) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", TestDatabase::user);
        } else {
            registry.add("oven.data-dir", () -> TestDatabase.embeddedDataDir().toString());
        }
    }

    protected ApiClient api() {
        return ApiClient.at("http://127.0.0.1:" + port);
    }
}
