/**
 * Compiles a stored definition into one Camel route per workflow version: a dispatch loop
 * ({@code loopDoWhile(state != null)}) around a {@code choice} with one {@code step} per state,
 * whose id names the state. One translator per kind of state writes that step.
 */
package io.oven.workflows.compiler;
