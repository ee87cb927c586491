package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.nodes.NodeCall;
import io.oven.workflows.nodes.NodeExecutor;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node types that only tests need: one that fails a given number of times before it
 * succeeds, one that always fails, one that takes a while, and one that blocks until a test
 * releases it. They run inside the real engine like any other node.
 */
@TestConfiguration
public class TestNodes {

    /** Tries per key, so each run of a fixture counts its own attempts. */
    public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    /** Gates that {@code test.gate} nodes wait on, by name. */
    public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private static NodeType type(String id, List<NodePort> inputs) {
        return new NodeType(id, id, "test", "utility", "test node", inputs, List.of(), null, null, false);
    }

    @Bean
    NodeExecutor flaky() {
        return new Executor(type("test.flaky", List.of(NodePort.required("key", "string", "attempt counter key", "k"),
                NodePort.required("failures", "integer", "failures before success", 2))), call -> {
            int attempt = ATTEMPTS.computeIfAbsent(call.text("key"), k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= call.input("failures").asInt()) {
                throw new NodeFailure("flaky failure " + attempt);
            }
            return JsonNodeFactory.instance.objectNode().put("succeededOnAttempt", attempt);
        });
    }

    /** Answers its {@code value} input as it is: stands for an API that answers a bare scalar, null or array. */
    @Bean
    NodeExecutor answer() {
        return new Executor(type("test.answer", List.of(NodePort.optional("value", "any", "what to answer", 5))),
                call -> call.input().get("value"));
    }

    @Bean
    NodeExecutor fail() {
        return new Executor(type("test.fail", List.of(NodePort.optional("message", "string", "error message", "boom"))), call -> {
            throw new NodeFailure(call.input("message") == null ? "boom" : call.input("message").asText());
        });
    }

    @Bean
    NodeExecutor sleep() {
        return new Executor(type("test.sleep", List.of(NodePort.required("ms", "integer", "how long", 100))), call -> {
            TimeUnit.MILLISECONDS.sleep(call.input("ms").asLong());
            return JsonNodeFactory.instance.objectNode().put("slept", call.input("ms").asLong());
        });
    }

    @Bean
    NodeExecutor gate() {
        return new Executor(type("test.gate", List.of(NodePort.required("gate", "string", "gate name", "g"))), call -> {
            CountDownLatch gate = GATES.computeIfAbsent(call.text("gate"), g -> new CountDownLatch(1));
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new NodeFailure("gate " + call.text("gate") + " never opened");
            }
            return JsonNodeFactory.instance.objectNode().put("passed", call.text("gate"));
        });
    }

    /** test.io.transform, .setVariable, .condition: the core node, after a 1 ms wait (simulated I/O, for the benchmark). */
    @Bean
    NodeExecutor ioTransform(@org.springframework.context.annotation.Lazy List<NodeExecutor> all) {
        return afterIo("transform", all);
    }

    @Bean
    NodeExecutor ioSetVariable(@org.springframework.context.annotation.Lazy List<NodeExecutor> all) {
        return afterIo("setVariable", all);
    }

    @Bean
    NodeExecutor ioCondition(@org.springframework.context.annotation.Lazy List<NodeExecutor> all) {
        return afterIo("condition", all);
    }

    private static NodeExecutor afterIo(String name, List<NodeExecutor> all) {
        NodeExecutor[] core = new NodeExecutor[1];
        List<NodePort> inputs = switch (name) {
            case "transform" -> List.of(NodePort.required("mapping", "object", "as core.transform", null));
            case "setVariable" -> List.of(NodePort.required("name", "string", "as core.setVariable", "x"),
                    NodePort.optional("value", "any", "as core.setVariable", null));
            default -> List.of(NodePort.required("key", "string", "as core.condition", "k"),
                    NodePort.required("operator", "string", "as core.condition", "=="),
                    NodePort.optional("value", "any", "as core.condition", null));
        };
        return new Executor(type("test.io." + name, inputs), call -> {
            TimeUnit.MILLISECONDS.sleep(1);
            if (core[0] == null) {
                core[0] = all.stream().filter(e -> e.type().equals("core." + name)).findFirst().orElseThrow();
            }
            return core[0].execute(call);
        });
    }

    interface Body {
        JsonNode run(NodeCall call) throws Exception;
    }

    record Executor(NodeType nodeType, Body body) implements NodeExecutor {
        @Override
        public JsonNode execute(NodeCall call) throws Exception {
            return body.run(call);
        }
    }
}
