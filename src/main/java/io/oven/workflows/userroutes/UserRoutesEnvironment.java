package io.oven.workflows.userroutes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tells Camel where the user routes are: {@code <oven.routes-dir>/*.camel.yaml} when that folder
 * exists. Camel's loader fails on a folder that does not exist, and a jar started anywhere
 * (no {@code routes/} beside it) must still start. A {@code camel.main.routes-include-pattern}
 * set by the user wins.
 */
public class UserRoutesEnvironment implements EnvironmentPostProcessor {

    static final String PATTERN = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PATTERN)) {
            return;
        }
        String dir = environment.getProperty("oven.routes-dir", "routes");
        String pattern = "classpath:camel/*";
        if (Files.isDirectory(Path.of(dir))) {
            pattern += ",file:" + dir + "/*.camel.yaml";
        }
        environment.getPropertySources().addLast(new MapPropertySource("ovenUserRoutes", Map.of(PATTERN, pattern)));
    }
}
