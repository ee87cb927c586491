package io.oven.workflows.registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleRegistryTest {

    static OvenModule module(String name, String... dependencies) {
        return () -> new ModuleDescriptor(name, name, List.of(dependencies), List.of(), List.of(), List.of());
    }

    @Test
    void refusesToStartWhenADependencyIsMissingAndNamesIt() {
        assertThatThrownBy(() -> new ModuleRegistry(List.of(module("players"), module("sessions", "players", "maps"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'sessions'").hasMessageContaining("'maps'");
    }

    @Test
    void refusesTheSameModuleTwice() {
        assertThatThrownBy(() -> new ModuleRegistry(List.of(module("players"), module("players"))))
                .hasMessageContaining("registered twice");
    }

    @Test
    void listsModulesByName() {
        ModuleRegistry registry = new ModuleRegistry(List.of(module("sessions", "players"), module("players")));

        assertThat(registry.all()).extracting(ModuleDescriptor::name).containsExactly("players", "sessions");
    }
}
