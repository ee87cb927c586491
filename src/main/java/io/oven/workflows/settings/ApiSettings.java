package io.oven.workflows.settings;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * {@code oven.api}: the REST API's bounds.
 *
 * @param maxRequestSize     largest request body (413 above it)
 * @param corsAllowedOrigins browser origins besides the service's own that may call {@code /api}
 * @param maxWaitingRequests execute requests with {@code wait=true} held at once (429 past it)
 */
@Validated
@ConfigurationProperties("oven.api")
public record ApiSettings(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue("150") @Positive int maxWaitingRequests) {
}
