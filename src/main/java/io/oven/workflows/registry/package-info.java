/**
 * Node types a definition may invoke. The registry knows the built-in {@code core.*} nodes;
 * module endpoints and imported APIs register theirs through the same interface.
 */
package io.oven.workflows.registry;
