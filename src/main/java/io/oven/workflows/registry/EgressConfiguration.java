package io.oven.workflows.registry;

import io.oven.workflows.settings.ServiceSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The egress allow-list: {@code oven.egress.allowed-hosts}, a comma-separated list (none by default). */
@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    EgressPolicy egressPolicy(ServiceSettings settings) {
        return new EgressPolicy(settings.egress().allowedHosts());
    }

    @Bean
    LocalService localService(Environment environment) {
        return LocalService.at(() -> "http://127.0.0.1:" + Integer.parseInt(environment.getProperty(
                "local.server.port", environment.getProperty("server.port", "8080"))));
    }
}
