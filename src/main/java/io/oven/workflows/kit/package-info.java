/**
 * The route kit: what every compiled route and node executor works with while a run is on an
 * exchange — the run, its exchange keys and node traces, guards, context expressions and the
 * merge after a node. It knows nothing of deployment, execution or tracking.
 */
package io.oven.workflows.kit;
