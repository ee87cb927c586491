package io.oven.workflows.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** A token past its request rate or its executions per hour gets a 429 with {@code Retry-After}. */
final class LimitsFilter extends OncePerRequestFilter {

    private final Limits limits;
    private final ObjectMapper mapper;

    LimitsFilter(Limits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Caller.current().orElse(null) instanceof TokenAuthentication token) {
            Optional<Long> wait = limits.request(token.holder());
            if (wait.isPresent()) {
                refuse(response, wait.get(), "this token may send " + token.holder().requestsPerMinute()
                        + " requests a minute (requestsPerMinute)");
                return;
            }
            wait = limits.execution(token.holder(), request.getMethod(), request.getRequestURI(), token.describe());
            if (wait.isPresent()) {
                refuse(response, wait.get(), "this token may start " + token.holder().executionsPerHour()
                        + " executions an hour (executionsPerHour)");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, long seconds, String why) throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        ErrorBody.write(response, mapper, 429, why + ": try again in " + seconds + " s");
    }
}
