/**
 * Where the data lives: an external PostgreSQL when {@code spring.datasource.url} is set,
 * otherwise an embedded PostgreSQL whose files stay under the data directory.
 */
package io.oven.workflows.database;
