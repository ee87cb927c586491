/**
 * What a definition may name: node types (the built-in {@code core.*} nodes, module endpoints,
 * imported APIs, all through one interface) and the module SPI with its descriptors. It imports
 * no other feature.
 */
package io.oven.workflows.registry;
