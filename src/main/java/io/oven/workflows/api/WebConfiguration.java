package io.oven.workflows.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.settings.ApiSettings;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP concerns in front of the REST routes: CORS (with Content-Range exposed, which
 * react-admin reads), the request size limit, and the error shape for requests that never
 * reach a route (unknown paths, unsupported methods).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** platform-http serving each request on its Tomcat thread (in place of Camel's engine, under its name). */
    @Bean("platform-http-engine")
    PlatformHttpEngine inlineHttpEngine(Environment environment) {
        return new InlineHttpEngine(environment.getProperty("server.port", Integer.class, 8080));
    }

    @Bean
    Origins origins(ApiSettings settings) {
        return new Origins(settings.corsAllowedOrigins());
    }

    /** CORS answers only for the configured origins; with none configured the API is same-origin only. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(Origins origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(origins.configured());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Content-Range", "Location"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!origins.configured().isEmpty()) {
            source.registerCorsConfiguration("/api/**", cors);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiRequestFilter> apiRequestFilter(
            ApiSettings settings, ObjectMapper mapper, Origins origins) {
        FilterRegistrationBean<ApiRequestFilter> registration =
                new FilterRegistrationBean<>(new ApiRequestFilter(settings.maxRequestSize(), mapper, origins));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Tomcat's own error answers (before Spring) in the API's error shape. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** Spring's own error answers (404 for an unknown path, …) in the API's error shape. */
    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> defaults = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
                Object status = defaults.get("status");
                String reason = status instanceof Integer code && HttpStatus.resolve(code) != null
                        ? HttpStatus.resolve(code).getReasonPhrase().toLowerCase() : "error";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", reason + (defaults.get("path") != null ? ": " + defaults.get("path") : ""));
                body.put("details", List.of());
                return body;
            }
        };
    }
}
