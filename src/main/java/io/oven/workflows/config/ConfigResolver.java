package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Resolves {@code (module, key, scopeId)} to a value and says where it came from. */
public interface ConfigResolver {

    /** A resolved value and where it came from: "instance", "module" or "default". */
    record Resolved(String moduleName, String key, JsonNode value, String source, String scopeId, boolean secret) {

        public Resolved(String moduleName, String key, JsonNode value, String source, String scopeId) {
            this(moduleName, key, value, source, scopeId, false);
        }
    }

    /** Empty when the module has no such key at all. */
    Optional<Resolved> resolve(String moduleName, String key, String scopeId);
}
