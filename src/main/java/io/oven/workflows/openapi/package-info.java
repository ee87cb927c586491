/**
 * OpenAPI import: each operation of an imported OpenAPI 3 document becomes an api-call node
 * run over HTTP (camel-http); imports are stored and registered again at start.
 */
package io.oven.workflows.openapi;
