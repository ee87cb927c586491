package io.oven.workflows.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user or token may do; each role can do everything the ones before it can. A viewer
 * reads; an editor also creates, edits and runs workflows, wirings, events, game data and
 * configs without secrets; an admin also manages users, tokens, secrets and the console.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** Spring Security's authority of this role: {@code ROLE_EDITOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name the API and the database use: {@code editor}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The authorities a holder of this role has: its own and those of every role below it. */
    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> all = new ArrayList<>();
        for (Role role : values()) {
            if (atLeast(role)) {
                all.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
        return all;
    }

    public static Optional<Role> of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The highest role among granted authorities; empty when none is a role. */
    public static Optional<Role> highest(Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (GrantedAuthority authority : authorities) {
            for (Role role : values()) {
                if (role.authority().equals(authority.getAuthority()) && (best == null || role.atLeast(best))) {
                    best = role;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
