package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.compiler.StateKinds;
import io.oven.workflows.nodes.ExecutorNodeTypes;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.NodeTypeRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowValidatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path FIXTURES = Path.of("src/test/resources/workflows");

    /** The built-in node types (those of the executors and of the state kinds) and the kinds themselves. */
    static final StateKinds KINDS = StateKinds.all();
    final WorkflowValidator validator = new WorkflowValidator(NodeTypeRegistry.of(Stream.concat(
            ExecutorNodeTypes.core().stream(), KINDS.nodeTypes().stream()).toList()), KINDS);

    static JsonNode fixture(String kind, String name) {
        try (InputStream in = Files.newInputStream(FIXTURES.resolve(kind).resolve(name + ".json"))) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> validFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("valid"))) {
            return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList().stream();
        }
    }

    @Nested
    class InvalidFixtures {

        /** Each fixture has exactly one defect; the report names it at this pointer. */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                unknown-initial                    | /initial                                     | unknown initial state 'nope'
                missing-initial                    | /initial                                     | is required
                unknown-target-ondone              | /states/a/invoke/onDone                      | unknown target state 'nowhere'
                unknown-target-onerror             | /states/a/invoke/onError/target              | unknown target state 'oops'
                unknown-target-always              | /states/a/always/1/target                    | unknown target state 'ghost'
                unknown-target-after               | /states/a/after/5000                         | unknown target state 'later'
                unknown-node-type                  | /states/a/invoke/src                         | unknown node type 'core.teleport'
                missing-required-input             | /states/a/invoke/input/name                  | required input 'name'
                malformed-guard                    | /states/a/always/0/guard/params/key          | is required
                unknown-operator                   | /states/a/always/0/guard/params/operator     | unknown operator 'approximately'
                no-reachable-final                 | /states                                      | no final state
                loop-without-max-iterations        | /states/a/loop/maxIterations                 | upper bound
                duplicate-state-id-across-parallel | /states/a/states/right/states/step           | already used at /states/a/states/left/states/step
                states-wrong-type                  | /states                                      | must be an object
                max-iterations-wrong-type          | /states/a/loop/maxIterations                 | must be a whole number
                input-wrong-type                   | /states/a/invoke/input/ms                    | must be an integer
                malformed-jsonata                  | /states/a/invoke/input/value                 | malformed JSONata
                malformed-jsonata-guard            | /states/a/always/0/guard/params/expr         | malformed JSONata
                invalid-after-delay                | /states/a/after/soon                         | whole number of milliseconds
                missing-src                        | /states/a/invoke/src                         | is required
                unknown-state-type                 | /states/a/type                               | unknown state type 'history'
                dead-end-state                     | /states/a                                    | has no way out
                unknown-payload-type               | /payloadSchema/0/type                        | unknown type 'uuid'
                invalid-regex                      | /states/a/always/0/guard/params/value        | malformed regular expression
                target-in-other-scope              | /states/a/loop/bodyStates/x/always           | is in another machine
                for-each-without-collection        | /states/a/loop/collection                    | is required for forEach
                retry-zero-attempts                | /states/a/invoke/retry/maxAttempts           | at least 1
                malformed-path                     | /states/a/invoke/input/message               | malformed path
                empty-states                       | /states                                      | has no states
                numeric-operator-non-number        | /states/a/always/0/guard/params/value        | compares numbers
                guard-calls-unknown-function       | /states/a/always/0/guard/params/expr         | unknown function $exec
                input-calls-eval                   | /states/a/invoke/input/value                 | unknown function $eval
                state-id-simple-expression         | /states/${sysenv.HOME}                       | must be 1 to 64 letters
                matches-backreference              | /states/a/always/0/guard/params/value        | RE2 syntax
                parallel-batch-too-large           | /states/each/loop/parallelBatchSize          | must be 0 (one at a time) to 64
                """)
        void reportsTheDefectAtItsPointer(String fixture, String pointer, String message) {
            ValidationReport report = validator.validate(fixture("invalid", fixture));

            assertThat(report.valid()).isFalse();
            assertThat(report.errors())
                    .as("errors of %s", fixture)
                    .extracting(Violation::path)
                    .containsExactly(pointer);
            assertThat(report.errors().get(0).message()).contains(message);
        }

        @Test
        void everyInvalidFixtureIsCovered() throws IOException {
            try (Stream<Path> files = Files.list(FIXTURES.resolve("invalid"))) {
                assertThat(files.count()).isEqualTo(35);
            }
        }
    }

    @Nested
    class ValidFixtures {

        @ParameterizedTest
        @MethodSource("io.oven.workflows.definition.WorkflowValidatorTest#validFixtures")
        void passWithoutErrorsOrWarnings(String fixture) {
            ValidationReport report = validator.validate(fixture("valid", fixture));

            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).isEmpty();
        }
    }

    @Nested
    class Reporting {

        @Test
        void reportsEveryProblemAtOnce() throws IOException {
            JsonNode definition = MAPPER.readTree("""
                    { "initial": "missing",
                      "states": {
                        "a": { "invoke": { "src": "core.nope", "onDone": "ghost" } },
                        "b": { "always": [ { "guard": { "params": { "key": "x", "operator": "~" } }, "target": "a" } ] },
                        "done": { "type": "final" } } }
                    """);

            ValidationReport report = validator.validate(definition);

            assertThat(report.errors()).extracting(Violation::path).containsExactlyInAnyOrder(
                    "/initial", "/states/a/invoke/onDone", "/states/a/invoke/src", "/states/b/always/0/guard/params/operator");
        }

        @Test
        void warnsAboutUnreachableStatesWithoutRefusing() throws IOException {
            JsonNode definition = MAPPER.readTree("""
                    { "initial": "a", "states": {
                        "a": { "always": "done" },
                        "orphan": { "always": "done" },
                        "done": { "type": "final" } } }
                    """);

            ValidationReport report = validator.validate(definition);

            assertThat(report.valid()).isTrue();
            assertThat(report.warnings()).extracting(Violation::path).containsExactly("/states/orphan");
        }

        @Test
        void acceptsTypeAsAliasOfSrc() throws IOException {
            JsonNode definition = MAPPER.readTree("""
                    { "initial": "a", "states": {
                        "a": { "invoke": { "type": "core.log", "input": { "message": "hi" }, "onDone": "done" } },
                        "done": { "type": "final" } } }
                    """);

            assertThat(validator.validate(definition).errors()).isEmpty();
        }

        @Test
        void escapesStateIdsInPointers() throws IOException {
            JsonNode definition = MAPPER.readTree("""
                    { "initial": "a/b", "states": {
                        "a/b": { "invoke": { "src": "core.setVariable", "input": { "value": 1 }, "onDone": "done" } },
                        "done": { "type": "final" } } }
                    """);

            assertThat(validator.validate(definition).errors()).extracting(Violation::path)
                    .containsExactly("/states/a~1b", "/states/a~1b/invoke/input/name");
        }

        @Test
        void acceptsFunctionsAnExpressionDefinesAndStringsThatLookLikeCalls() throws IOException {
            JsonNode definition = MAPPER.readTree("""
                    { "initial": "a", "states": {
                        "a": { "invoke": { "src": "core.setVariable", "input": { "name": "x",
                               "value": "{% ($double := function($v) { $v * 2 }; $double(level) & ' $exec(no)') %}" },
                               "onDone": "done" } },
                        "done": { "type": "final" } } }
                    """);

            assertThat(validator.validate(definition).errors()).isEmpty();
        }

        @Test
        void refusesADocumentThatIsNotAnObject() throws IOException {
            ValidationReport report = validator.validate(MAPPER.readTree("[1, 2]"));

            assertThat(report.definition()).isNull();
            assertThat(report.errors()).extracting(Violation::path).containsExactly("");
        }

        @Test
        void listsParsedStatesInTheirWrittenOrder() {
            WorkflowDefinition definition = validator.validate(fixture("valid", "branching")).definition();

            assertThat(List.copyOf(definition.states().keySet()))
                    .containsExactly("load", "high", "low", "failed", "done");
        }
    }
}
