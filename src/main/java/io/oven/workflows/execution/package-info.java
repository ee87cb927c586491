/**
 * Run: checks execution requests, launches and finishes runs on the deployed routes, cancels and
 * pauses them, and brings parked runs back — timers, event waits and recovery after a restart.
 */
package io.oven.workflows.execution;
