package io.oven.workflows.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

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
        return row(rs, mapper, false);
    }

    /**
     * With {@code rawJson}, json/jsonb columns are passed on as the text PostgreSQL sent, written
     * into an answer as they are without being parsed and written again: for rows only shown
     * (a long run's node inputs and outputs), never for rows the service reads fields of.
     */
    public static ObjectNode row(ResultSet rs, ObjectMapper mapper, boolean rawJson) throws SQLException {
        ObjectNode node = mapper.createObjectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String field = camel(meta.getColumnLabel(i));
            String type = meta.getColumnTypeName(i);
            if ("jsonb".equals(type) || "json".equals(type)) {
                String text = rs.getString(i);
                if (text == null) {
                    node.putNull(field);
                } else if (rawJson) {
                    node.putRawValue(field, new RawValue(text));
                } else {
                    try {
                        node.set(field, mapper.readTree(text));
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                continue;
            }
            Object value = rs.getObject(i);
            if (value == null) {
                node.putNull(field);
            } else if (value instanceof String s) {
                node.put(field, s);
            } else if (value instanceof Long l) {
                node.put(field, l);
            } else if (value instanceof Integer n) {
                node.put(field, n);
            } else if (value instanceof Boolean b) {
                node.put(field, b);
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
