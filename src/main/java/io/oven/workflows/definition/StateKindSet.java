package io.oven.workflows.definition;

import java.util.List;

/** The state kinds in the order they are asked which one a state is (provided by the compiler). */
public interface StateKindSet {

    List<? extends StateKindRules> kinds();
}
