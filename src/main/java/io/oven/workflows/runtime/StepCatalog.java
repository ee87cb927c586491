package io.oven.workflows.runtime;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every step of every deployed route, so the tracking notifier can name what it sees. */
@Component
public class StepCatalog {

    private final Map<String, StepInfo> steps = new ConcurrentHashMap<>();

    public void register(Collection<StepInfo> infos) {
        infos.forEach(i -> steps.put(i.stepId(), i));
    }

    public void unregister(Collection<StepInfo> infos) {
        infos.forEach(i -> steps.remove(i.stepId()));
    }

    StepInfo find(String stepId) {
        return stepId == null ? null : steps.get(stepId);
    }
}
