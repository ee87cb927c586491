/**
 * What every feature's store needs: text and JSON without the NUL character PostgreSQL's text
 * and jsonb refuse, rows as JSON, and react-admin's sort/range/filter lists as SQL pages.
 */
package io.oven.workflows.jdbc;
