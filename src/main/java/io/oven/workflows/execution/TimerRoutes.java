package io.oven.workflows.execution;

import io.oven.workflows.settings.EngineSettings;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Persisted timers: a Camel timer polls for parked runs that are due and resumes them. */
@Component
class TimerRoutes extends RouteBuilder {

    private final ParkedRuns parked;
    private final long pollMs;

    TimerRoutes(ParkedRuns parked, EngineSettings settings) {
        this.parked = parked;
        this.pollMs = settings.timerPollMs();
    }

    @Override
    public void configure() {
        from("timer:oven-timers?period=" + pollMs + "&delay=" + pollMs)
                .routeId("oven.timers")
                .process(exchange -> {
                    try {
                        parked.resumeDue();
                    } catch (DataAccessException e) {
                        // The next poll tries again; a database that is away is reported by health, not here.
                        log.warn("looking for due timers failed: {}", e.getMostSpecificCause().getMessage());
                    }
                });
    }
}
