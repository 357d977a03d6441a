package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * {@code infra/audit benchmark}: how long chaining and verifying take, on a scratch database of its own filled with
 * generated rows (events' worth of bytes: a 576-byte payload and 256 bytes of metadata each, and one rolled-back index
 * in every 10,000), dropped afterwards. Prints figures; never passes or fails on a time.
 */
final class ChainBenchmark {

    private ChainBenchmark() {}

    static void run(String adminUrl, String user, String password, int events, PrintStream out) throws SQLException {
        quietFlyway();
        String name = "icr_chain_bench_" + UUID.randomUUID().toString().substring(0, 8);
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        try {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .schemas("event_store")
                    .locations("classpath:db/eventstore")
                    .load()
                    .migrate();
            Flyway.configure()
                    .dataSource(url, user, password)
                    .schemas("read_model")
                    .defaultSchema("read_model")
                    .locations("classpath:db/readmodel")
                    .load()
                    .migrate();
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                long start = System.nanoTime();
                fill(connection, events);
                out.printf(Locale.ROOT, "generated %,d events in %.1f s%n", events, seconds(start));

                // Nothing is in flight in a scratch database: every hole is settled at once.
                EventChainer chainer = new EventChainer(
                        SigningKeys.parse(SigningKeys.generate()),
                        new EventChainer.Settings(Duration.ZERO, 5000, 1000, Duration.ofMinutes(15)),
                        Clock.systemUTC());
                start = System.nanoTime();
                EventChainer.Pass pass = chainer.chain(connection);
                double chaining = seconds(start);
                out.printf(
                        Locale.ROOT,
                        "chained %,d events (%,d gap runs, %,d signed checkpoints) in %.1f s: %,.0f events/s%n",
                        pass.events(),
                        pass.gapRuns(),
                        pass.checkpoints(),
                        chaining,
                        pass.events() / chaining);

                start = System.nanoTime();
                VerificationResult result = new ChainVerifier(null, List.of()).verify(connection);
                double verifying = seconds(start);
                out.printf(
                        Locale.ROOT,
                        "verified %,d events in %.1f s: %,.0f events/s (%s)%n",
                        result.events(),
                        verifying,
                        result.events() / verifying,
                        result.intact() ? "intact" : result.summary());
            }
        } finally {
            execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void fill(Connection connection, int events) throws SQLException {
        int total = events + events / 9_999;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_store.domain_event_entry"
                + " (global_index, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
                + " aggregate_identifier, sequence_number, type)"
                + " SELECT i, md5(i::text || 'e'), convert_to(repeat(md5(i::text || 'm'), 8), 'UTF8'),"
                + " convert_to(repeat(md5(i::text), 18), 'UTF8'), '1',"
                + " 'org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent',"
                + " to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),"
                + " md5((i / 8)::text), i % 8, 'Referral'"
                + " FROM generate_series(1, ?) AS i WHERE i % 10000 <> 0 LIMIT ?")) {
            insert.setInt(1, total + 1);
            insert.setInt(2, events);
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT setval(pg_get_serial_sequence('event_store.domain_event_entry', 'global_index'),"
                    + " (SELECT max(global_index) FROM event_store.domain_event_entry))");
            statement.execute("ANALYZE event_store.domain_event_entry");
        }
    }

    /** Flyway's progress lines would drown the figures (logback is the exec jar's logger, configured by nothing). */
    private static void quietFlyway() {
        if (org.slf4j.LoggerFactory.getLogger("org.flywaydb") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
