package io.oven.workflows.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API token. */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokens.Holder holder;

    TokenAuthentication(ApiTokens.Holder holder) {
        super(holder.role().authorities());
        this.holder = holder;
        setAuthenticated(true);
    }

    /** How the audit log names the caller: {@code token:ci (#4)}. */
    String describe() {
        return "token:" + holder.name() + " (#" + holder.id() + ")";
    }

    ApiTokens.Holder holder() {
        return holder;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return describe();
    }
}
