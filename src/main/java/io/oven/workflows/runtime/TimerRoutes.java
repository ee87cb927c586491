package io.oven.workflows.runtime;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Persisted timers: a Camel timer polls for parked runs that are due and resumes them. */
@Component
class TimerRoutes extends RouteBuilder {

    private final ExecutionService executions;

    TimerRoutes(ExecutionService executions) {
        this.executions = executions;
    }

    @Override
    public void configure() {
        from("timer:oven-timers?period={{oven.engine.timer-poll-ms:1000}}&delay={{oven.engine.timer-poll-ms:1000}}")
                .routeId("oven.timers")
                .process(exchange -> {
                    try {
                        executions.resumeDue();
                    } catch (org.springframework.dao.DataAccessException e) {
                        // The next poll tries again; a database that is away is reported by health, not here.
                        log.warn("looking for due timers failed: {}", e.getMostSpecificCause().getMessage());
                    }
                });
    }
}
