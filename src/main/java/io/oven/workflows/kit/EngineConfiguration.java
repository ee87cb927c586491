package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The expression and guard evaluators the compiled routes share. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    ContextExpressions contextExpressions(ObjectMapper mapper, ConfigResolver config, EngineSettings settings) {
        return new ContextExpressions(mapper, config, settings.jsonata().timeoutMs(), settings.jsonata().maxDepth());
    }

    @Bean
    Guards guards(ContextExpressions expressions) {
        return new Guards(expressions);
    }
}
