package io.oven.workflows.definition;

/**
 * How large a definition may be: states in all (regions and loop bodies included), how deep
 * regions and loop bodies nest, and the highest {@code maxIterations} a loop may ask for.
 * Configured as {@code oven.engine.max-states}, {@code max-depth} and {@code max-iterations}.
 */
public record Limits(int maxStates, int maxDepth, int maxIterations) {

    public static final Limits DEFAULT = new Limits(2_000, 8, 100_000);
}
