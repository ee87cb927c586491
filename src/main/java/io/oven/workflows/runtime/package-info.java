/**
 * Running compiled workflows: starting executions, tracking every node by interception
 * (an EventNotifier on Camel step events), writing the tracking rows in batches, deploying
 * routes on save, persisted timers and recovery after a restart.
 */
package io.oven.workflows.runtime;
