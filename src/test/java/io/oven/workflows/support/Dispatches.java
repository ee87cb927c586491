package io.oven.workflows.support;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the servlet dispatches of API requests by kind: a request Spring MVC served
 * asynchronously comes through a second time as an ASYNC dispatch (what issue 17 removed).
 */
@TestConfiguration(proxyBeanMethods = false)
public class Dispatches {

    public static final AtomicLong REQUESTS = new AtomicLong();
    public static final AtomicLong ASYNC = new AtomicLong();

    @Bean
    FilterRegistrationBean<Filter> dispatchCounter() {
        Filter counter = (request, response, chain) -> {
            (request.getDispatcherType() == DispatcherType.ASYNC ? ASYNC : REQUESTS).incrementAndGet();
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(counter);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
