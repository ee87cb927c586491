package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.BufferedRequest;
import io.oven.workflows.api.ErrorBody;
import io.oven.workflows.api.Origins;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Jolokia's access policy, in front of it and after the login: no request from a web page of
 * another origin (Jolokia reads {@code text/plain} POSTs, which a browser sends cross-origin
 * without asking), and nothing that changes the JVM ({@code exec}, {@code write}) unless the
 * caller is an admin: viewers and editors read.
 */
final class JolokiaGuard extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of("exec", "write");
    private static final int MAX_BODY = 1 << 20;

    private final Origins origins;
    private final ObjectMapper mapper;

    JolokiaGuard(Origins origins, ObjectMapper mapper) {
        this.origins = origins;
        this.mapper = mapper;
    }

    private static boolean admin() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.isAuthenticated()
                && Role.highest(caller.getAuthorities()).map(r -> r == Role.ADMIN).orElse(false);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/jolokia");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!origins.allowed(request)) {
            refuse(response, "Jolokia does not answer web pages of another origin (" + request.getHeader("Origin") + ")");
            return;
        }
        if (admin()) {
            chain.doFilter(request, response);
            return;
        }
        String rest = request.getRequestURI().substring("/actuator/jolokia".length()).replaceFirst("^/+", "");
        String type = rest.split("/", 2)[0].toLowerCase(Locale.ROOT);
        if (CHANGING.contains(type)) {
            refuse(response, "Jolokia " + type + " is for admins");
            return;
        }
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY || changes(body)) {
                refuse(response, "Jolokia exec and write are for admins");
                return;
            }
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a POSTed request (or bulk request) asks for exec or write; unreadable counts as yes. */
    private boolean changes(byte[] body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            return true;
        }
        if (json == null) {
            return false;
        }
        for (JsonNode one : json.isArray() ? json : mapper.createArrayNode().add(json)) {
            String type = one.path("type").asText("").toLowerCase(Locale.ROOT);
            if (CHANGING.contains(type) || !one.isObject()) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response, String error) throws IOException {
        ErrorBody.write(response, mapper, 403, error);
    }
}
