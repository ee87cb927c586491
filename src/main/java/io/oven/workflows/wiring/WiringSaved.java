package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A wiring was created or changed; {@code previousEvent} is its source event before (null when new). */
record WiringSaved(ObjectNode wiring, String previousEvent) {
}
