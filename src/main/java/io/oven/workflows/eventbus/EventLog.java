package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.api.ApiException;
import io.oven.workflows.api.JsonRows;
import io.oven.workflows.api.ListQuery;
import io.oven.workflows.api.Page;
import io.oven.workflows.definition.Violation;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the event log, and emitting a test event from an envelope a user sent. */
@Component
public class EventLog {

    public static final Map<String, String> SORTS = Map.of("id", "id", "name", "name", "source", "source",
            "emittedAt", "emitted_at", "seq", "seq");
    private static final String COLUMNS = "id, event_id, name, source, payload, correlation_id, emitted_at, seq";
    private static final Set<String> FIELDS = Set.of("name", "source", "payload", "correlationId");

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EventBus bus;

    EventLog(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, EventBus bus) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.bus = bus;
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String value = f.getValue().asText();
            switch (f.getKey()) {
                case "name" -> {
                    where.add("name like :name escape '\\'");
                    params.addValue("name", EventNames.like(value));
                }
                case "source" -> {
                    where.add("source = :source");
                    params.addValue("source", value);
                }
                case "correlationId" -> {
                    where.add("correlation_id = :correlationId");
                    params.addValue("correlationId", value);
                }
                case "q" -> {
                    where.add("(name ilike :q or source ilike :q)");
                    params.addValue("q", "%" + value + "%");
                }
                default -> throw ApiException.invalid("filter." + f.getKey(),
                        "unknown filter; use q, name (a name or a prefix ending in *), source or correlationId");
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        Long total = jdbc.queryForObject("select count(*) from event_log" + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        List<ObjectNode> rows = jdbc.query("select " + COLUMNS + " from event_log" + whereSql + " order by "
                + SORTS.get(query.sortField()) + direction + " nulls last, id" + direction
                + " limit :limit offset :offset", params, (rs, n) -> JsonRows.row(rs, mapper));
        return new Page<>(rows, total == null ? 0 : total);
    }

    public ObjectNode get(long id) {
        return jdbc.query("select " + COLUMNS + " from event_log where id = :id", Map.of("id", id),
                (rs, n) -> JsonRows.row(rs, mapper)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("event " + id));
    }

    /** Emits {@code { name, source?, payload?, correlationId? }}; a 400 lists every problem with the envelope. */
    public ObjectNode emit(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("", "send an event as { name, source, payload, correlationId }");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, FIELDS, Set.of(), "an event", problems);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            problems.add(new Violation("name", "is required: a dotted event name like players.player.created"));
        } else if (!EventNames.isName(name.asText())) {
            problems.add(new Violation("name", "'" + name.asText() + "' is not an event name (dotted words, like players.player.created)"));
        }
        JsonNode source = body.get("source");
        if (source != null && !source.isNull() && (!source.isTextual() || source.asText().isBlank())) {
            problems.add(new Violation("source", "must be a non-empty string"));
        }
        JsonNode payload = body.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            problems.add(new Violation("payload", "must be a JSON object"));
        }
        JsonNode correlation = body.get("correlationId");
        if (correlation != null && !correlation.isNull() && !correlation.isTextual()) {
            problems.add(new Violation("correlationId", "must be a string"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("invalid event: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                    problems);
        }
        Event event = bus.publish(name.asText(), source == null || source.isNull() ? "api" : source.asText(),
                payload == null || payload.isNull() ? mapper.createObjectNode() : payload,
                correlation == null || correlation.isNull() ? null : correlation.asText());
        return jdbc.query("select " + COLUMNS + " from event_log where event_id = :id", Map.of("id", event.id()),
                (rs, n) -> JsonRows.row(rs, mapper)).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + event.id() + " was not stored"));
    }
}
