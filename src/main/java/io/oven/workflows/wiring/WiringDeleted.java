package io.oven.workflows.wiring;

/** A wiring was deleted. */
record WiringDeleted(long id) {
}
