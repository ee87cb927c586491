package io.oven.workflows.generator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

/**
 * "A definition that saves is a definition that runs", checked on generated definitions
 * ({@link Definitions}: every state kind, nesting, guards, retries, timeouts, back edges, and
 * one-change mutations) with a fixed seed and a bounded count, so CI runs the same cases every
 * time. {@code -Pfuzz} runs {@code DefinitionFuzz}: many more, from a random seed. A failure
 * found here becomes a fixture under {@code workflows/conformance} or {@code workflows/invalid}.
 */
class DefinitionGeneratorIT {

    static GeneratedRuns runs;

    @BeforeContainer
    static void start() {
        runs = new GeneratedRuns("generator");
    }

    @AfterContainer
    static void stop() {
        System.out.println("generated definitions: " + runs.summary());
        runs.close();
    }

    /** 500 tries of 4 definitions each, checked side by side: 2,000 definitions. */
    @Property(tries = 500, seed = "20261202", shrinking = ShrinkingMode.OFF)
    void aDefinitionIsRefusedWithPointersOrItsRunEnds(@ForAll("batches") List<Long> seeds) {
        runs.checkAll(seeds);
    }

    @Provide
    Arbitrary<List<Long>> batches() {
        return Arbitraries.longs().list().ofSize(GeneratedRuns.BATCH);
    }
}
