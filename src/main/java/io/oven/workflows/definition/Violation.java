package io.oven.workflows.definition;

/** One problem found in a definition: where it is (a JSON pointer) and what is wrong. */
public record Violation(String path, String message) {
}
