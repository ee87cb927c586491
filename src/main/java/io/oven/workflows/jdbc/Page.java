package io.oven.workflows.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;
import java.util.Map;

/** One page of a list and how many items match in all. */
public record Page<T>(List<T> items, long total) {

    /**
     * The page {@code query} asks for of a table's rows ({@code columns}, as {@link JsonRows}
     * shows them) matching every condition in {@code where}, sorted by the column {@code sorts}
     * maps the query's sort field to, then by id.
     */
    public static Page<ObjectNode> of(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, String table, String columns,
                                      List<String> where, MapSqlParameterSource params, ListQuery query,
                                      Map<String, String> sorts) {
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        Long total = jdbc.queryForObject("select count(*) from " + table + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        List<ObjectNode> rows = jdbc.query("select " + columns + " from " + table + whereSql + " order by "
                        + sorts.get(query.sortField()) + direction + ", id" + direction + " limit :limit offset :offset",
                params, (rs, n) -> JsonRows.row(rs, mapper));
        return new Page<>(rows, total == null ? 0 : total);
    }
}
