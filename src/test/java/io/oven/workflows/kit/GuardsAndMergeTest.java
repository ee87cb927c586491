package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.definition.DefinitionParser;
import io.oven.workflows.definition.Guard;
import io.oven.workflows.definition.WorkflowValidator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardsAndMergeTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ConfigResolver NO_CONFIG = (module, key, scope) -> Optional.empty();
    final ContextExpressions expressions = new ContextExpressions(MAPPER, NO_CONFIG, 1000, 100);
    final Guards guards = new Guards(expressions);

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Nested
    class Operators {

        /** Oven's engine docs write a guard's params on the guard itself; it reads as the params form. */
        @Test
        void aGuardWrittenWithoutTheParamsWrapperHoldsAsWithIt() throws Exception {
            JsonNode definition = new ObjectMapper().readTree(GuardsAndMergeTest.class
                    .getResourceAsStream("/workflows/valid/oven-flat-guard.json"));
            Guard flat = DefinitionParser.parse(definition).definition().states().get("check").always().list().get(0).guard();

            assertThat(flat.params().get("operator").asText()).isEqualTo(">");
            assertThat(flat.extra()).isEmpty();
            assertThat(guards.holds(flat, (ObjectNode) json("{\"level\": 3}"))).isTrue();
            assertThat(guards.holds(flat, (ObjectNode) json("{\"level\": 1}"))).isFalse();
        }

        /** The validator's list of operators and the evaluator's switch cannot drift apart. */
        @Test
        void everyOperatorTheValidatorAcceptsIsEvaluatedAndNoOther() {
            for (String operator : WorkflowValidator.OPERATORS) {
                guards.condition(json("1"), operator, json("[1]"));
            }
            assertThatThrownBy(() -> guards.condition(json("1"), "~=", json("1"))).isInstanceOf(NodeFailure.class)
                    .hasMessageContaining("unknown operator '~='");
        }

        @ParameterizedTest(name = "{0} {1} {2} -> {3}")
        @CsvSource(delimiter = '|', textBlock = """
                5        | ==         | "5"           | true
                5        | ==         | 6             | false
                "a"      | !=         | "b"           | true
                10       | >          | "9.5"         | true
                "ten"    | >          | 1             | false
                "ten"    | <=         | 1             | false
                3        | <          | 4             | true
                4        | >=         | 4             | true
                ["a","b"] | contains  | "b"           | true
                "player" | contains   | "lay"         | true
                "x"      | in         | ["x","y"]     | true
                "z"      | in         | ["x","y"]     | false
                "pl1"    | matches    | "^pl[0-9]$"   | true
                null     | exists     | null          | false
                0        | exists     | null          | true
                null     | not_exists | null          | true
                """)
        void compareLikeTheOvenEngine(String actual, String operator, String expected, boolean holds) {
            assertThat(guards.condition(json(actual), operator, json(expected))).isEqualTo(holds);
        }
    }

    @Nested
    class Expressions {

        final ObjectNode context = (ObjectNode) json("{ \"player\": { \"id\": 7, \"tags\": [\"a\", \"b\"] }, \"level\": 2 }");

        @Test
        void resolvesPathsInsideObjectsAndArraysAndMissingOnesToNull() {
            JsonNode resolved = expressions.resolve(json("{ \"id\": \"$.player.id\", \"tags\": [\"$.player.tags.1\"], "
                    + "\"none\": \"$.player.nope.deeper\", \"literal\": \"hello\" }"), context, lookup -> { });

            assertThat(resolved).isEqualTo(json("{ \"id\": 7, \"tags\": [\"b\"], \"none\": null, \"literal\": \"hello\" }"));
        }

        @Test
        void evaluatesJsonataAndFailsTheNodeOnError() {
            assertThat(expressions.resolve(json("\"{% level * 3 %}\""), context, lookup -> { }).asInt()).isEqualTo(6);
            assertThatThrownBy(() -> expressions.resolve(json("\"{% $error('boom') %}\""), context, lookup -> { }))
                    .isInstanceOf(NodeFailure.class).hasMessageContaining("boom");
        }

        @Test
        void boundsARunawayExpression() {
            assertThatThrownBy(() -> expressions.jsonata("($f := function($n) { $f($n + 1) }; $f(0))", context))
                    .isInstanceOf(NodeFailure.class);
        }
    }

    @Nested
    class Merge {

        final ObjectNode context = (ObjectNode) json("{ \"a\": 1 }");

        @Test
        void spreadsAnObjectAndKeepsItUnderStateOutput() {
            ObjectNode merged = ContextMerge.merge(context, "load", json("{ \"b\": 2 }"), null);

            assertThat(merged).isEqualTo(json("{ \"a\": 1, \"b\": 2, \"load_output\": { \"b\": 2 } }"));
            assertThat(context).as("the context given is never changed").isEqualTo(json("{ \"a\": 1 }"));
        }

        @Test
        void spreadsAnArrayByIndexWithoutALengthKeyAsJavaScriptDoes() {
            ObjectNode merged = ContextMerge.merge(context, "list", json("[ { \"id\": 5 }, { \"id\": 6 } ]"), "items");

            assertThat(merged).isEqualTo(json("{ \"a\": 1, \"0\": { \"id\": 5 }, \"1\": { \"id\": 6 }, "
                    + "\"list_output\": [ { \"id\": 5 }, { \"id\": 6 } ], \"items\": [ { \"id\": 5 }, { \"id\": 6 } ] }"));
            assertThat(ContextExpressions.path(merged, "list_output.length").asInt())
                    .as("$.x.length is an array's size, as in Oven's path resolver").isEqualTo(2);
            assertThat(ContextExpressions.path(merged, "a.length").isNull()).as("a number has no length").isTrue();
        }

        @Test
        void keepsAScalarAsResultUnderStateOutputAndSpreadsIt() {
            ObjectNode merged = ContextMerge.merge(context, "n", json("42"), "count");

            assertThat(merged).isEqualTo(json("{ \"a\": 1, \"n_output\": { \"result\": 42 }, \"result\": 42, \"count\": 42 }"));
        }

        @Test
        void keepsANullOutputAsResultNullAsOvenDoes() {
            ObjectNode merged = ContextMerge.merge(context, "n", null, null);

            assertThat(merged).isEqualTo(json("{ \"a\": 1, \"n_output\": { \"result\": null }, \"result\": null }"));
            assertThat(ContextMerge.output(json("null"))).isEqualTo(json("{ \"result\": null }"));
            assertThat(ContextMerge.output(json("[1]"))).isEqualTo(json("[1]"));
        }

        @Test
        void setsAVariableAndKeepsNameAndValueUnderStateOutputOnly() {
            ObjectNode before = (ObjectNode) json("{ \"name\": \"Ana\", \"value\": 3 }");
            ObjectNode merged = ContextMerge.variable(before, "remember", json("{ \"name\": \"sessionId\", \"value\": 7 }"), null);

            assertThat(merged).as("the context's own name and value stay as they were")
                    .isEqualTo(json("{ \"name\": \"Ana\", \"value\": 3, \"sessionId\": 7, "
                            + "\"remember_output\": { \"name\": \"sessionId\", \"value\": 7 } }"));
        }
    }
}
