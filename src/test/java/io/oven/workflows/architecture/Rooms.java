package io.oven.workflows.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rooms of the service, top to bottom (the README's "Layout" section shows the same): a
 * room may use the rooms below it and never one above. The pipeline reads bottom-up: a
 * definition is validated, stored as a workflow version, compiled, deployed, run and tracked,
 * and the API shows it.
 */
final class Rooms {

    /** Each room and its packages (below {@code io.oven.workflows}), the highest first. */
    static final List<List<String>> TOP_DOWN = List.of(
            List.of("edge", "api", "security", "console", "userroutes", "modules"),
            List.of("wiring", "wiring"),
            List.of("execution", "execution"),
            List.of("deployment", "deployment"),
            List.of("tracking", "tracking"),
            List.of("workflow", "workflow"),
            List.of("compiler", "compiler"),
            List.of("nodes", "nodes", "openapi"),
            List.of("kit", "kit"),
            List.of("services", "eventbus", "config", "cluster"),
            List.of("definition", "definition"),
            List.of("registry", "registry"),
            List.of("foundation", "problem", "jdbc", "database", "settings"));

    private Rooms() {
    }

    /** Every room may be used only by the rooms above it. */
    static LayeredArchitecture layering(String base) {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> room : TOP_DOWN) {
            rule = rule.layer(room.get(0)).definedBy(room.subList(1, room.size()).stream()
                    .map(p -> base + "." + p + "..").toArray(String[]::new));
        }
        for (int i = 1; i < TOP_DOWN.size(); i++) {
            List<String> above = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                above.add(TOP_DOWN.get(j).get(0));
            }
            rule = rule.whereLayer(TOP_DOWN.get(i).get(0)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return rule.whereLayer(TOP_DOWN.get(0).get(0)).mayNotBeAccessedByAnyLayer();
    }

    /** No package (and its sub-packages) depends on itself through others. */
    static EvaluationResult cycles(String base, JavaClasses classes) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles().evaluate(classes);
    }
}
