package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.api.ApiErrors;
import io.oven.workflows.api.ErrorBody;
import io.oven.workflows.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * After the authorization decision: hands the caller to the routes ({@link Caller} headers),
 * answers {@code GET /api/auth/me}, issues the CSRF cookie the dashboard echoes, and writes an
 * audit row for every change requested through the API once its answer is known.
 */
final class CallerFilter extends OncePerRequestFilter {

    static final String ME = "/api/auth/me";
    static final String PASSWORD = "/api/auth/password";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** POSTs that change nothing: checks and lookups. */
    private static final Set<String> READS = Set.of("/api/workflows/validate", "/api/module-configs/resolve",
            JsonLoginFilter.PATH, SecurityConfiguration.LOGOUT);

    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Users users;

    CallerFilter(ObjectMapper mapper, AuditLog audit, Users users) {
        this.mapper = mapper;
        this.audit = audit;
        this.users = users;
    }

    private static boolean mustChange(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> Users.MUST_CHANGE.equals(a.getAuthority()));
    }

    /** {@code PUT /api/auth/password}: a logged-in user's own new password; the session goes on without the mark. */
    private void changePassword(HttpServletRequest request, HttpServletResponse response, Authentication caller)
            throws IOException {
        if (caller instanceof TokenAuthentication) {
            ErrorBody.write(response, mapper, 403, "an API token has no password to change");
            return;
        }
        try {
            JsonNode body;
            try {
                body = mapper.readTree(request.getInputStream());
            } catch (IOException e) {
                throw Problem.invalid("", "send { \"currentPassword\", \"password\" } as JSON");
            }
            users.changeOwnPassword(caller.getName(), body);
        } catch (Problem e) {
            ErrorBody.write(response, mapper, ApiErrors.status(e), e.getMessage(), e.details());
            return;
        }
        List<GrantedAuthority> kept = caller.getAuthorities().stream()
                .filter(a -> !Users.MUST_CHANGE.equals(a.getAuthority()))
                .map(a -> (GrantedAuthority) a).toList();
        var renewed = UsernamePasswordAuthenticationToken.authenticated(
                caller.getPrincipal(), null, kept);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(renewed);
        SecurityContextHolder.setContext(context);
        if (request.getSession(false) != null) {
            new HttpSessionSecurityContextRepository()
                    .saveContext(context, request, response);
        }
        audit.record(new AuditLog.Entry(caller.getName(), Caller.role(caller), "auth.password", "users", caller.getName(),
                "PUT", PASSWORD, 200, null));
        answerMe(request, response, mapper, renewed, "login");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf != null && request.getHeader("Authorization") == null) {
            // Makes the XSRF-TOKEN cookie when the browser has none yet; a token or Basic caller
            // sends no cookies and needs none (a cookie per answer cost measurably at load).
            csrf.getToken();
        }
        Optional<Authentication> caller = Caller.current();
        String path = request.getRequestURI();
        if (caller.isPresent() && ME.equals(path) && "GET".equals(request.getMethod())) {
            answerMe(request, response, mapper, caller.get(), caller.get() instanceof TokenAuthentication ? "token" : "login");
            return;
        }
        if (caller.isPresent() && PASSWORD.equals(path) && "PUT".equals(request.getMethod())) {
            changePassword(request, response, caller.get());
            return;
        }
        if (caller.isPresent() && mustChange(caller.get()) && (path.startsWith("/api/") || path.startsWith("/actuator/"))) {
            ErrorBody.write(response, mapper, 403, "the one-time password must be changed first: "
                    + "PUT /api/auth/password { \"currentPassword\", \"password\" }");
            return;
        }
        if (caller.isEmpty() || !path.startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        String name = Caller.name(caller.get());
        Role role = Caller.role(caller.get());
        chain.doFilter(new CallerRequest(request, name, role), response);
        if (!CHANGING.contains(request.getMethod()) || READS.contains(path) || path.endsWith("/compile")) {
            return;
        }
        // Answered by now (platform-http serves API requests on this thread, api/InlineHttpEngine):
        // the answer goes to the caller first, so storing its audit row adds nothing to its latency
        // (at one caller, 1.5 ms of 6.2 at the median on the standard workload).
        try {
            response.flushBuffer();
        } catch (IOException gone) {
            // The caller left: what it did is audited all the same.
        }
        audit.record(entry(name, role, request, response.getStatus()));
    }

    /**
     * What a change is called in the audit log: {@code workflows.create}, {@code workflows.update},
     * {@code workflows.delete}, {@code workflows.execute}, {@code workflow-executions.signal}, …
     */
    static AuditLog.Entry entry(String actor, Role role, HttpServletRequest request, int status) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        String[] segments = path.substring("/api/".length()).split("/");
        String type = segments[0];
        String target = segments.length > 1 ? segments[1] : null;
        String verb;
        if ("GET".equals(method) || "HEAD".equals(method)) {
            verb = segments.length == 1 ? "list" : "read";
        } else if (segments.length == 1) {
            verb = "events".equals(type) ? "emit" : "POST".equals(method) ? "create" : method.toLowerCase(Locale.ROOT);
        } else if (segments.length == 2) {
            verb = switch (method) {
                case "PUT", "PATCH" -> "update";
                case "DELETE" -> "delete";
                default -> segments[1];
            };
            if ("POST".equals(method)) {
                target = null;
            }
        } else {
            verb = segments[segments.length - 1].matches("\\d+") && segments.length > 3 ? segments[segments.length - 2]
                    : segments[segments.length - 1];
            if ("DELETE".equals(method)) {
                verb = verb + ".delete";
            }
        }
        ObjectNode details = null;
        if (segments.length > 2 || request.getQueryString() != null) {
            details = JsonNodeFactory.instance.objectNode();
            if (segments.length > 2) {
                details.put("subPath", String.join("/", Arrays.copyOfRange(segments, 2, segments.length)));
            }
            if (request.getQueryString() != null) {
                details.put("query", request.getQueryString().length() > 500
                        ? request.getQueryString().substring(0, 500) : request.getQueryString());
            }
        }
        return new AuditLog.Entry(actor, role, type + "." + verb, type, target, method, path, status, details);
    }

    static void answerMe(HttpServletRequest request, HttpServletResponse response, ObjectMapper mapper,
                         Authentication auth, String via) throws IOException {
        ObjectNode me = mapper.createObjectNode();
        me.put("username", Caller.name(auth));
        me.put("role", Caller.role(auth).id());
        me.put("via", via);
        me.put("mustChangePassword", mustChange(auth));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf != null) {
            csrf.getToken(); // the XSRF-TOKEN cookie, right at login
            me.put("csrfHeader", csrf.getHeaderName());
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(mapper.writeValueAsString(me));
    }

    /** The request with the caller's headers, and without any a client sent under those names. */
    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final String name;
        private final String role;

        CallerRequest(HttpServletRequest request, String name, Role role) {
            super(request);
            this.name = name;
            this.role = role.id();
        }

        private String ours(String header) {
            if (Caller.NAME.equalsIgnoreCase(header)) {
                return name;
            }
            return Caller.ROLE.equalsIgnoreCase(header) ? role : null;
        }

        @Override
        public String getHeader(String header) {
            String value = ours(header);
            return value != null ? value : super.getHeader(header);
        }

        @Override
        public Enumeration<String> getHeaders(String header) {
            String value = ours(header);
            return value != null ? Collections.enumeration(List.of(value)) : super.getHeaders(header);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String header = e.nextElement();
                if (ours(header) == null) {
                    names.add(header);
                }
            }
            names.add(Caller.NAME);
            names.add(Caller.ROLE);
            return Collections.enumeration(names);
        }
    }
}
