package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint every game module declares, driven by {@code GET /api/modules}: lists answer
 * pages with Content-Range and refuse unknown filters; reads and updates of an unknown id
 * answer 404; creates refuse unknown fields. The behaviour of each endpoint is tested in the
 * module's own test; this one makes sure none is left out.
 */
class ModuleEndpointsIT extends IntegrationTest {

    static final List<String> GAME_MODULES = List.of("players", "sessions", "positions", "maps");

    @Test
    void everyGameModuleEndpointAnswersAndRefusesBadInputClearly() {
        ApiClient api = api();
        List<String> checked = new ArrayList<>();
        for (JsonNode module : api.get("/api/modules").json()) {
            if (!GAME_MODULES.contains(module.get("name").asText())) {
                continue;
            }
            for (JsonNode endpoint : module.get("endpoints")) {
                String method = endpoint.get("method").asText();
                String route = endpoint.get("route").asText();
                String unknown = route.replace(":id", "987654321");
                String what = method + " " + route;
                boolean byId = route.contains(":id");
                boolean lookup = route.endsWith("/active");
                if (method.equals("GET") && !byId && !lookup) {
                    Response page = api.get(route + "?range=" + query("[0,4]"));
                    assertThat(page.status()).as(what).isEqualTo(200);
                    assertThat(page.header("Content-Range")).as(what).isPresent();
                    assertThat(api.get(route + "?filter=" + query("{\"nope\":1}")).status()).as(what).isEqualTo(400);
                } else if (method.equals("GET") && lookup) {
                    assertThat(api.get(route).status()).as(what).isIn(200, 400);
                } else if (method.equals("GET") || method.equals("DELETE")) {
                    Response missing = method.equals("GET") ? api.get(unknown) : api.delete(unknown);
                    assertThat(missing.status()).as(what).isEqualTo(404);
                    assertThat(missing.json().get("error").asText()).as(what).contains("not found");
                } else if (method.equals("PUT")) {
                    assertThat(api.put(unknown, "{}").status()).as(what).isEqualTo(404);
                } else if (method.equals("POST") && byId) {
                    assertThat(api.post(unknown, "{}").status()).as(what).isEqualTo(404);
                } else if (method.equals("POST")) {
                    Response refused = api.post(route, "{ \"noSuchField\": 1 }");
                    assertThat(refused.status()).as(what).isEqualTo(400);
                    assertThat(refused.json().get("details")).as(what)
                            .anySatisfy(d -> assertThat(d.get("path").asText()).isEqualTo("noSuchField"));
                }
                checked.add(what);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(35);
    }
}
