package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.settings.ServiceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Seeds workflows whose slug does not exist yet, so a fresh install has the Oven flows and an
 * edited one is never overwritten. The Oven flows ship in the jar ({@code seed-workflows/*.json});
 * files in {@code <oven.seed-dir>} (default {@code routes/workflows}) add more, and one with the
 * same file name replaces the shipped one. A file is either a definition (slug from its
 * {@code id}) or {@code { name, slug?, description, definition }}. A file that does not read or
 * validate stops start-up with its location and its problems.
 */
@Component
class WorkflowSeeder {

    private static final Logger log = LoggerFactory.getLogger(WorkflowSeeder.class);

    private final WorkflowService workflows;
    private final WorkflowStore store;
    private final ObjectMapper mapper;
    private final Path directory;
    private static final String SHIPPED = "classpath*:seed-workflows/*.json";

    WorkflowSeeder(WorkflowService workflows, WorkflowStore store, ObjectMapper mapper,
                   ServiceSettings settings) {
        Path directory = settings.seeds();
        this.workflows = workflows;
        this.store = store;
        this.mapper = mapper;
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-10)
    public void seed() throws IOException {
        Map<String, Seed> seeds = new TreeMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED)) {
            String name = resource.getFilename();
            if (name != null && name.endsWith(".json")) {
                seeds.put(name, new Seed("classpath:seed-workflows/" + name, () -> mapper.readTree(resource.getInputStream())));
            }
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> list = Files.list(directory)) {
                list.filter(p -> p.toString().endsWith(".json")).forEach(p -> seeds.put(p.getFileName().toString(),
                        new Seed(p.toAbsolutePath().toString(), () -> mapper.readTree(p.toFile()))));
            }
        }
        for (Map.Entry<String, Seed> entry : seeds.entrySet()) {
            Seed file = entry.getValue();
            ObjectNode request = request(entry.getKey(), file);
            String slug = request.get("slug").asText();
            if (store.findBySlug(slug).isPresent()) {
                continue;
            }
            try {
                workflows.create(request);
                log.info("seeded workflow {} from {}", slug, file);
            } catch (Problem e) {
                throw new IllegalStateException("seed workflow " + file.where() + " is invalid: " + e.getMessage()
                        + " " + e.details(), e);
            }
        }
    }

    /** Where a seed comes from, and how to read it. */
    private record Seed(String where, Reader reader) {
    }

    @FunctionalInterface
    private interface Reader {
        JsonNode read() throws IOException;
    }

    private ObjectNode request(String fileName, Seed file) {
        JsonNode json;
        try {
            json = file.reader().read();
        } catch (IOException e) {
            throw new IllegalStateException("seed workflow " + file.where() + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("seed workflow " + file.where() + " must hold a JSON object");
        }
        ObjectNode request = json.has("definition") ? (ObjectNode) json.deepCopy()
                : mapper.createObjectNode().set("definition", json);
        String fileSlug = fileName.replaceFirst("\\.json$", "");
        JsonNode definitionId = request.path("definition").path("id");
        if (!request.hasNonNull("slug")) {
            request.put("slug", definitionId.isTextual() ? definitionId.asText() : fileSlug);
        }
        if (!request.hasNonNull("name")) {
            request.put("name", request.get("slug").asText());
        }
        return request;
    }
}
