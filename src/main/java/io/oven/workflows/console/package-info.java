/**
 * The operations console: Hawtio at {@code /actuator/hawtio} and Jolokia at
 * {@code /actuator/jolokia}, for admins (Jolokia reads for every role;
 * {@link io.oven.workflows.security.JolokiaGuard} keeps exec and write to admins).
 */
package io.oven.workflows.console;
