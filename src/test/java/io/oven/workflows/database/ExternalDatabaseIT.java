package io.oven.workflows.database;

import io.oven.workflows.support.IntegrationTest;
import io.oven.workflows.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With spring.datasource.url set, the service uses that server and starts no PostgreSQL of its own. */
class ExternalDatabaseIT extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void usesTheConfiguredServerAndStartsNoEmbeddedOne() {
        assumeTrue(TestDatabase.url() != null, "no local PostgreSQL server: the embedded fallback is in use");

        assertThat(context.getBeanProvider(EmbeddedPostgres.class).getIfAvailable()).isNull();
        String database = jdbc.queryForObject("select current_database()", String.class);
        assertThat(TestDatabase.url()).endsWith("/" + database);
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();
    }

    @Test
    void answersReadinessWhenUp() {
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
