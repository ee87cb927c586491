/**
 * The event bus seen by the rest of the service: publish an event, subscribe to events.
 * Today an in-process implementation; the PostgreSQL outbox and Kafka come with the bus itself.
 */
package io.oven.workflows.eventbus;
