package io.oven.workflows;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OvenWorkflowsApplication {

    public static void main(String[] args) {
        SpringApplication.run(OvenWorkflowsApplication.class, args);
    }
}
