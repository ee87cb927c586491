package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading the event log, and emitting a test event from an envelope a user sent. */
@Component
public class EventLog {

    public static final Map<String, String> SORTS = Map.of("id", "id", "name", "name", "source", "source",
            "emittedAt", "emitted_at", "seq", "seq");
    private static final String COLUMNS = "id, event_id, name, source, payload, correlation_id, emitted_at, seq";
    private static final Set<String> FIELDS = Set.of("id", "name", "source", "payload", "correlationId");
    private static final int MAX_KEY = 200;

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
                default -> throw Problem.invalid("filter." + f.getKey(),
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
                .orElseThrow(() -> Problem.notFound("event " + id));
    }

    /** An emitted event and whether it was stored now (false: the idempotency key named one stored before). */
    public record Emitted(ObjectNode event, boolean created) {
    }

    /**
     * Emits {@code { id?, name, source?, payload?, correlationId? }}; a 400 lists every problem with the
     * envelope. The event's {@code id}, or else {@code idempotencyKey} (the Idempotency-Key header), is
     * its key: a repeat of a request whose answer was lost answers the event stored the first time,
     * and the same key for a different event is a 409.
     */
    public Emitted emit(JsonNode body, String idempotencyKey) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "send an event as { name, source, payload, correlationId }");
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
        JsonNode id = body.get("id");
        String key = idempotencyKey;
        if (id != null && !id.isNull()) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_KEY) {
                problems.add(new Violation("id", "must be a string of 1 to " + MAX_KEY + " characters (the event's own id)"));
            } else if (key != null && !key.equals(id.asText())) {
                problems.add(new Violation("id", "differs from the Idempotency-Key header: send one of them"));
            } else {
                key = id.asText();
            }
        } else if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
            problems.add(new Violation("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid event: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                    problems);
        }
        String sourceName = source == null || source.isNull() ? "api" : source.asText();
        JsonNode eventPayload = payload == null || payload.isNull() ? mapper.createObjectNode() : payload;
        String correlationId = correlation == null || correlation.isNull() ? null : correlation.asText();
        if (key != null) {
            Optional<ObjectNode> stored = byEventId(key);
            if (stored.isPresent()) {
                return repeat(stored.get(), name.asText(), eventPayload);
            }
            try {
                Event event = bus.publish(key, name.asText(), sourceName, eventPayload, correlationId);
                return new Emitted(byEventId(event.id()).orElseGet(() -> unstored(event)), true);
            } catch (DuplicateKeyException raced) {
                // The same request arrived twice at once: the other one stored it.
                return repeat(byEventId(key).orElseThrow(), name.asText(), eventPayload);
            }
        }
        Event event = bus.publish(name.asText(), sourceName, eventPayload, correlationId);
        return new Emitted(byEventId(event.id()).orElseGet(() -> unstored(event)), true);
    }

    /** An event the log does not keep (an engine event nobody subscribes to), answered as it was published. */
    private ObjectNode unstored(Event event) {
        ObjectNode answer = mapper.createObjectNode().put("eventId", event.id()).put("name", event.name())
                .put("source", event.source());
        answer.set("payload", event.payload());
        answer.put("correlationId", event.correlationId()).put("emittedAt", event.emittedAt().toString());
        return answer;
    }

    private Emitted repeat(ObjectNode stored, String name, JsonNode payload) {
        if (!stored.path("name").asText().equals(name) || !stored.path("payload").equals(payload)) {
            throw Problem.conflict("event id '" + stored.path("eventId").asText() + "' is already used by "
                    + "another event (" + stored.path("name").asText() + ")", "id");
        }
        return new Emitted(stored, false);
    }

    private Optional<ObjectNode> byEventId(String eventId) {
        return jdbc.query("select " + COLUMNS + " from event_log where event_id = :id", Map.of("id", eventId),
                (rs, n) -> JsonRows.row(rs, mapper)).stream().findFirst();
    }
}
