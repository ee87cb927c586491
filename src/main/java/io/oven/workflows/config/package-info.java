/**
 * Module configuration in three tiers (instance row, module row, schema default). Until the
 * config store exists, the resolver answers the modules' schema defaults.
 */
package io.oven.workflows.config;
