package io.oven.workflows.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.Origins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may use the console. The REST API and the dashboard are open (they are the product; put
 * them behind your own gateway); Hawtio and Jolokia can read and change everything the JVM
 * exposes, so they ask for a login ({@code oven.console.user} / {@code oven.console.password})
 * (HTTP Basic; the browser asks) unless {@code oven.console.open} is true. Left unset, the
 * console is open only when the service listens on the loopback address alone
 * ({@code server.address=127.0.0.1}). Hawtio's own JAAS login is off: Spring Security guards it.
 */
@Configuration
class ConsoleSecurity {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);
    private static final String[] CONSOLE = {"/actuator/hawtio/**", "/actuator/jolokia/**"};

    static boolean open(Environment env) {
        String configured = env.getProperty("oven.console.open", "");
        if (!configured.isBlank()) {
            return Boolean.parseBoolean(configured);
        }
        String address = env.getProperty("server.address", "");
        if (address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Bean
    SecurityFilterChain consoleChain(HttpSecurity http, Environment env, Origins origins, ObjectMapper mapper,
                                     @Value("${oven.console.user:admin}") String user) throws Exception {
        boolean open = open(env);
        // After authentication: a logged-in admin may exec; the open console may only read.
        http.addFilterAfter(new JolokiaGuard(origins, open, mapper), AuthorizationFilter.class);
        if (open) {
            log.info("the console (/actuator/hawtio, /actuator/jolokia) is open: no login asked");
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
        } else {
            log.info("the console (/actuator/hawtio, /actuator/jolokia) asks for a login as '{}'", user);
            http.authorizeHttpRequests(a -> a.requestMatchers(CONSOLE).authenticated().anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults());
        }
        // The REST API is called cross-origin by the dashboard's dev server and by scripts, and
        // Hawtio posts to Jolokia without Spring's token: no CSRF tokens there.
        return http
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/actuator/**")
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .build();
    }
}
