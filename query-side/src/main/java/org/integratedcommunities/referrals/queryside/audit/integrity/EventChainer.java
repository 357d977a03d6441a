package org.integratedcommunities.referrals.queryside.audit.integrity;

import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Extends the chain ({@code audit.event_chain_link}, format in {@link ChainEncoding}) over the settled prefix of the
 * event store, and signs checkpoints of it. Plain Java on a JDBC connection, so the application's scheduler, tests
 * and the benchmark run the same code.
 *
 * <p><b>Settled prefix.</b> {@code global_index} is taken at insert, but transactions commit in their own order: an
 * index missing below a visible event may still commit. The chain never steps over such a hole until it is settled:
 * it has been missing, as seen by this chainer, for the gap timeout (the query side's own, 60 s: the command side
 * commits every appending transaction within about 20 s of its insert). Then it is a rolled-back insert and is chained
 * as a gap, so that a row appearing there later is reported, not taken for a deleted event. Until then the chain
 * stops just before it, and events after it wait; the holes after it are timed meanwhile, so that several holes
 * settle together rather than one after another. The time a hole was first seen is kept in memory: a restart, or the
 * other replica taking over, only starts the wait again, never shortens it.
 *
 * <p><b>One writer.</b> Each batch is one transaction that first locks the chain's head row with
 * {@code FOR UPDATE SKIP LOCKED}: with two replicas, whichever comes second finds it locked and skips this round.
 * Links, checkpoints and the head commit together.
 *
 * <p><b>Checkpoints</b>, signed with {@link SigningKeys}: at every {@code checkpointEveryEvents}-th event, and at the
 * head when the last checkpoint is older than {@code checkpointEvery} and the chain has grown since.
 *
 * <p>One pass at a time per instance ({@link #chain} is synchronized).
 */
public final class EventChainer {

    /**
     * How the chainer works.
     *
     * @param gapTimeout how long a missing index must have been seen missing before it is a permanent gap
     * @param batchSize events read and chained per transaction
     * @param checkpointEveryEvents a checkpoint at every this many events
     * @param checkpointEvery a checkpoint at the head when the last one is older than this and the chain has grown
     */
    public record Settings(Duration gapTimeout, int batchSize, long checkpointEveryEvents, Duration checkpointEvery) {

        public Settings {
            Objects.requireNonNull(gapTimeout, "gapTimeout");
            Objects.requireNonNull(checkpointEvery, "checkpointEvery");
            if (batchSize < 1 || checkpointEveryEvents < 1) {
                throw new IllegalArgumentException("batchSize and checkpointEveryEvents must be positive");
            }
        }
    }

    /**
     * What one pass did.
     *
     * @param events events chained
     * @param gapRuns runs of permanent gaps chained
     * @param checkpoints checkpoints signed
     * @param head the chain's head afterwards (the last index it covers); -1 if skipped
     * @param waitingAt the first index the chain waits for (a hole not yet settled), or 0 if none
     * @param skipped true if another chainer held the head and this pass did nothing
     */
    public record Pass(long events, long gapRuns, int checkpoints, long head, long waitingAt, boolean skipped) {}

    private static final String LOCK_HEAD =
            "SELECT position, link, event_count FROM audit.event_chain_head FOR UPDATE SKIP LOCKED";
    private static final String LAST_CHECKPOINT = "SELECT position, event_count, created_at"
            + " FROM audit.event_chain_checkpoint ORDER BY position DESC LIMIT 1";
    private static final String EVENTS = "SELECT " + ChainEncoding.EVENT_COLUMNS
            + " FROM event_store.domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?";
    private static final String INSERT_LINKS = "INSERT INTO audit.event_chain_link"
            + " (global_index, gap_end, event_digest, link)"
            + " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bytea[], ?::bytea[])";
    private static final String INSERT_CHECKPOINT = "INSERT INTO audit.event_chain_checkpoint"
            + " (position, link, event_count, created_at, signature) VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_HEAD =
            "UPDATE audit.event_chain_head SET position = ?, link = ?, event_count = ?";

    private final SigningKeys keys;
    private final Settings settings;
    private final Clock clock;
    private final MessageDigest sha256 = ChainEncoding.sha256();
    /** The first index of each hole seen, and when this chainer first saw it. */
    private final Map<Long, Instant> holesFirstSeen = new HashMap<>();

    public EventChainer(SigningKeys keys, Settings settings, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Chains as far as the store is settled, one transaction per batch, on this connection (its auto-commit is
     * restored afterwards).
     */
    public synchronized Pass chain(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long events = 0;
            long gapRuns = 0;
            int checkpoints = 0;
            while (true) {
                Batch batch;
                try {
                    batch = chainBatch(connection);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                if (batch == null) {
                    return new Pass(events, gapRuns, checkpoints, -1, 0, true);
                }
                events += batch.events;
                gapRuns += batch.gapRuns;
                checkpoints += batch.checkpoints;
                if (batch.last) {
                    return new Pass(events, gapRuns, checkpoints, batch.head, batch.waitingAt, false);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static final class Batch {
        long events;
        long gapRuns;
        int checkpoints;
        long head;
        long waitingAt;
        boolean last;
    }

    /** One batch in the connection's current transaction; null if another chainer holds the head. */
    private Batch chainBatch(Connection connection) throws SQLException {
        long position;
        byte[] link;
        long eventCount;
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD);
                ResultSet head = lock.executeQuery()) {
            if (!head.next()) {
                return null;
            }
            position = head.getLong(1);
            link = head.getBytes(2) == null ? ChainEncoding.genesis() : head.getBytes(2);
            eventCount = head.getLong(3);
        }
        long checkpointedEvents = 0;
        long checkpointedPosition = 0;
        Instant checkpointedAt = null;
        try (PreparedStatement last = connection.prepareStatement(LAST_CHECKPOINT);
                ResultSet checkpoint = last.executeQuery()) {
            if (checkpoint.next()) {
                checkpointedPosition = checkpoint.getLong(1);
                checkpointedEvents = checkpoint.getLong(2);
                checkpointedAt = checkpoint.getObject(3, OffsetDateTime.class).toInstant();
            }
        }

        Instant now = clock.instant();
        Batch batch = new Batch();
        List<Long> starts = new ArrayList<>();
        List<Long> gapEnds = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        List<byte[]> links = new ArrayList<>();
        List<Checkpoint> newCheckpoints = new ArrayList<>();
        int rows = 0;
        boolean blocked = false;
        try (PreparedStatement select = connection.prepareStatement(EVENTS)) {
            select.setLong(1, position);
            select.setInt(2, settings.batchSize());
            select.setFetchSize(Math.min(settings.batchSize(), 1000));
            try (ResultSet row = select.executeQuery()) {
                // Past a hole that is not settled yet nothing is chained, but the rest of the batch is still read, so
                // that the holes further on start their wait now rather than one after another.
                long scanned = position;
                while (row.next()) {
                    rows++;
                    long index = row.getLong(1);
                    if (index > scanned + 1) {
                        long first = scanned + 1;
                        Instant seen = holesFirstSeen.computeIfAbsent(first, key -> now);
                        boolean settled = Duration.between(seen, now).compareTo(settings.gapTimeout()) >= 0;
                        if (!blocked && settled) {
                            link = ChainEncoding.gapLink(link, first, index - 1, sha256);
                            starts.add(first);
                            gapEnds.add(index - 1);
                            digests.add(null);
                            links.add(link);
                            batch.gapRuns++;
                        } else if (!blocked) {
                            blocked = true;
                            batch.waitingAt = first;
                        }
                    }
                    scanned = index;
                    if (blocked) {
                        continue;
                    }
                    byte[] digest = ChainEncoding.digest(row, sha256);
                    link = ChainEncoding.eventLink(link, index, digest, sha256);
                    starts.add(index);
                    gapEnds.add(null);
                    digests.add(digest);
                    links.add(link);
                    position = index;
                    eventCount++;
                    batch.events++;
                    if (eventCount - checkpointedEvents >= settings.checkpointEveryEvents()) {
                        newCheckpoints.add(keys.sign(new Checkpoint(position, link, eventCount, now, null)));
                        checkpointedEvents = eventCount;
                        checkpointedPosition = position;
                        checkpointedAt = now;
                    }
                }
            }
        }
        batch.last = blocked || rows < settings.batchSize();
        if (batch.last
                && position > checkpointedPosition
                && (checkpointedAt == null
                        || Duration.between(checkpointedAt, now).compareTo(settings.checkpointEvery()) >= 0)) {
            newCheckpoints.add(keys.sign(new Checkpoint(position, link, eventCount, now, null)));
        }
        final long chainedTo = position;
        holesFirstSeen.keySet().removeIf(first -> first <= chainedTo);

        if (!starts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_LINKS)) {
                insert.setArray(1, connection.createArrayOf("bigint", starts.toArray(Long[]::new)));
                insert.setArray(2, connection.createArrayOf("bigint", gapEnds.toArray(Long[]::new)));
                insert.setArray(3, byteaArray(connection, digests));
                insert.setArray(4, byteaArray(connection, links));
                insert.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE_HEAD)) {
                update.setLong(1, position);
                update.setBytes(2, link);
                update.setLong(3, eventCount);
                update.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CHECKPOINT)) {
            for (Checkpoint checkpoint : newCheckpoints) {
                insert.setLong(1, checkpoint.position());
                insert.setBytes(2, checkpoint.link());
                insert.setLong(3, checkpoint.eventCount());
                insert.setObject(4, checkpoint.createdAt().atOffset(ZoneOffset.UTC));
                insert.setBytes(5, checkpoint.signature());
                insert.addBatch();
            }
            if (!newCheckpoints.isEmpty()) {
                insert.executeBatch();
            }
        }
        batch.checkpoints = newCheckpoints.size();
        batch.head = position;
        return batch;
    }

    private static Array byteaArray(Connection connection, List<byte[]> values) throws SQLException {
        return connection.createArrayOf("bytea", values.toArray(byte[][]::new));
    }
}
