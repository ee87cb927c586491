package io.oven.workflows.definition;

import java.util.List;

/**
 * The transitions of {@code always} or one {@code after} delay: the first whose guard holds
 * wins. {@code single} records that one transition was written without an array around it.
 */
public record Transitions(List<Transition> list, boolean single) {
}
