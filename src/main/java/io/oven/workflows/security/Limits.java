package io.oven.workflows.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a caller may still do: a token's {@code requestsPerMinute} (resilience4j rate limiters, one
 * per token, in this process), its {@code executionsPerHour} (counted from the audit log, so it
 * holds across restarts and instances; requests in flight at once may pass it by as many), and
 * at most {@link #LOGINS_PER_MINUTE} login attempts per user name. Each refusal says how many
 * seconds to wait.
 */
@Component
class Limits {

    static final int LOGINS_PER_MINUTE = 10;
    private static final Pattern STARTS_A_RUN = Pattern.compile("^/api/(workflows/[^/]+/execute|workflow-executions/[^/]+/retry)$");

    private final JdbcTemplate jdbc;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    Limits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Seconds to wait before this token may send another request; empty when it may now. */
    Optional<Long> request(ApiTokens.Holder token) {
        Integer perMinute = token.requestsPerMinute();
        if (perMinute == null) {
            return Optional.empty();
        }
        return acquire("token:" + token.id() + ":" + perMinute, perMinute);
    }

    /** Seconds to wait before this token may start another run; empty when it may (or it is no run). */
    Optional<Long> execution(ApiTokens.Holder token, String method, String path, String actor) {
        Integer perHour = token.executionsPerHour();
        if (perHour == null || !"POST".equals(method) || !STARTS_A_RUN.matcher(path).matches()) {
            return Optional.empty();
        }
        Map<String, Object> window = jdbc.queryForMap("select count(*) as n, "
                + "ceil(extract(epoch from (min(at) + interval '1 hour' - now()))) as wait from audit_log "
                + "where actor = ? and action in ('workflows.execute', 'workflow-executions.retry') and status < 300 "
                + "and at > now() - interval '1 hour'", actor);
        long started = ((Number) window.get("n")).longValue();
        if (started < perHour) {
            return Optional.empty();
        }
        Object wait = window.get("wait");
        return Optional.of(Math.max(1, wait == null ? 3600 : ((Number) wait).longValue()));
    }

    /** Seconds to wait before another login attempt as this user name; empty when it may now. */
    Optional<Long> login(String username) {
        return acquire("login:" + username.toLowerCase(Locale.ROOT), LOGINS_PER_MINUTE);
    }

    private Optional<Long> acquire(String key, int perMinute) {
        if (limiters.size() > 100_000) {
            limiters.clear(); // bounded: many user names tried; forgetting them only resets their counts
        }
        RateLimiter limiter = limiters.computeIfAbsent(key, k -> RateLimiter.of(k, RateLimiterConfig.custom()
                .limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build()));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : Duration.ofMinutes(1).toNanos();
        return Optional.of(Math.max(1, (nanos + 999_999_999) / 1_000_000_000));
    }
}
