package io.oven.workflows.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** Turns Hawtio's own (JAAS) login off: {@link ConsoleSecurity} guards the console with Spring Security. */
public class ConsoleEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty("hawtio.authenticationEnabled")) {
            environment.getPropertySources().addLast(new MapPropertySource("ovenConsole",
                    Map.of("hawtio.authenticationEnabled", "false")));
        }
    }
}
