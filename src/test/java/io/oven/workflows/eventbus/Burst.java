package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The burst check both bus modes run: 1,000 events over 4 correlation keys, published at once to
 * a {@code bus:} consumer route; every one arrives, in order within its key.
 */
final class Burst {

    private Burst() {
    }

    static void deliversAThousandInOrderPerKey(CamelContext camel, EventBus bus, ObjectMapper mapper, Duration within)
            throws Exception {
        String event = "test.burst." + UUID.randomUUID().toString().substring(0, 8);
        String subscriber = "test-" + event;
        Map<String, List<Integer>> received = new HashMap<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:" + event + "?subscriber=" + subscriber).routeId(subscriber).process(exchange -> {
                    int n = mapper.readTree(exchange.getIn().getBody(String.class)).get("n").asInt();
                    synchronized (received) {
                        received.computeIfAbsent(exchange.getIn().getHeader(BusComponent.CORRELATION_ID, String.class),
                                k -> new ArrayList<>()).add(n);
                    }
                });
            }
        });
        for (int n = 0; n < 1000; n++) {
            bus.publish(event, "test", mapper.createObjectNode().put("n", n), "key-" + (n % 4));
        }
        await().atMost(within).until(() -> {
            synchronized (received) {
                return received.values().stream().mapToInt(List::size).sum() >= 1000;
            }
        });
        synchronized (received) {
            assertThat(received).hasSize(4);
            received.forEach((key, values) -> {
                int k = Integer.parseInt(key.substring(4));
                assertThat(values).as(key).containsExactlyElementsOf(
                        IntStream.range(0, 1000).filter(n -> n % 4 == k).boxed().toList());
            });
        }
        camel.getRouteController().stopRoute(subscriber);
        camel.removeRoute(subscriber);
        bus.forget(subscriber);
    }
}
