package io.oven.workflows.security;

import io.oven.workflows.api.ApiRoutes;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * Who is calling, as the REST routes see it: the security chain puts the caller's name and role in
 * the request headers {@link #NAME} and {@link #ROLE} (whatever a client sent under those names
 * is dropped first), so a Camel route can decide on what a role may change inside a body.
 */
public final class Caller {

    public static final String NAME = ApiRoutes.CALLER;
    public static final String ROLE = ApiRoutes.CALLER_ROLE;

    private Caller() {
    }

    /** The authenticated caller of this thread's request, if any. */
    static Optional<Authentication> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(auth);
    }

    static String name(Authentication auth) {
        return auth instanceof TokenAuthentication token ? token.describe() : auth.getName();
    }

    static Role role(Authentication auth) {
        return Role.highest(auth.getAuthorities()).orElse(Role.VIEWER);
    }
}
