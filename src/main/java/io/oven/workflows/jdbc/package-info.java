/**
 * What every feature needs to write rows PostgreSQL accepts: text and JSON without the NUL
 * character its text and jsonb types refuse.
 */
package io.oven.workflows.jdbc;
