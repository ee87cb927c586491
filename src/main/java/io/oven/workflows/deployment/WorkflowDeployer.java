package io.oven.workflows.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.ChangeNotices;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.compiler.CompileFailure;
import io.oven.workflows.compiler.CompiledWorkflow;
import io.oven.workflows.compiler.WorkflowCompiler;
import io.oven.workflows.definition.DefinitionParser;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.kit.EngineHooks;
import io.oven.workflows.kit.Run;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.tracking.StepCatalog;
import io.oven.workflows.workflow.CompileCheck;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowDeleted;
import io.oven.workflows.workflow.WorkflowSaved;
import io.oven.workflows.workflow.WorkflowService;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the deployed routes in step with the stored workflows: on start every enabled
 * workflow's current version, on save the new version (hot reload, no restart), on disable
 * or delete nothing new — whether the change was made here or on another instance (its notice,
 * or the periodic reconcile). A version's routes stay while executions pinned to it still run,
 * and are removed when the last one ends. What runs here is reported in {@code service_instances}.
 */
@Component
public class WorkflowDeployer implements CompileCheck {

    private static final Logger log = LoggerFactory.getLogger(WorkflowDeployer.class);

    /** One deployed version and how many runs use it. */
    public static final class Deployment {
        final long workflowId;
        public final String slug;
        public final int version;
        public final WorkflowDefinition definition;
        public final CompiledWorkflow compiled;
        final AtomicInteger running = new AtomicInteger();
        volatile boolean retired;

        Deployment(long workflowId, String slug, int version, WorkflowDefinition definition, CompiledWorkflow compiled) {
            this.workflowId = workflowId;
            this.slug = slug;
            this.version = version;
            this.definition = definition;
            this.compiled = compiled;
        }
    }

    private final CamelContext camel;
    private final WorkflowCompiler compiler;
    private final WorkflowService workflows;
    private final StepCatalog catalog;
    private final EngineHooks hooks;
    private final Map<Long, Deployment> current = new ConcurrentHashMap<>();
    private final Map<String, Deployment> byRoute = new ConcurrentHashMap<>();
    private final Map<Long, String> failures = new ConcurrentHashMap<>();
    /** Workflow id → the version whose deploy failed (not tried again by a reconcile). */
    private final Map<Long, Integer> failedVersions = new ConcurrentHashMap<>();
    private final Instances instances;
    private final ChangeNotices notices;

    WorkflowDeployer(CamelContext camel, WorkflowCompiler compiler, WorkflowService workflows, StepCatalog catalog,
                     EngineHooks hooks, Instances instances, ChangeNotices notices) {
        this.instances = instances;
        this.notices = notices;
        this.camel = camel;
        this.compiler = compiler;
        this.workflows = workflows;
        this.catalog = catalog;
        this.hooks = hooks;
    }

    /** Compiles without deploying (nothing is bound or started): the save-time check. */
    @Override
    public Optional<Violation> problem(String slug, WorkflowDefinition definition) {
        try {
            compiler.compile(slug, 0, definition, hooks);
            return Optional.empty();
        } catch (CompileFailure e) {
            return Optional.of(new Violation(e.pointer(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("a valid definition of {} did not compile", slug, e);
            return Optional.of(new Violation("", "cannot be compiled: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void deployAll() {
        for (Workflow workflow : workflows.enabled()) {
            deployCurrent(workflow);
        }
        log.info("deployed {} workflow routes", current.size());
        notices.reconcileWith(this::reconcile);
        report();
    }

    /**
     * Deploys the saved version, or takes the workflow's route away when it is disabled. A save
     * older than what runs here (another instance's notice read before this instance's own newer
     * save) changes nothing: versions only grow.
     */
    @EventListener
    public synchronized void onSaved(WorkflowSaved saved) {
        Workflow workflow = saved.workflow();
        Deployment running = current.get(workflow.id());
        Integer failed = failedVersions.get(workflow.id());
        if ((running != null && running.version > workflow.version()) || (failed != null && failed > workflow.version())) {
            return;
        }
        if (workflow.enabled()) {
            deployCurrent(workflow);
        } else {
            retire(current.remove(workflow.id()));
            forgetFailure(workflow.id());
        }
    }

    @EventListener
    public synchronized void onDeleted(WorkflowDeleted deleted) {
        retire(current.remove(deleted.workflowId()));
        forgetFailure(deleted.workflowId());
    }

    /** Says what runs here once every listener of a change has done its part. */
    @EventListener({WorkflowSaved.class, WorkflowDeleted.class})
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void reportChange() {
        report();
    }

    /**
     * Deploys what differs from the stored workflows (a change notice this instance missed): a
     * newer version, a disabled or deleted workflow still running here. A version that failed to
     * deploy here is not tried again until the next save.
     */
    void reconcile() {
        Map<Long, Integer> stored = workflows.versions();
        Set<Long> differ = new TreeSet<>();
        stored.forEach((id, version) -> {
            Deployment running = current.get(id);
            if (version > 0 && (running == null || running.version < version)
                    && !Integer.valueOf(version).equals(failedVersions.get(id))) {
                differ.add(id);
            } else if (version < 0 && running != null) {
                differ.add(id);
            }
        });
        current.keySet().stream().filter(id -> !stored.containsKey(id)).forEach(differ::add);
        for (long id : differ) {
            log.info("workflow {}: what runs here differs from what is stored; deploying what is stored", id);
            workflows.follow(id);
        }
    }

    /** Tells the cluster (service_instances) which version of each workflow runs here, and which failed. */
    private synchronized void report() {
        Map<Long, Integer> versions = new TreeMap<>();
        current.forEach((id, deployment) -> versions.put(id, deployment.version));
        instances.reportDeployed(versions, new TreeMap<>(failures));
    }

    private void forgetFailure(long workflowId) {
        failures.remove(workflowId);
        failedVersions.remove(workflowId);
    }

    /** The version new executions of this workflow run on, if it is deployed. */
    Optional<Deployment> current(long workflowId) {
        return Optional.ofNullable(current.get(workflowId));
    }

    int deployedCount() {
        return byRoute.size();
    }

    /** Workflow id → why its current version could not be deployed. */
    Map<Long, String> failures() {
        return Map.copyOf(failures);
    }

    /** Why the workflow's current version is not deployed, if it failed to. */
    public Optional<String> failure(long workflowId) {
        return Optional.ofNullable(failures.get(workflowId));
    }

    /** The route of a given version, deploying it if needed (to resume a run pinned to an old version). */
    public synchronized Deployment version(long workflowId, String slug, int version, JsonNode definition) {
        Deployment existing = byRoute.get(Run.routeId(slug, version));
        if (existing != null) {
            return existing;
        }
        Deployment deployment = deploy(workflowId, slug, version, definition);
        deployment.retired = current.get(workflowId) != deployment;
        return deployment;
    }

    /** The current version, counted as running one more execution; {@link #release} undoes it. */
    public synchronized Optional<Deployment> acquireCurrent(long workflowId) {
        Deployment deployment = current.get(workflowId);
        if (deployment != null) {
            deployment.running.incrementAndGet();
        }
        return Optional.ofNullable(deployment);
    }

    /** Counts a run on a given version's routes. */
    public synchronized void acquire(Deployment deployment) {
        deployment.running.incrementAndGet();
    }

    public synchronized void release(String routeId) {
        Deployment deployment = byRoute.get(routeId);
        if (deployment != null && deployment.running.decrementAndGet() <= 0 && deployment.retired) {
            remove(deployment);
        }
    }

    private synchronized void deployCurrent(Workflow workflow) {
        try {
            Deployment deployment = byRoute.get(Run.routeId(workflow.slug(), workflow.version()));
            if (deployment == null) {
                deployment = deploy(workflow.id(), workflow.slug(), workflow.version(), workflow.definition());
            }
            deployment.retired = false;
            Deployment previous = current.put(workflow.id(), deployment);
            forgetFailure(workflow.id());
            if (previous != null && previous != deployment) {
                retire(previous);
            }
        } catch (RuntimeException e) {
            // A deploy failure never takes a working route away: the version deployed before keeps running.
            Deployment kept = current.get(workflow.id());
            log.error("workflow {} v{} could not be deployed{}", workflow.slug(), workflow.version(),
                    kept == null ? "" : "; v" + kept.version + " keeps running", e);
            failures.put(workflow.id(), "version " + workflow.version() + " could not be deployed");
            failedVersions.put(workflow.id(), workflow.version());
        }
    }

    private Deployment deploy(long workflowId, String slug, int version, JsonNode definitionJson) {
        WorkflowDefinition definition = DefinitionParser.parse(definitionJson).definition();
        CompiledWorkflow compiled = compiler.compile(slug, version, definition, hooks);
        compiled.beans().forEach((name, bean) -> camel.getRegistry().bind(name, bean));
        catalog.register(compiled.steps());
        try {
            ((ModelCamelContext) camel).addRouteDefinitions(compiled.routes());
        } catch (Exception e) {
            catalog.unregister(compiled.steps());
            compiled.beans().keySet().forEach(name -> camel.getRegistry().unbind(name));
            throw new IllegalStateException("route " + compiled.routeId() + " failed to start: " + e.getMessage(), e);
        }
        Deployment deployment = new Deployment(workflowId, slug, version, definition, compiled);
        byRoute.put(compiled.routeId(), deployment);
        log.info("deployed route {}", compiled.routeId());
        return deployment;
    }

    private void retire(Deployment deployment) {
        if (deployment == null) {
            return;
        }
        deployment.retired = true;
        if (deployment.running.get() <= 0) {
            remove(deployment);
        }
    }

    private synchronized void remove(Deployment deployment) {
        if (byRoute.get(deployment.compiled.routeId()) != deployment || !deployment.retired) {
            return;
        }
        byRoute.remove(deployment.compiled.routeId());
        try {
            for (String routeId : deployment.compiled.routeIds()) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            }
        } catch (Exception e) {
            log.warn("removing routes of {} failed", deployment.compiled.routeId(), e);
        }
        catalog.unregister(deployment.compiled.steps());
        deployment.compiled.beans().keySet().forEach(name -> camel.getRegistry().unbind(name));
        log.info("removed route {}", deployment.compiled.routeId());
    }

    /**
     * The routes the workflow's stored definition compiles to, as Camel YAML DSL, whether or not
     * they are deployed (compiling binds nothing).
     */
    public ObjectNode compileToYaml(long workflowId) {
        Workflow workflow = workflows.get(workflowId);
        WorkflowDefinition definition = DefinitionParser.parse(workflow.definition()).definition();
        CompiledWorkflow compiled = compiler.compile(workflow.slug(), workflow.version(), definition, hooks);
        RoutesDefinition routes = new RoutesDefinition();
        routes.setRoutes(new ArrayList<>(compiled.routes()));
        String yaml;
        try {
            yaml = PluginHelper.getModelToYAMLDumper(camel).dumpModelAsYaml(camel, routes);
        } catch (Exception e) {
            throw new IllegalStateException("could not write the route as YAML", e);
        }
        Deployment deployed = current.get(workflowId);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("workflowId", workflowId);
        answer.put("version", workflow.version());
        answer.put("routeId", compiled.routeId());
        answer.put("deployed", deployed != null && deployed.version == workflow.version());
        ArrayNode routeIds = answer.putArray("routes");
        compiled.routeIds().forEach(routeIds::add);
        ArrayNode steps = answer.putArray("steps");
        compiled.steps().forEach(step -> steps.addObject().put("stepId", step.stepId()).put("stateId", step.stateId())
                .put("nodeType", step.nodeType()).put("routeId", step.routeId()));
        answer.put("yaml", yaml);
        return answer;
    }
}
