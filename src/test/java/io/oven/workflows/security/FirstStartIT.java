package io.oven.workflows.security;

import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first start, with nothing configured: the log says how to log in (once), the
 * password is for choosing one's own and nothing else, nothing answers without a login, and a
 * second start on the same data prints nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartIT {

    @TempDir
    Path dataDir;

    private static final String CHOSEN = "my own long password";
    private static final Pattern BOX = Pattern.compile(
            "First start: log in to the dashboard as 'admin' with the password\\s+(\\S+)");

    List<String> args(String url) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.data-dir=" + dataDir, "--logging.level.io.oven=INFO"));
        args.add("--spring.datasource.url=" + (url == null ? "" : url));
        if (url != null) {
            args.add("--spring.datasource.username=" + TestDatabase.user());
        }
        return args;
    }

    @Test
    void theFirstStartPrintsTheAdminsPasswordOnceAndItWorks(CapturedOutput output) {
        String url = TestDatabase.fresh("firststart");
        String password;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run(args(url).toArray(String[]::new))) {
            Matcher box = BOX.matcher(output.getAll());
            assertThat(box.find()).as("the log shows the first admin's password").isTrue();
            password = box.group(1);
            ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            assertThat(api.anonymous().get("/api/workflows").status()).isEqualTo(401);
            assertThat(api.get("/api/workflows").status()).as("no OVEN_ADMIN_TOKEN was set").isEqualTo(401);
            ApiClient once = api.withLogin("admin", password);
            assertThat(once.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isTrue();
            ApiClient.Response first = once.get("/api/workflows");
            assertThat(first.status()).as("the one-time password is for changing it only").isEqualTo(403);
            assertThat(first.json().get("error").asText()).contains("/api/auth/password");
            assertThat(api.withLogin("admin", password + "x").get("/api/workflows").status()).isEqualTo(401);
            ApiClient.Response wrong = once.put("/api/auth/password", "{\"currentPassword\":\"nope\",\"password\":\"short\"}");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().get("details").findValuesAsText("path")).containsExactly("password");
            ApiClient.Response notTheCurrent = once.put("/api/auth/password",
                    "{\"currentPassword\":\"nope\",\"password\":\"" + CHOSEN + "\"}");
            assertThat(notTheCurrent.status()).isEqualTo(400);
            assertThat(notTheCurrent.json().get("details").findValuesAsText("path")).containsExactly("currentPassword");
            ApiClient.Response changed = once.put("/api/auth/password", "{\"currentPassword\":\"" + password
                    + "\",\"password\":\"" + CHOSEN + "\"}");
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            assertThat(changed.json().get("mustChangePassword").asBoolean()).isFalse();
            assertThat(api.withLogin("admin", password).get("/api/workflows").status()).isEqualTo(401);
            assertThat(api.withLogin("admin", CHOSEN).get("/api/workflows").status()).isEqualTo(200);
            assertThat(api.anonymous().get("/").status()).isIn(200, 404); // the page itself needs no login
        }
        int printed = output.getAll().split("First start: log in", -1).length - 1;
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run(args(url).toArray(String[]::new))) {
            assertThat(output.getAll().split("First start: log in", -1).length - 1).isEqualTo(printed);
            ApiClient api = ApiClient.at("http://127.0.0.1:" + again.getEnvironment().getProperty("local.server.port"));
            assertThat(api.withLogin("admin", CHOSEN).get("/api/auth/me").json().get("role").asText()).isEqualTo("admin");
        }
    }
}
