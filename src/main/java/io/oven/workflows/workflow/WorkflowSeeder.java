package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds the workflows of {@code routes/workflows/*.json} whose slug does not exist yet, so a
 * fresh install has the Oven flows and an edited one is never overwritten. A file is either a
 * definition (slug from its {@code id}) or {@code { name, slug?, description, definition }}.
 * A file that does not read or validate stops start-up with its path and its problems.
 */
@Component
class WorkflowSeeder {

    private static final Logger log = LoggerFactory.getLogger(WorkflowSeeder.class);

    private final WorkflowService workflows;
    private final WorkflowStore store;
    private final ObjectMapper mapper;
    private final Path directory;

    WorkflowSeeder(WorkflowService workflows, WorkflowStore store, ObjectMapper mapper,
                   @Value("${oven.seed-dir:${oven.routes-dir:routes}/workflows}") Path directory) {
        this.workflows = workflows;
        this.store = store;
        this.mapper = mapper;
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-10)
    public void seed() throws IOException {
        if (!Files.isDirectory(directory)) {
            log.info("no workflows to seed: {} is not a directory", directory.toAbsolutePath());
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            ObjectNode request = request(file);
            String slug = request.get("slug").asText();
            if (store.findBySlug(slug).isPresent()) {
                continue;
            }
            try {
                workflows.create(request);
                log.info("seeded workflow {} from {}", slug, file);
            } catch (ApiException e) {
                throw new IllegalStateException("seed workflow " + file.toAbsolutePath() + " is invalid: " + e.getMessage()
                        + " " + e.details(), e);
            }
        }
    }

    private ObjectNode request(Path file) {
        JsonNode json;
        try {
            json = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("seed workflow " + file.toAbsolutePath() + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("seed workflow " + file.toAbsolutePath() + " must hold a JSON object");
        }
        ObjectNode request = json.has("definition") ? (ObjectNode) json.deepCopy()
                : mapper.createObjectNode().set("definition", json);
        String fileSlug = file.getFileName().toString().replaceFirst("\\.json$", "");
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
