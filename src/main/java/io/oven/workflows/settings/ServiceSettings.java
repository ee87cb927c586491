package io.oven.workflows.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code oven.*} settings of the service itself: where it keeps its files, what it may reach.
 *
 * @param dataDir              where the embedded PostgreSQL and the secrets key live
 * @param embeddedPostgresPort the embedded PostgreSQL's port; 0 picks a free one
 * @param routesDir            user Camel routes ({@code *.camel.yaml}) and more seeded workflows ({@code workflows/})
 * @param seedDir              seeded workflows; {@code <routes-dir>/workflows} when empty
 * @param secrets              secret config values
 * @param egress               hosts api-call nodes may reach
 * @param openapi              hosts OpenAPI documents may be imported from
 * @param seedSampleData       add Oven's sample map, player and spawn config into an empty game on start
 */
@Validated
@ConfigurationProperties("oven")
public record ServiceSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") @PositiveOrZero @Max(65535) int embeddedPostgresPort,
        @DefaultValue("./routes") Path routesDir,
        Path seedDir,
        @Valid @DefaultValue Secrets secrets,
        @Valid @DefaultValue Hosts egress,
        @Valid @DefaultValue Hosts openapi,
        @DefaultValue("false") boolean seedSampleData) {

    /** Seeded workflows: {@code seed-dir}, or {@code workflows/} in the routes folder. */
    public Path seeds() {
        return seedDir != null ? seedDir : routesDir.resolve("workflows");
    }

    /**
     * {@code oven.secrets}.
     *
     * @param key the AES-256 key sealing secret config values (base64); empty: {@code <data-dir>/secrets.key}
     */
    public record Secrets(@DefaultValue("") String key) {
    }

    /**
     * A list of host names.
     *
     * @param allowedHosts hosts (besides the service itself) that may be reached
     */
    public record Hosts(@DefaultValue List<String> allowedHosts) {
    }
}
