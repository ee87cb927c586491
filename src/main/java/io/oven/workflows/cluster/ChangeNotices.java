package io.oven.workflows.cluster;

import io.oven.workflows.jdbc.NotificationListener;
import io.oven.workflows.settings.ClusterSettings;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Tells the other instances that something they deploy changed, through PostgreSQL
 * {@code NOTIFY oven_changes} ({@code "<instance> <kind> <id>"}, e.g. {@code "a1 workflow 12"}):
 * each instance LISTENs on one connection of its own and hands a notice from another instance to
 * the follower of its kind, which reads the stored row and deploys what it says. A notice can be
 * missed (an instance reconnecting, a notify after a commit that failed), so every {@code
 * oven.cluster.reconcile}, and after every reconnect, the reconcilers compare what runs here with
 * what is stored. Followers and reconcilers run on the listener's one thread, one at a time.
 */
@Component
public class ChangeNotices {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);
    private static final String CHANNEL = "oven_changes";
    private static final Pattern NOTICE = Pattern.compile("(\\S+) ([a-z]+) (\\d{1,18})");

    private final JdbcTemplate jdbc;
    private final Instances instances;
    private final long reconcileMillis;
    private final Map<String, LongConsumer> followers = new ConcurrentHashMap<>();
    private final List<Runnable> reconcilers = new CopyOnWriteArrayList<>();
    private final NotificationListener listener;
    /** When the last reconcile ran (the listener's thread only). */
    private long lastReconcile;

    ChangeNotices(DataSource dataSource, JdbcTemplate jdbc, Instances instances, ClusterSettings settings) {
        this.jdbc = jdbc;
        this.instances = instances;
        this.reconcileMillis = settings.reconcile().toMillis();
        this.listener = new NotificationListener(dataSource, "oven-change-notices", List.of(CHANNEL),
                Math.min(reconcileMillis, 500), this::connected, this::received);
    }

    /** Who deploys changes of {@code kind} (a lower-case word) when another instance made one. */
    public void follow(String kind, LongConsumer follower) {
        if (!kind.matches("[a-z]+")) {
            throw new IllegalArgumentException("a change kind is a lower-case word: " + kind);
        }
        followers.put(kind, follower);
    }

    /** What compares this instance's deployments with the stored rows (and mends them) now and then. */
    public void reconcileWith(Runnable reconciler) {
        reconcilers.add(reconciler);
    }

    /**
     * Tells the other instances that the {@code kind} row {@code id} changed (call it once the change
     * is committed). A notice that cannot be sent is logged: the others find the change at their
     * next reconcile.
     */
    public void announce(String kind, long id) {
        try {
            jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, instances.id() + " " + kind + " " + id);
        } catch (RuntimeException e) {
            log.warn("could not tell the other instances that {} {} changed ({}); they reconcile within {} ms",
                    kind, id, e.getMessage(), reconcileMillis);
        }
    }

    /** Starts once everything is deployed: the first thing the listener does is reconcile. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void listenWhenReady() {
        listener.start();
    }

    /** Connected (again): what changed while nobody listened is found by a reconcile. */
    private void connected() {
        reconcile();
        lastReconcile = System.nanoTime();
    }

    private void received(List<PGNotification> notices) {
        notices.forEach(notice -> follow(notice.getParameter()));
        if (System.nanoTime() - lastReconcile >= reconcileMillis * 1_000_000L) {
            reconcile();
            lastReconcile = System.nanoTime();
        }
    }

    private void follow(String notice) {
        Matcher m = NOTICE.matcher(notice == null ? "" : notice);
        if (!m.matches()) {
            log.warn("ignored a change notice that is not '<instance> <kind> <id>'");
            return;
        }
        if (m.group(1).equals(instances.id())) {
            return; // deployed here when it was made
        }
        LongConsumer follower = followers.get(m.group(2));
        if (follower == null) {
            return;
        }
        try {
            follower.accept(Long.parseLong(m.group(3)));
        } catch (RuntimeException e) {
            log.error("following the change of {} {} from instance {} failed; the next reconcile tries again",
                    m.group(2), m.group(3), m.group(1), e);
        }
    }

    private void reconcile() {
        for (Runnable reconciler : reconcilers) {
            try {
                reconciler.run();
            } catch (RuntimeException e) {
                log.warn("reconciling deployments failed ({}); tried again in {} ms", e.getMessage(), reconcileMillis);
            }
        }
    }

    @PreDestroy
    public void stop() {
        listener.stop();
    }
}
