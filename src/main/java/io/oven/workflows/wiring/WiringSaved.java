package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A wiring was created or changed; {@code previousEvent} is its source event before (null when new
 * or not known). {@code elsewhere}: on another instance, which has reset the shared subscription.
 */
record WiringSaved(ObjectNode wiring, String previousEvent, boolean elsewhere) {
}
