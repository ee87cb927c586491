package io.oven.workflows.cluster;

import io.oven.workflows.settings.ClusterSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Elects the instance that runs the work done once in the cluster, as a Camel cluster service
 * ({@link CamelClusterService}: routes under {@code ClusteredRoutePolicy.forNamespace(leadership,
 * "…")} run on the leader only). The leader of a namespace is the instance holding PostgreSQL's
 * session advisory lock for it, on a connection this instance keeps for its locks (named {@code
 * oven:<instance id>}, which is how the others see who leads). Every {@code oven.cluster.heartbeat}
 * an instance tries the locks it does not hold and checks the connection of those it does: a
 * leader that dies or loses its connection loses its locks with its session, and another instance
 * takes them at its next try.
 */
@Component
public class Leadership extends AbstractCamelClusterService<Leadership.View> {

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    /** The high half of every lock key: this service's locks are told apart from others'. */
    private static final long KEY_CLASS = 0x0BE7L;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Instances instances;
    private final long everyMs;
    private final List<View> views = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticks;
    private Connection connection;

    Leadership(DataSource dataSource, JdbcTemplate jdbc, Instances instances, ClusterSettings settings, CamelContext camel)
            throws Exception {
        super("oven-leadership");
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.instances = instances;
        this.everyMs = settings.heartbeat().toMillis();
        setCamelContext(camel);
        camel.addService(this, true, false);
    }

    /** The lock key of a namespace: {@code 0x0BE7} and the CRC-32 of its name. */
    static long key(String namespace) {
        CRC32 crc = new CRC32();
        crc.update(namespace.getBytes(StandardCharsets.UTF_8));
        return (KEY_CLASS << 32) | crc.getValue();
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oven-leadership");
            thread.setDaemon(true);
            return thread;
        });
        ticks.scheduleWithFixedDelay(this::tick, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (ticks != null) {
            ticks.shutdownNow();
            ticks.awaitTermination(5, TimeUnit.SECONDS);
        }
        synchronized (this) {
            drop("this instance stops");
        }
        super.doStop();
    }

    /**
     * Namespace → the id of the instance that leads it (null while nobody does), for every
     * namespace some instance of this service has asked about.
     */
    public Map<String, String> leaders() {
        Map<String, String> leaders = new TreeMap<>();
        for (View view : views) {
            leaders.put(view.getNamespace(), view.leaderId().orElse(null));
        }
        return leaders;
    }

    private synchronized void tick() {
        try {
            if (connection == null || !connection.isValid(2)) {
                drop(connection == null ? null : "its lock connection was lost");
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set application_name = 'oven:" + instances.id() + "'"); // the id is [A-Za-z0-9._-]
                }
            }
            for (View view : views) {
                if (!view.leader) {
                    try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                        statement.setLong(1, view.key);
                        try (ResultSet rs = statement.executeQuery()) {
                            if (rs.next() && rs.getBoolean(1)) {
                                view.lead(true);
                            }
                        }
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("leadership: {}", e.getMessage());
            drop("its lock connection failed");
        }
    }

    /** Gives every lock up: unlocked and the connection closed (a dead session has lost them already). */
    private void drop(String why) {
        for (View view : views) {
            if (view.leader) {
                log.info("instance {} no longer leads {}: {}", instances.id(), view.getNamespace(), why);
                view.lead(false);
            }
        }
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_unlock_all()");
                statement.execute("reset application_name");
            } catch (SQLException | RuntimeException e) {
                // the session is gone, and its locks with it
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to give up
            }
            connection = null;
        }
    }

    private synchronized void release(View view) {
        if (view.leader && connection != null) {
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                statement.setLong(1, view.key);
                statement.execute();
            } catch (SQLException e) {
                drop("its lock connection failed");
            }
        }
        view.lead(false);
    }

    /** One namespace as this instance sees it. */
    public final class View extends AbstractCamelClusterView {

        private final long key;
        private final Member local;
        private volatile boolean leader;

        View(CamelClusterService service, String namespace) {
            super(service, namespace);
            this.key = key(namespace);
            this.local = new Member(instances.id(), true);
        }

        private void lead(boolean leads) {
            if (leader != leads) {
                leader = leads;
                if (leads) {
                    log.info("instance {} leads {}", instances.id(), getNamespace());
                }
                fireLeadershipChangedEvent(leads ? Optional.of(local) : Optional.empty());
            }
        }

        /** The instance holding this namespace's lock in this database, as PostgreSQL knows it (pg_locks shows all). */
        Optional<String> leaderId() {
            if (leader) {
                return Optional.of(instances.id());
            }
            List<String> holders = jdbc.queryForList("select a.application_name from pg_locks l join pg_stat_activity a "
                    + "on a.pid = l.pid where l.locktype = 'advisory' and l.granted "
                    + "and l.database = (select oid from pg_database where datname = current_database()) and l.classid::bigint = ? "
                    + "and l.objid::bigint = ? and l.objsubid = 1", String.class, KEY_CLASS, key & 0xFFFF_FFFFL);
            return holders.stream().filter(name -> name != null && name.startsWith("oven:"))
                    .map(name -> name.substring("oven:".length())).findFirst();
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leaderId().map(id -> id.equals(instances.id()) ? local : new Member(id, false));
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            List<CamelClusterMember> members = new ArrayList<>();
            members.add(local);
            leaderId().filter(id -> !id.equals(instances.id())).ifPresent(id -> members.add(new Member(id, false)));
            return members;
        }

        @Override
        protected void doStart() {
            views.add(this);
        }

        @Override
        protected void doStop() {
            views.remove(this);
            release(this);
        }
    }

    /** An instance in a namespace. */
    private final class Member implements CamelClusterMember {
        private final String id;
        private final boolean local;

        Member(String id, boolean local) {
            this.id = id;
            this.local = local;
        }

        @Override
        public boolean isLeader() {
            return local ? views.stream().anyMatch(v -> v.local == this && v.leader) : true;
        }

        @Override
        public boolean isLocal() {
            return local;
        }

        @Override
        public String getId() {
            return id;
        }
    }
}
