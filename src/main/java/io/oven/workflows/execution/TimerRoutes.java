package io.oven.workflows.execution;

import io.oven.workflows.cluster.Instances;
import io.oven.workflows.settings.EngineSettings;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Persisted timers: a Camel timer polls for parked runs that are due and resumes them; another
 * takes over the running executions of instances that are gone.
 */
@Component
class TimerRoutes extends RouteBuilder {

    private final ParkedRuns parked;
    private final long pollMs;

    private final long takeoverMs;

    TimerRoutes(ParkedRuns parked, EngineSettings settings, Instances instances) {
        this.parked = parked;
        this.pollMs = settings.timerPollMs();
        this.takeoverMs = instances.takeoverEvery().toMillis();
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
        // The running executions of an instance that is gone go on here (within the lease and this period).
        from("timer:oven-takeover?period=" + takeoverMs + "&delay=" + takeoverMs)
                .routeId("oven.takeover")
                .process(exchange -> {
                    try {
                        parked.takeOver(false);
                    } catch (DataAccessException e) {
                        log.warn("looking for the runs of lost instances failed: {}", e.getMostSpecificCause().getMessage());
                    }
                });
    }
}
