/**
 * Track: every node recorded by interception (an EventNotifier on Camel step events), rows
 * written in batches, the executions as the API shows them, engine meters and retention.
 */
package io.oven.workflows.tracking;
