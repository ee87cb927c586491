package io.oven.workflows.generator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

/**
 * {@link DefinitionGeneratorIT}'s property at scale, from a random seed (only {@code -Pfuzz} runs
 * it): 5,000 tries of 4 definitions. A failure names its seed; make it a fixture.
 */
class DefinitionFuzz {

    static GeneratedRuns runs;

    @BeforeContainer
    static void start() {
        runs = new GeneratedRuns("fuzz");
    }

    @AfterContainer
    static void stop() {
        System.out.println("fuzzed definitions: " + runs.summary());
        runs.close();
    }

    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void aDefinitionIsRefusedWithPointersOrItsRunEnds(@ForAll("batches") List<Long> seeds) {
        runs.checkAll(seeds);
    }

    @Provide
    Arbitrary<List<Long>> batches() {
        return Arbitraries.longs().list().ofSize(GeneratedRuns.BATCH);
    }
}
