/**
 * The operations console: Hawtio at {@code /actuator/hawtio} and Jolokia at
 * {@code /actuator/jolokia}, behind a login unless the console is deliberately left open.
 */
package io.oven.workflows.console;
