package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.ChangeNotices;
import io.oven.workflows.definition.Limits;
import io.oven.workflows.definition.StateKindSet;
import io.oven.workflows.definition.ValidationReport;
import io.oven.workflows.definition.WorkflowValidator;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.eventbus.EventNames;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.NodeTypeRegistry;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creating, changing and restoring workflows. A save is refused as a whole (400 with every
 * problem) before anything is written; a valid save writes a new version.
 */
@Service
public class WorkflowService {

    /** Fields a client may send back unchanged (react-admin sends the whole record) that a save ignores. */
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "warnings");
    private static final Set<String> WRITABLE = Set.of(
            "name", "slug", "description", "definition", "triggerEvent", "triggerCondition", "enabled", "version");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final int MAX_NAME = 200;
    private static final int MAX_SLUG = 100;
    /** What the other instances are told changed. */
    private static final String CHANGE_KIND = "workflow";

    private final WorkflowStore store;
    private final WorkflowValidator validator;
    private final ApplicationEventPublisher events;
    private final EventBus bus;
    private final ObjectProvider<CompileCheck> compileCheck;
    private final ChangeNotices notices;

    WorkflowService(WorkflowStore store, NodeTypeRegistry registry, StateKindSet kinds, ApplicationEventPublisher events,
                    EventBus bus, ObjectProvider<CompileCheck> compileCheck,
                    EngineSettings settings, ChangeNotices notices) {
        this.notices = notices;
        notices.follow(CHANGE_KIND, this::follow);
        int maxStates = settings.maxStates();
        int maxDepth = settings.maxDepth();
        int maxIterations = settings.maxIterations();
        this.compileCheck = compileCheck;
        this.store = store;
        this.validator = new WorkflowValidator(registry, kinds, new Limits(maxStates, maxDepth, maxIterations));
        this.events = events;
        this.bus = bus;
    }

    /**
     * Deploys the change here (through the Spring event), tells the other instances to deploy it
     * too, and announces it on the bus.
     */
    private void announce(Workflow workflow, String what) {
        if ("deleted".equals(what)) {
            events.publishEvent(new WorkflowDeleted(workflow.id(), false));
        } else {
            events.publishEvent(new WorkflowSaved(workflow, "created".equals(what), false));
        }
        notices.announce(CHANGE_KIND, workflow.id());
        bus.publish(new WorkflowChanged(what, workflow.id(), workflow.slug(), workflow.version(), workflow.enabled()));
    }

    /**
     * Deploys here what is stored for workflow {@code id} (a change another instance made, or one
     * this instance missed): saved as it is now, or deleted when it is gone.
     */
    public void follow(long id) {
        store.find(id).ifPresentOrElse(workflow -> events.publishEvent(new WorkflowSaved(workflow, false, true)),
                () -> events.publishEvent(new WorkflowDeleted(id, true)));
    }

    /** Every stored workflow's id → its version, or the negative version when it is disabled. */
    public Map<Long, Integer> versions() {
        return store.versions();
    }

    /** A saved workflow and the warnings its definition raised (a state nothing reaches, …). */
    public record Saved(Workflow workflow, List<Violation> warnings) {
    }

    public Page<Workflow> list(ListQuery query) {
        return store.list(query);
    }

    public static Map<String, String> sorts() {
        return WorkflowStore.SORTS;
    }

    public Workflow get(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    public ValidationReport validate(JsonNode definition) {
        return validator.validate(definition);
    }

    public Saved create(JsonNode body) {
        ObjectNode request = requireObject(body);
        List<Violation> problems = new ArrayList<>();
        unknownFields(request, problems);
        String name = text(request, "name", problems);
        String slug = text(request, "slug", problems);
        if (slug == null && name != null && !request.hasNonNull("slug")) {
            slug = slugify(name);
        }
        WorkflowDraft draft = new WorkflowDraft(name, slug,
                text(request, "description", problems),
                request.get("definition"),
                text(request, "triggerEvent", problems),
                request.get("triggerCondition"),
                bool(request, "enabled", true, problems));
        ValidationReport report = check(draft, problems);
        Workflow created = store.insert(draft);
        announce(created, "created");
        return new Saved(created, report.warnings());
    }

    public Saved update(long id, JsonNode body) {
        ObjectNode request = requireObject(body);
        Workflow current = get(id);
        List<Violation> problems = new ArrayList<>();
        unknownFields(request, problems);
        WorkflowDraft was = WorkflowDraft.of(current);
        WorkflowDraft draft = new WorkflowDraft(
                request.has("name") ? text(request, "name", problems) : was.name(),
                request.has("slug") ? text(request, "slug", problems) : was.slug(),
                request.has("description") ? text(request, "description", problems) : was.description(),
                request.has("definition") ? request.get("definition") : was.definition(),
                request.has("triggerEvent") ? text(request, "triggerEvent", problems) : was.triggerEvent(),
                request.has("triggerCondition") ? request.get("triggerCondition") : was.triggerCondition(),
                bool(request, "enabled", was.enabled(), problems));
        Integer expectedVersion = null;
        JsonNode version = request.get("version");
        if (version != null && !version.isNull()) {
            if (version.isIntegralNumber() && version.canConvertToInt()) {
                expectedVersion = version.intValue();
            } else {
                problems.add(new Violation("version", "must be the whole-number version you last read"));
            }
        }
        ValidationReport report = check(draft, problems);
        Workflow saved = store.update(id, draft, expectedVersion).orElseThrow(() -> notFound(id));
        announce(saved, "updated");
        return new Saved(saved, report.warnings());
    }

    /** Whether this workflow's core.sql nodes may write; set by an admin. */
    public boolean sqlWrites(long id) {
        get(id);
        return store.sqlWrites(id);
    }

    public boolean sqlWrites(long id, boolean allowed, String by) {
        get(id);
        store.sqlWrites(id, allowed, by);
        return store.sqlWrites(id);
    }

    public Workflow delete(long id) {
        Workflow deleted = store.delete(id).orElseThrow(() -> notFound(id));
        announce(deleted, "deleted");
        return deleted;
    }

    /** Every enabled workflow at its current version, to deploy at start-up. */
    public List<Workflow> enabled() {
        return store.enabled();
    }

    public List<WorkflowVersion> versions(long id) {
        get(id);
        return store.versions(id);
    }

    public WorkflowVersion version(long id, int version) {
        get(id);
        return store.version(id, version)
                .orElseThrow(() -> Problem.notFound("version " + version + " of workflow " + id));
    }

    /** Saves a new version equal to an old one; the slug stays as it is now. */
    public Saved restore(long id, int version) {
        Workflow current = get(id);
        WorkflowVersion old = version(id, version);
        WorkflowDraft draft = WorkflowDraft.of(old, current.slug());
        ValidationReport report = check(draft, new ArrayList<>());
        Workflow saved = store.update(id, draft, null).orElseThrow(() -> notFound(id));
        announce(saved, "updated");
        return new Saved(saved, report.warnings());
    }

    /** Every problem with the draft at once: its fields, then its definition. Throws a 400 if any. */
    private ValidationReport check(WorkflowDraft draft, List<Violation> problems) {
        if (draft.name() == null && problems.stream().noneMatch(p -> p.path().equals("name"))) {
            problems.add(new Violation("name", "is required"));
        }
        if (draft.name() != null && (draft.name().isBlank() || draft.name().length() > MAX_NAME)) {
            problems.add(new Violation("name", "must be 1 to " + MAX_NAME + " characters"));
        }
        if (draft.slug() != null && (!SLUG.matcher(draft.slug()).matches() || draft.slug().length() > MAX_SLUG)) {
            problems.add(new Violation("slug", "must be lowercase letters, digits and single dashes, at most "
                    + MAX_SLUG + " characters (e.g. player-spawn)"));
        } else if (draft.slug() == null && draft.name() != null) {
            problems.add(new Violation("slug", "is required when the name has no letters or digits to make one from"));
        }
        if (draft.triggerEvent() != null && !EventNames.isName(draft.triggerEvent())) {
            problems.add(new Violation("triggerEvent", "must be an event name such as players.player.created"));
        }
        JsonNode condition = draft.triggerCondition();
        if (condition != null && !condition.isNull() && !condition.isObject()) {
            problems.add(new Violation("triggerCondition", "must be an object of payload key to expected value"));
        }
        ValidationReport report;
        if (draft.definition() == null || draft.definition().isNull()) {
            problems.add(new Violation("definition", "is required: the workflow's states"));
            report = new ValidationReport(null, List.of(), List.of());
        } else {
            report = validator.validate(draft.definition());
            problems.addAll(report.errors());
            CompileCheck compiles = compileCheck.getIfAvailable();
            if (report.valid() && compiles != null) {
                compiles.problem(draft.slug() == null ? "check" : draft.slug(), report.definition())
                        .ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid workflow: " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"), problems);
        }
        return report;
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static void unknownFields(ObjectNode request, List<Violation> problems) {
        Violation.unknownFields(request, WRITABLE, READ_ONLY, "a workflow", problems);
    }

    private static String text(ObjectNode request, String field, List<Violation> problems) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Violation(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    private static boolean bool(ObjectNode request, String field, boolean otherwise, List<Violation> problems) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            problems.add(new Violation(field, "must be true or false"));
            return otherwise;
        }
        return value.asBoolean();
    }

    static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? null : slug;
    }

    private static Problem notFound(long id) {
        return Problem.notFound("workflow " + id);
    }
}
