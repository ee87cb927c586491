package io.oven.workflows.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A database row as the API shows it: column names in camelCase ({@code duration_ms} →
 * {@code durationMs}), json/jsonb columns as JSON, times as ISO-8601 instants.
 */
public final class JsonRows {

    private JsonRows() {
    }

    public static ObjectNode row(ResultSet rs, ObjectMapper mapper) throws SQLException {
        ObjectNode node = mapper.createObjectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String field = camel(meta.getColumnLabel(i));
            Object value = rs.getObject(i);
            String type = meta.getColumnTypeName(i);
            if (value == null) {
                node.putNull(field);
            } else if ("jsonb".equals(type) || "json".equals(type)) {
                try {
                    node.set(field, mapper.readTree(rs.getString(i)));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (value instanceof Timestamp ts) {
                node.put(field, ts.toInstant().toString());
            } else if (value instanceof OffsetDateTime odt) {
                node.put(field, odt.toInstant().toString());
            } else {
                node.set(field, mapper.valueToTree(value));
            }
        }
        return node;
    }

    /** {@code sourceEvent} → {@code source_event}. */
    public static String snake(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    public static String camel(String column) {
        StringBuilder out = new StringBuilder(column.length());
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
