package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /api/auth/login} with {@code { "username", "password" }}: the dashboard's login. A
 * right pair starts a session (a new session id: no fixation) and answers who is logged in; a
 * wrong one is a 401 that does not say which half was wrong. Both are in the audit log.
 */
final class JsonLoginFilter extends AbstractAuthenticationProcessingFilter {

    static final String PATH = "/api/auth/login";
    private static final String ATTEMPT = JsonLoginFilter.class.getName() + ".username";

    private final ObjectMapper mapper;

    private final Limits limits;

    JsonLoginFilter(AuthenticationManager manager, ObjectMapper mapper, AuditLog audit, Limits limits) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH), manager);
        this.mapper = mapper;
        this.limits = limits;
        setSecurityContextRepository(new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
        setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        setAuthenticationSuccessHandler((request, response, auth) -> {
            audit.record(new AuditLog.Entry(auth.getName(), Caller.role(auth), "auth.login", "users", auth.getName(),
                    "POST", PATH, 200, null));
            CallerFilter.answerMe(request, response, mapper, auth, "session");
        });
        setAuthenticationFailureHandler((request, response, e) -> {
            Object attempted = request.getAttribute(ATTEMPT);
            audit.record(new AuditLog.Entry(attempted == null ? "(none)" : attempted.toString(), null, "auth.login.failed",
                    "users", attempted == null ? null : attempted.toString(), "POST", PATH, 401, null));
            ErrorBody.write(response, mapper, 401, "wrong user name or password");
        });
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body;
        try {
            body = mapper.readTree(request.getInputStream());
        } catch (IOException e) {
            ErrorBody.write(response, mapper, 400, "send { \"username\": \"…\", \"password\": \"…\" } as JSON");
            return null;
        }
        JsonNode username = body == null ? null : body.get("username");
        JsonNode password = body == null ? null : body.get("password");
        if (username == null || !username.isTextual() || password == null || !password.isTextual()) {
            ErrorBody.write(response, mapper, 400, "send { \"username\": \"…\", \"password\": \"…\" } as JSON (two strings)");
            return null;
        }
        String name = username.asText();
        request.setAttribute(ATTEMPT, name.length() > 64 ? name.substring(0, 64) : name);
        Optional<Long> wait = limits.login(name.length() > 64 ? name.substring(0, 64) : name);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(wait.get()));
            ErrorBody.write(response, mapper, 429, "too many login attempts as this user: try again in " + wait.get() + " s");
            return null;
        }
        if (!Users.USERNAME.matcher(name).matches() || password.asText().length() > 1024) {
            throw new BadCredentialsException("wrong user name or password");
        }
        return getAuthenticationManager().authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(name, password.asText()));
    }
}
