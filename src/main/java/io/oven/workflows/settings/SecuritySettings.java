package io.oven.workflows.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code oven.admin} and {@code oven.audit}: the first admin and the audit log.
 *
 * @param admin the first admin, created on the first start
 * @param audit the audit log
 */
@Validated
@ConfigurationProperties("oven")
public record SecuritySettings(@Valid @DefaultValue Admin admin, @Valid @DefaultValue Audit audit) {

    /**
     * {@code oven.admin}.
     *
     * @param user     the first admin's name
     * @param password the first admin's password; empty: a one-time password is generated and printed once
     * @param token    an API token for the first admin; empty: none
     */
    public record Admin(@DefaultValue("admin") @NotBlank String user, @DefaultValue("") String password,
                        @DefaultValue("") String token) {
    }

    /**
     * {@code oven.audit}.
     *
     * @param retention      audit rows older than this are deleted; 0 keeps them for ever
     * @param retentionCheck how often audit retention runs
     */
    public record Audit(@DefaultValue("365d") @DurationMin(millis = 0) Duration retention,
                        @DefaultValue("1d") @DurationMin(millis = 1) Duration retentionCheck) {
    }
}
