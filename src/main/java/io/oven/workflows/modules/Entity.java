package io.oven.workflows.modules;

import io.oven.workflows.registry.NodePort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module entity stored in one table with a bigserial {@code id}: the fields clients see,
 * which of them the list's {@code q} searches, which can be filtered and sorted on.
 */
public record Entity(String resource, String table, List<Field> fields, Set<String> searchable,
                     Set<String> filterable, String defaultSort) {

    public Map<String, Field> byName() {
        Map<String, Field> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        return map;
    }

    /** API sort field → SQL column, for {@link io.oven.workflows.jdbc.ListQuery}. */
    public Map<String, String> sorts() {
        Map<String, String> sorts = new LinkedHashMap<>();
        sorts.put("id", "id");
        fields.forEach(f -> sorts.put(f.name(), f.column()));
        return sorts;
    }

    public List<NodePort> inputs(boolean all) {
        List<NodePort> ports = new ArrayList<>();
        fields.stream().filter(Field::writable).forEach(f -> ports.add(all ? f.port(true)
                : new NodePort(f.name(), f.port(false).type(), false, f.description(), null, List.of())));
        return ports;
    }

    public List<NodePort> outputs() {
        List<NodePort> ports = new ArrayList<>();
        ports.add(NodePort.optional("id", "integer", "Id", 1));
        fields.forEach(f -> ports.add(f.port(false)));
        return ports;
    }
}
