/**
 * The HTTP API as Camel REST DSL routes, with react-admin list semantics (sort, range,
 * filter, Content-Range) and one error body shape for every failure.
 */
package io.oven.workflows.api;
