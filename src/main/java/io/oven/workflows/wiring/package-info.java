/**
 * What reacts to events: wirings (event → condition → transform → node type) and workflow
 * triggers, each a Camel consumer route on the bus ({@code wiring.<id>}, {@code trigger.<slug>}),
 * added, replaced or removed live.
 */
package io.oven.workflows.wiring;
