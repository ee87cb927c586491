package io.oven.workflows.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.api.ErrorBody;
import io.oven.workflows.api.Origins;
import io.oven.workflows.registry.LocalService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The one security chain. Everything but health (and the dashboard's static files, which hold no
 * data) needs a login: a dashboard session ({@code POST /api/auth/login}; changes then carry the
 * {@code XSRF-TOKEN} cookie's value in {@code X-XSRF-TOKEN}), an API token
 * ({@code Authorization: Bearer}) or HTTP Basic. Viewers read, editors also change, admins also
 * manage users, tokens, the audit log and the console. Paths are matched after Spring Security's
 * firewall has refused (400) encoded slashes, dots and {@code ;} parameters, so no spelling of a
 * path reaches another rule than its own. Refusals are 401 (no or a wrong login) or 403 (a role
 * that may not) in the API's error shape.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String LOGOUT = "/api/auth/logout";
    /** Letting a workflow's core.sql write: an admin's decision. */
    static final String SQL_WRITES = "/api/workflows/*/sql-writes";
    private static final String[] DASHBOARD = {"/", "/index.html", "/assets/**", "/favicon.ico", "/favicon.svg", "/*.png",
            "/*.svg"};

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(Users users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        return new ProviderManager(provider);
    }

    /** A JSON 401; the console's pages also ask the browser for a login (Basic), the API never does. */
    @Bean
    AuthenticationEntryPoint jsonEntryPoint(ObjectMapper mapper) {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith("/actuator/hawtio")) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Oven Workflows\", charset=\"UTF-8\"");
            }
            ErrorBody.write(response, mapper, 401, unauthorized(e));
        };
    }

    private static String unauthorized(AuthenticationException e) {
        String message = e.getMessage();
        if (message != null && message.startsWith("the API token")) {
            return message;
        }
        if (e instanceof BadCredentialsException) {
            return "wrong user name or password";
        }
        return "log in first: a dashboard session, Authorization: Bearer <API token>, or HTTP Basic";
    }

    /**
     * Request matchers by path pattern ({@code /api/**}), not by asking Spring MVC which handler
     * would serve the request: the MVC matchers looked the handler up among every REST route for
     * each rule tried, on every request (Spring Security 6.5's opt-in; its 7.0 default).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    SecurityFilterChain securityChain(HttpSecurity http, ObjectMapper mapper, Origins origins, ApiTokens tokens,
                                      AuditLog audit, AuthenticationManager manager, LocalService local, Limits limits, Users users,
                                      AuthenticationEntryPoint entryPoint) throws Exception {
        AccessDeniedHandler denied = (request, response, e) -> {
            String message = e instanceof CsrfException
                    ? "the request lacks the CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
                    : "your role may not do this: " + request.getMethod() + " " + request.getRequestURI() + " needs "
                    + needed(request).id();
            Caller.current().ifPresent(caller -> {
                if (request.getRequestURI().startsWith("/api/")) {
                    audit.record(CallerFilter.entry(Caller.name(caller), Caller.role(caller), request, 403));
                }
            });
            ErrorBody.write(response, mapper, 403, message);
        };
        CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        http.authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, JsonLoginFilter.PATH).permitAll()
                        .requestMatchers(HttpMethod.GET, DASHBOARD).permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers("/api/auth/**").authenticated()
                        .requestMatchers("/api/users", "/api/users/**", "/api/tokens", "/api/tokens/**",
                                "/api/audit-log", "/api/audit-log/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, SQL_WRITES).hasRole("ADMIN")
                        .requestMatchers("/actuator/hawtio", "/actuator/hawtio/**").hasRole("ADMIN")
                        .requestMatchers("/actuator/jolokia", "/actuator/jolokia/**", "/actuator/prometheus",
                                "/actuator/metrics", "/actuator/metrics/**", "/actuator/info").hasRole("VIEWER")
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("VIEWER")
                        .requestMatchers("/api/**").hasRole("EDITOR")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                // Sessions hold a dashboard login only: a token or Basic caller's context is kept in
                // its request, which the session filter checks before it would make a session.
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // An API answers 401 rather than redirecting to a login page: no request to save and replay.
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .logout(logout -> logout.logoutRequestMatcher(
                                PathPatternRequestMatcher
                                        .withDefaults().matcher(HttpMethod.POST, LOGOUT))
                        .addLogoutHandler((request, response, auth) -> {
                            if (auth != null) {
                                audit.record(new AuditLog.Entry(Caller.name(auth), Caller.role(auth), "auth.logout",
                                        "users", auth.getName(), "POST", LOGOUT, 200, null));
                            }
                        })
                        .logoutSuccessHandler((request, response, auth) -> {
                            response.setStatus(200);
                            response.setContentType("application/json");
                            response.getWriter().write("{\"loggedOut\":true}");
                        }))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // Hawtio posts to Jolokia without the token; JolokiaGuard refuses other
                        // origins there.
                        .ignoringRequestMatchers(SecurityConfiguration::sendsCredentials)
                        .ignoringRequestMatchers(JsonLoginFilter.PATH)
                        .ignoringRequestMatchers("/actuator/jolokia", "/actuator/jolokia/**"))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .addFilterBefore(new BearerTokenFilter(tokens, local, entryPoint), BasicAuthenticationFilter.class)
                .addFilterBefore(new JsonLoginFilter(manager, mapper, audit, limits), BasicAuthenticationFilter.class)
                .addFilterAfter(new JolokiaGuard(origins, mapper), AuthorizationFilter.class)
                .addFilterAfter(new CallerFilter(mapper, audit, users), AuthorizationFilter.class)
                .addFilterAfter(new LimitsFilter(limits, mapper), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Whether a request carries no ambient login a forged page could ride on: a token (or Basic)
     * header, which a page cannot add cross-origin, or no session cookie at all (it is then a 401).
     */
    private static boolean sendsCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getRequestedSessionId() == null;
    }

    /** The least role a request needs, for the 403's message (mirrors the rules above). */
    static Role needed(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/users") || path.startsWith("/api/tokens") || path.startsWith("/api/audit-log")
                || path.startsWith("/actuator/hawtio") || path.startsWith("/actuator/") && !path.startsWith("/actuator/jolokia")
                && !path.startsWith("/actuator/prometheus") && !path.startsWith("/actuator/metrics")) {
            return Role.ADMIN;
        }
        String method = request.getMethod();
        if ("PUT".equals(method) && path.matches("/api/workflows/[^/]+/sql-writes/?")) {
            return Role.ADMIN;
        }
        return "GET".equals(method) || "HEAD".equals(method) ? Role.VIEWER : Role.EDITOR;
    }

    /** A request the firewall refuses (encoded slashes or dots, {@code ;}, …): 400 in the API's shape. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper mapper) {
        return (request, response, e) -> ErrorBody.write(response, mapper, 400,
                "the request path is not allowed: " + e.getMessage());
    }
}
