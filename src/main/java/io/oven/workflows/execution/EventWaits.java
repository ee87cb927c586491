package io.oven.workflows.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The events parked runs wait for ({@code "on": { "sessions.session.ended": { "target": "x",
 * "match": { "sessionId": "$.sessionId" } } }}): stored when a run parks, matched against every
 * event (its payload must contain the match, as PostgreSQL's {@code @>}), and looked up in the
 * event log when the wait begins, so an event emitted up to {@code oven.engine.event-wait.window}
 * before (default 5 minutes) is not lost.
 */
@Component
public class EventWaits {

    /** One wait of a parked run. */
    public record Wait(long executionId, String state, String eventName, JsonNode match) {
    }

    /** An event a wait matched. */
    public record Match(long executionId, String state, String eventName, JsonNode payload) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Duration window;

    EventWaits(JdbcTemplate jdbc, ObjectMapper mapper, EngineSettings settings) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.window = settings.eventWait().window();
    }

    void register(List<Wait> waits) {
        for (Wait wait : waits) {
            jdbc.update("insert into execution_event_waits (execution_id, state, event_name, match) "
                            + "values (?, ?, ?, cast(? as jsonb)) on conflict (execution_id, event_name) do update "
                            + "set state = excluded.state, match = excluded.match, since = now()",
                    wait.executionId(), wait.state(), wait.eventName(), json(wait.match()));
        }
    }

    /** The waits this event satisfies. */
    public List<Wait> matching(String eventName, JsonNode payload) {
        return jdbc.query("select execution_id, state, event_name, match::text as match from execution_event_waits "
                        + "where event_name = ? and cast(? as jsonb) @> match order by since",
                (rs, n) -> new Wait(rs.getLong("execution_id"), rs.getString("state"), rs.getString("event_name"),
                        tree(rs.getString("match"))), eventName, json(payload));
    }

    /** The earliest event in the log that satisfies one of this run's waits, from the window before they began. */
    Optional<Match> alreadyThere(long executionId) {
        return jdbc.query("select w.execution_id, w.state, w.event_name, e.payload::text as payload from execution_event_waits w "
                        + "join lateral (select payload from event_log l where l.name = w.event_name and l.payload @> w.match "
                        + "and l.emitted_at >= w.since - make_interval(secs => ?) order by l.id limit 1) e on true "
                        + "where w.execution_id = ? order by w.since limit 1",
                (rs, n) -> new Match(rs.getLong("execution_id"), rs.getString("state"), rs.getString("event_name"),
                        tree(rs.getString("payload"))), (double) window.toMillis() / 1000, executionId).stream().findFirst();
    }

    void clear(long executionId) {
        jdbc.update("delete from execution_event_waits where execution_id = ?", executionId);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node == null ? mapper.createObjectNode() : node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
