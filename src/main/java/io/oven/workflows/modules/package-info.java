/**
 * The module SPI: what an Oven module declares (endpoints, events, config schema, dependencies),
 * the registry that checks and lists them, and the generic entity store and input checks the
 * game modules are built from.
 */
package io.oven.workflows.modules;
