/**
 * Deploy: keeps the live Camel routes in step with the stored workflows (add on save, replace,
 * remove once no run is pinned to a version) and reports what failed to deploy.
 */
package io.oven.workflows.deployment;
