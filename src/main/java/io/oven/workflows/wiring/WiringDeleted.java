package io.oven.workflows.wiring;

/** A wiring was deleted (on another instance when {@code elsewhere}). */
record WiringDeleted(long id, boolean elsewhere) {
}
