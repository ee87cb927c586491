/**
 * Stored workflows and their version history: one row per workflow, one row per version,
 * written together so a failed save changes nothing.
 */
package io.oven.workflows.workflow;
