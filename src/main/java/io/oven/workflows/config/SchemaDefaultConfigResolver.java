package io.oven.workflows.config;

import io.oven.workflows.modules.ModuleRegistry;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The third tier of config resolution: the default in the module's config schema. The config
 * store (instance and module rows, consulted first) is still to come.
 */
@Component
class SchemaDefaultConfigResolver implements ConfigResolver {

    private final ModuleRegistry modules;

    SchemaDefaultConfigResolver(ModuleRegistry modules) {
        this.modules = modules;
    }

    @Override
    public Optional<Resolved> resolve(String moduleName, String key, String scopeId) {
        return modules.configKey(moduleName, key)
                .map(k -> new Resolved(moduleName, key, k.defaultValue(), "default", scopeId));
    }
}
