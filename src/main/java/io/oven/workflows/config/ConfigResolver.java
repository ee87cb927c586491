package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Resolves {@code (module, key, scopeId)} to a value and says where it came from. */
public interface ConfigResolver {

    record Resolved(String moduleName, String key, JsonNode value, String source, String scopeId) {
    }

    /** Empty when the module has no such key at all. */
    Optional<Resolved> resolve(String moduleName, String key, String scopeId);
}
