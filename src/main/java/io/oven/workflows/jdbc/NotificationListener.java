package io.oven.workflows.jdbc;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One connection that LISTENs on some channels, on a daemon thread of its own. After every
 * (re)connect {@code connected} runs first (notifications may have been missed while nobody
 * listened); then every wait of at most {@code waitMillis} hands what arrived — possibly nothing —
 * to {@code received}. A lost connection is logged and made again a second later.
 */
public final class NotificationListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final DataSource dataSource;
    private final String name;
    private final List<String> channels;
    private final int waitMillis;
    private final Runnable connected;
    private final Consumer<List<PGNotification>> received;
    private volatile boolean running;
    private Thread thread;

    public NotificationListener(DataSource dataSource, String name, List<String> channels, long waitMillis,
                                Runnable connected, Consumer<List<PGNotification>> received) {
        for (String channel : channels) {
            if (!channel.matches("[a-z_]+")) {
                throw new IllegalArgumentException("a channel is lower-case letters and '_': " + channel);
            }
        }
        this.dataSource = dataSource;
        this.name = name;
        this.channels = List.copyOf(channels);
        this.waitMillis = (int) Math.max(1, waitMillis);
        this.connected = connected;
        this.received = received;
    }

    /** Starts listening (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, name);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("listen " + channel);
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                connected.run();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(waitMillis);
                    received.accept(notifications == null ? List.of() : Arrays.asList(notifications));
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("{} lost its connection ({}); reconnecting", name, e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
