package io.oven.workflows.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The main code keeps its rooms: no package cycle, and no room imports one above it. */
class ArchitectureTest {

    private static final String BASE = "io.oven.workflows";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void packagesFormNoCycle() {
        EvaluationResult result = Rooms.cycles(BASE, main);
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void everyRoomUsesOnlyTheRoomsBelowIt() {
        EvaluationResult result = Rooms.layering(BASE).evaluate(main);
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void everyPackageBelongsToARoom() {
        Set<String> placed = Rooms.TOP_DOWN.stream().flatMap(room -> room.subList(1, room.size()).stream())
                .collect(Collectors.toSet());
        Set<String> packages = main.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith(BASE + "."))
                .map(p -> p.substring(BASE.length() + 1).split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(placed).as("a new package needs its room in Rooms.TOP_DOWN").containsAll(packages);
    }

    /** The same rules fail on fixtures (a kit class importing an execution class): a cycle, an upward import. */
    @Test
    void theRulesFailOnACycleAndAnUpwardImport() {
        String fixtures = BASE + ".architecture.fixture";
        JavaClasses bad = new ClassFileImporter().importPackages(fixtures);

        EvaluationResult cycles = Rooms.cycles(fixtures, bad);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(cycles.getFailureReport().toString()).contains("Cycle detected");

        EvaluationResult layering = Rooms.layering(fixtures).evaluate(bad);
        assertThat(layering.hasViolation()).isTrue();
        assertThat(layering.getFailureReport().toString()).contains("Lower").contains("Higher")
                .doesNotContain("Higher.useBelow");
    }
}
