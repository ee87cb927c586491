package io.oven.workflows.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.config.ConfigResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The expression and guard evaluators the compiled routes share. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    ContextExpressions contextExpressions(ObjectMapper mapper, ConfigResolver config,
                                          @Value("${oven.engine.jsonata.timeout-ms:1000}") long timeoutMs,
                                          @Value("${oven.engine.jsonata.max-depth:200}") int maxDepth) {
        return new ContextExpressions(mapper, config, timeoutMs, maxDepth);
    }

    @Bean
    Guards guards(ContextExpressions expressions) {
        return new Guards(expressions);
    }
}
