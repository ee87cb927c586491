package io.oven.workflows.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The egress allow-list: {@code oven.egress.allowed-hosts}, a comma-separated list (none by default). */
@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    EgressPolicy egressPolicy(@Value("${oven.egress.allowed-hosts:}") List<String> hosts) {
        return new EgressPolicy(hosts);
    }

    @Bean
    LocalService localService(org.springframework.core.env.Environment environment) {
        return LocalService.at(() -> "http://127.0.0.1:" + Integer.parseInt(environment.getProperty(
                "local.server.port", environment.getProperty("server.port", "8080"))));
    }
}
