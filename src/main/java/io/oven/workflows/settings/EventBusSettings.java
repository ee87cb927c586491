package io.oven.workflows.settings;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code oven.eventbus}: the outbox bus and its Kafka relay.
 *
 * @param pollInterval   how often the outbox is polled when no LISTEN/NOTIFY wake-up came
 * @param retention      events older than this leave the event log
 * @param retentionCheck how often event retention runs
 * @param kafka          the Kafka relay, when {@code bootstrap-servers} is set
 */
@Validated
@ConfigurationProperties("oven.eventbus")
public record EventBusSettings(
        @DefaultValue("1s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("7d") @DurationMin(millis = 1) Duration retention,
        @DefaultValue("1h") @DurationMin(millis = 1) Duration retentionCheck,
        @Valid @DefaultValue Kafka kafka) {

    /**
     * {@code oven.eventbus.kafka}.
     *
     * @param bootstrapServers brokers to relay events through (e.g. {@code kafka:9092}); empty: no Kafka
     * @param topic            the events topic
     * @param deadLetterTopic  where events no subscriber could take go
     * @param groupId          the consumer group; {@code spring.application.name} when empty
     * @param sessionTimeout   how long the group waits for a consumer that stopped answering (an
     *                         instance killed) before its partitions go to the other instances; the
     *                         broker's {@code group.min.session.timeout.ms} (6 s by default) is the least
     */
    public record Kafka(
            @DefaultValue("") String bootstrapServers,
            @DefaultValue("oven.events") String topic,
            @DefaultValue("oven.events.dlt") String deadLetterTopic,
            @DefaultValue("") String groupId,
            @DefaultValue("10s") @DurationMin(seconds = 1) Duration sessionTimeout) {
    }
}
