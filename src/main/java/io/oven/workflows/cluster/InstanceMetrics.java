package io.oven.workflows.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every metric carries tag {@code oven_instance}, this instance's id, so the figures of several
 * instances on one dashboard are told apart ({@code instance} is left to the scraper, which sets
 * its own).
 */
@Configuration(proxyBeanMethods = false)
class InstanceMetrics {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> instanceTag(Instances instances) {
        return registry -> registry.config().commonTags("oven_instance", instances.id());
    }
}
