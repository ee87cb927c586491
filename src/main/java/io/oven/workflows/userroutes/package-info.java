/**
 * The user's own Camel YAML routes ({@code <oven.routes-dir>/*.camel.yaml}), loaded at start when
 * the folder exists; a missing folder means no user routes.
 */
package io.oven.workflows.userroutes;
