package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.definition.DefinitionParser;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.kit.EngineHooks;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.Guards;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.Run;
import io.oven.workflows.nodes.NodeCall;
import io.oven.workflows.nodes.NodeExecutor;
import io.oven.workflows.nodes.NodeExecutors;
import io.oven.workflows.registry.EgressPolicy;
import io.oven.workflows.registry.LocalService;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each state kind compiled and run on a bare CamelContext — no database, no Spring — so a kind's
 * behaviour is checked in milliseconds.
 */
class StateKindsTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final AtomicInteger VERSIONS = new AtomicInteger();

    CamelContext camel;
    WorkflowCompiler compiler;

    static final NodeExecutor SET = executor("t.set", call -> JsonNodeFactory.instance.objectNode()
            .set(call.input().get("name").asText(), call.input().get("value")));
    static final NodeExecutor FAIL = executor("t.fail", call -> {
        throw new NodeFailure("it failed");
    });

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
        ContextExpressions expressions = new ContextExpressions(MAPPER, (ConfigResolver) null, 1000, 200);
        StateKinds kinds = StateKinds.all();
        NodeExecutors executors = new NodeExecutors(List.of(SET, FAIL), List.of(), type -> Optional.empty(), camel, MAPPER,
                LocalService.at(() -> "http://127.0.0.1:1"), new EgressPolicy(List.of()));
        compiler = new WorkflowCompiler(executors, new Guards(expressions), expressions, camel, kinds,
                NodeTypeRegistry.of(List.of(SET.nodeType(), FAIL.nodeType())), 8);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** Compiles, deploys and runs a definition; answers the finished exchange. */
    Exchange run(String json, ObjectNode context) throws Exception {
        WorkflowDefinition definition = DefinitionParser.parse(MAPPER.readTree(json)).definition();
        int version = VERSIONS.incrementAndGet();
        CompiledWorkflow compiled = compiler.compile("t", version, definition, HOOKS);
        compiled.beans().forEach((name, bean) -> camel.getRegistry().bind(name, bean));
        ((ModelCamelContext) camel).addRouteDefinitions(compiled.routes());
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangeKeys.RUN, new Run(version, 1, "t", version, null));
        exchange.setProperty(ExchangeKeys.CONTEXT, context);
        exchange.setProperty(ExchangeKeys.STATE, definition.initial());
        return camel.createProducerTemplate().send(compiled.endpointUri(), exchange);
    }

    static ObjectNode context(Exchange done) {
        return done.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
    }

    @Test
    void aStateIdThatIsNotAnIdentifierNeverReachesCamel() throws Exception {
        // Past the validator (which refuses such ids) the compiler refuses them too: a target is
        // written into the route as a constant, and Camel resolves {{placeholders}} in constants.
        for (String id : List.of("${sysenv.HOME}", "{{env:PATH}}", "a?b", "#{x}")) {
            WorkflowDefinition definition = DefinitionParser.parse(MAPPER.readTree("""
                    {"initial":"a","states":{"a":{"always":%s},%s:{"type":"final"}}}"""
                    .formatted(MAPPER.writeValueAsString(id), MAPPER.writeValueAsString(id)))).definition();

            assertThatThrownBy(() -> compiler.compile("t", 99, definition, HOOKS)).isInstanceOf(CompileFailure.class)
                    .hasMessageContaining("is not an identifier");
        }
    }

    @Test
    void statesAreDispatchedByJavaComparisonOfTheirIds() throws Exception {
        Exchange done = run("""
                {"initial":"a-1","states":{
                  "a-1":{"invoke":{"src":"t.set","input":{"name":"x","value":"${sysenv.HOME}"},"onDone":"B_2"}},
                  "B_2":{"type":"final"}}}""", MAPPER.createObjectNode());

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty(ExchangeKeys.FINAL_STATE)).isEqualTo("B_2");
        assertThat(context(done).get("x").asText()).isEqualTo("${sysenv.HOME}");
    }

    @Test
    void aLoopLeavesThroughItsGuardedAlways() throws Exception {
        Exchange done = run("""
                {"initial":"each","states":{
                  "each":{"loop":{"type":"forEach","collection":"$.items","maxIterations":5,"bodyInitial":"set",
                    "bodyStates":{"set":{"invoke":{"src":"t.set","input":{"name":"last","value":"$.item"},"onDone":"end"}},
                                  "end":{"type":"final"}}},
                    "always":[{"guard":{"params":{"key":"$.last","operator":">","value":2}},"target":"big"},{"target":"small"}]},
                  "big":{"type":"final"},"small":{"type":"final"}}}""",
                (ObjectNode) MAPPER.readTree("{\"items\":[1,3]}"));

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty(ExchangeKeys.FINAL_STATE)).isEqualTo("big");
    }

    @Test
    void aDelayGoesOnThroughGuardsAndABadWaitFollowsOnError() throws Exception {
        Exchange guarded = run("""
                {"initial":"wait","states":{
                  "wait":{"invoke":{"src":"core.delay","input":{"ms":1}},
                    "always":[{"guard":{"params":{"key":"level","operator":">","value":5}},"target":"high"},{"target":"low"}]},
                  "high":{"type":"final"},"low":{"type":"final"}}}""", (ObjectNode) MAPPER.readTree("{\"level\":7}"));
        Exchange bad = run("""
                {"initial":"wait","states":{
                  "wait":{"invoke":{"src":"core.delay","input":{"ms":"$.soon"},"onDone":"done"},"onError":"recover"},
                  "recover":{"type":"final"},"done":{"type":"final"}}}""", (ObjectNode) MAPPER.readTree("{\"soon\":\"x\"}"));

        assertThat(guarded.getProperty(ExchangeKeys.FINAL_STATE)).isEqualTo("high");
        assertThat(bad.getException()).isNull();
        assertThat(bad.getProperty(ExchangeKeys.FINAL_STATE)).isEqualTo("recover");
        assertThat(context(bad).get("wait_error").get("message").asText()).contains("core.delay needs ms");
    }

    @Test
    void anOnErrorOnTheStateIsFollowed() throws Exception {
        Exchange done = run("""
                {"initial":"call","states":{
                  "call":{"invoke":{"src":"t.fail","onDone":"done"},"onError":"recover"},
                  "recover":{"type":"final"},"done":{"type":"final"}}}""", MAPPER.createObjectNode());

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty(ExchangeKeys.FINAL_STATE)).isEqualTo("recover");
    }

    @Test
    void parallelRegionsJoinWithWhatEachChanged() throws Exception {
        Exchange done = run("""
                {"initial":"fork","states":{
                  "fork":{"type":"parallel","onDone":"done","states":{
                    "left":{"initial":"l","states":{"l":{"invoke":{"src":"t.set","input":{"name":"a","value":1},"onDone":"le"}},
                                                     "le":{"type":"final"}}},
                    "right":{"initial":"r","states":{"r":{"invoke":{"src":"t.set","input":{"name":"b","value":2},"onDone":"re"}},
                                                      "re":{"type":"final"}}}}},
                  "done":{"type":"final"}}}""", MAPPER.createObjectNode());

        assertThat(done.getException()).isNull();
        assertThat(context(done).get("a").asInt()).isEqualTo(1);
        assertThat(context(done).get("b").asInt()).isEqualTo(2);
    }

    @Test
    void aBackEdgeThatNeverExitsIsStoppedAtTheStepBound() throws Exception {
        Exchange done = run("""
                {"initial":"a","states":{"a":{"always":"b"},"b":{"always":"a"},"c":{"type":"final"}}}""",
                MAPPER.createObjectNode());

        assertThat(done.getException()).isInstanceOf(NodeFailure.class).hasMessageContaining("oven.engine.max-steps");
    }

    @Test
    void everyKindDescribesItselfAndOwnsItsNodeTypes() {
        StateKinds kinds = StateKinds.all();

        assertThat(kinds.descriptions()).extracting(StateKinds.Description::name)
                .containsExactly("final", "parallel", "loop", "delay", "invoke", "wait", "after", "always");
        assertThat(kinds.nodeTypes()).extracting(NodeType::id)
                .containsExactlyInAnyOrder("core.delay", "core.forEach", "core.whileLoop");
    }

    static final EngineHooks HOOKS = new EngineHooks() {
        @Override
        public void configLookup(Run run, String nodeId, ConfigResolver.Resolved resolved) {
        }

        @Override
        public void park(Run run, String stateId, Instant resumeAt, int afterIndex) {
            throw new IllegalStateException("no timers in compiler tests");
        }

        @Override
        public long timerThresholdMs() {
            return 60_000;
        }

        @Override
        public long maxSteps() {
            return 500;
        }
    };

    interface Body {
        JsonNode run(NodeCall call) throws Exception;
    }

    static NodeExecutor executor(String id, Body body) {
        NodeType type = NodeType.core(id, id, "utility", "test", List.of(NodePort.optional("name", "string", "", null),
                NodePort.optional("value", "any", "", null)), List.of());
        return new NodeExecutor() {
            @Override
            public NodeType nodeType() {
                return type;
            }

            @Override
            public JsonNode execute(NodeCall call) throws Exception {
                return body.run(call);
            }
        };
    }
}
