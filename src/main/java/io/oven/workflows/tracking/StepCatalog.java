package io.oven.workflows.tracking;

import io.oven.workflows.kit.StepInfo;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every step of every deployed route, so the tracking notifier can name what it sees. */
@Component
public class StepCatalog {

    /** Node types that wait in memory without a thread (Camel's asynchronous delayer). */
    private static final Set<String> WAITING = Set.of("after", "core.delay");

    private final Map<String, StepInfo> steps = new ConcurrentHashMap<>();
    /** Workflow routes (by the run's route id, wf.slug.vN) with a step that waits in memory. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public void register(Collection<StepInfo> infos) {
        infos.forEach(i -> {
            steps.put(i.stepId(), i);
            if (WAITING.contains(i.nodeType())) {
                waiting.add(i.stepId().substring(0, i.stepId().length() - i.stateId().length() - 1));
            }
        });
    }

    /** Whether runs of this route may wait in memory: they are sent asynchronously, so the wait holds no thread. */
    public boolean waits(String routeId) {
        return waiting.contains(routeId);
    }

    public void unregister(Collection<StepInfo> infos) {
        infos.forEach(i -> steps.remove(i.stepId()));
    }

    StepInfo find(String stepId) {
        return stepId == null ? null : steps.get(stepId);
    }
}
