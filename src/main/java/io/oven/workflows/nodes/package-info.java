/**
 * What each invocable node type does, one class per type. A node gets its resolved input and
 * answers its output; retries, timeouts, tracking and the context merge are the engine's.
 */
package io.oven.workflows.nodes;
