package io.oven.workflows.api;

import io.oven.workflows.definition.Violation;

import java.util.List;

/** The one error shape every endpoint answers with. */
public record ErrorBody(String error, List<Violation> details) {
}
