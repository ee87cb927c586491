package io.oven.workflows.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.oven.workflows.registry.LocalService;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>}: a valid token authenticates the request with its role
 * (no session is made); an unknown, revoked or expired one is a 401 at once, never a fallback to
 * anonymous.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";
    private static final RequestAttributeSecurityContextRepository REQUEST_ONLY = new RequestAttributeSecurityContextRepository();

    /** The holder of this service's own token: its api-call nodes calling its modules over HTTP. */
    static final ApiTokens.Holder LOCAL = new ApiTokens.Holder(0, "workflow-engine", Role.EDITOR, null, null, null);

    private final ApiTokens tokens;
    private final LocalService local;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(ApiTokens tokens, LocalService local, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.local = local;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).trim();
        Optional<ApiTokens.Holder> holder = token.isEmpty() || token.length() > 512 ? Optional.empty()
                : local.accepts(token) ? Optional.of(LOCAL) : tokens.holder(token);
        if (holder.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("the API token is unknown, revoked or expired"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(holder.get()));
        SecurityContextHolder.setContext(context);
        // For this request only, as HTTP Basic does: the session filter then sees a context is
        // there and makes no HTTP session for it (it used to make one per request, each kept 12 h).
        REQUEST_ONLY.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
