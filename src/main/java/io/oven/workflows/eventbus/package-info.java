/**
 * The event bus: the transactional outbox ({@code event_log}), the relay that orders events (or
 * sends them through Kafka), the {@code bus:} Camel component, durable subscribers with receipts.
 */
package io.oven.workflows.eventbus;
