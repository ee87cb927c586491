/**
 * Instances of the service on one database: who is alive ({@code service_instances}, heartbeats,
 * leases) and {@code GET /api/cluster}. The start of running several instances side by side.
 */
package io.oven.workflows.cluster;
