package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigStore;
import io.oven.workflows.settings.ServiceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Oven's sample data, on request ({@code oven.seed-sample-data=true}): the map its examples call
 * map 1 ("Test Discovery World"), a player, and the map's {@code START_CELL_POSITION} instance
 * config {@code {x: 16, y: 16}}. Only into an empty game (no player, no map): it never adds to
 * someone's data, and a second start finds it there and does nothing.
 */
@Component
class SampleData {

    private static final Logger log = LoggerFactory.getLogger(SampleData.class);

    private final ServiceSettings settings;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ConfigStore configs;
    private final ObjectMapper mapper;

    SampleData(ServiceSettings settings, JdbcTemplate jdbc, TransactionTemplate tx, ConfigStore configs, ObjectMapper mapper) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.tx = tx;
        this.configs = configs;
        this.mapper = mapper;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(5)
    public void seed() {
        if (!settings.seedSampleData()) {
            return;
        }
        Boolean empty = jdbc.queryForObject("select not exists (select 1 from players) and not exists (select 1 from maps)",
                Boolean.class);
        if (!Boolean.TRUE.equals(empty)) {
            log.info("oven.seed-sample-data: the game already has players or maps; no sample data added");
            return;
        }
        tx.executeWithoutResult(status -> {
            Long map = jdbc.queryForObject("insert into maps (name, mode) values ('Test Discovery World', 'discovery') "
                    + "returning id", Long.class);
            jdbc.update("insert into players (username, display_name) values ('player1', 'Player One')");
            ObjectNode start = mapper.createObjectNode().put("moduleName", "maps").put("scope", "instance")
                    .put("scopeId", String.valueOf(map)).put("key", "START_CELL_POSITION")
                    .put("description", "Spawn at the center of Test Discovery World");
            start.putObject("value").put("x", 16).put("y", 16);
            configs.create(start);
            log.info("oven.seed-sample-data: added map {} (Test Discovery World), player 'player1' and its "
                    + "START_CELL_POSITION {{x: 16, y: 16}}", map);
        });
    }
}
