package io.oven.workflows.settings;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed settings: defaults in the records, bad values stop start-up naming the property. */
class SettingsTest {

    @Configuration
    @EnableConfigurationProperties({EngineSettings.class, EventBusSettings.class, ApiSettings.class,
            SecuritySettings.class, ServiceSettings.class})
    static class All {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(All.class);

    @Test
    void withNothingSetEverySettingHasItsDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            EngineSettings engine = context.getBean(EngineSettings.class);
            assertThat(engine.runThreads()).isEqualTo(64);
            assertThat(engine.maxWait()).isEqualTo(Duration.ofSeconds(30));
            assertThat(engine.timerThresholdMs()).isEqualTo(5000);
            assertThat(engine.tracking().maxValueSize()).isEqualTo(DataSize.ofKilobytes(256));
            // Writers left at 0 follow the cores: one per two.
            assertThat(engine.tracking().writers()).isZero();
            assertThat(engine.tracking().writerThreads())
                    .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
            assertThat(engine.retention().maxAge()).isEqualTo(Duration.ofDays(30));
            assertThat(engine.eventWait().window()).isEqualTo(Duration.ofMinutes(5));
            assertThat(engine.sql().statementTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(EventBusSettings.class).kafka().topic()).isEqualTo("oven.events");
            assertThat(context.getBean(ApiSettings.class).corsAllowedOrigins()).isEmpty();
            assertThat(context.getBean(SecuritySettings.class).admin().user()).isEqualTo("admin");
            ServiceSettings service = context.getBean(ServiceSettings.class);
            assertThat(service.seeds().normalize()).isEqualTo(Path.of("routes/workflows"));
            assertThat(service.egress().allowedHosts()).isEmpty();
        });
    }

    @Test
    void givenValuesBindIncludingNestedOnes() {
        runner.withPropertyValues("oven.engine.run-threads=8", "oven.engine.tracking.writers=4",
                "oven.api.cors-allowed-origins=http://a.test,http://b.test", "oven.seed-dir=/srv/seeds").run(context -> {
            assertThat(context.getBean(EngineSettings.class).runThreads()).isEqualTo(8);
            assertThat(context.getBean(EngineSettings.class).tracking().writers()).isEqualTo(4);
            assertThat(context.getBean(EngineSettings.class).tracking().writerThreads()).isEqualTo(4);
            assertThat(context.getBean(ApiSettings.class).corsAllowedOrigins()).containsExactly("http://a.test", "http://b.test");
            assertThat(context.getBean(ServiceSettings.class).seeds()).isEqualTo(Path.of("/srv/seeds"));
        });
    }

    @Test
    void anOutOfBoundsValueStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("oven.engine.run-threads=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("oven.engine.run-threads");
        });
        runner.withPropertyValues("oven.engine.tracking.writers=100").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("oven.engine.tracking.writers");
        });
        runner.withPropertyValues("oven.eventbus.poll-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("oven.eventbus.poll-interval");
        });
    }

    @Test
    void aValueOfTheWrongTypeStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("oven.engine.max-wait=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("oven.engine.max-wait");
        });
        runner.withPropertyValues("oven.embedded-postgres-port=70000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("oven.embedded-postgres-port");
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
